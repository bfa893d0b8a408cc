// Laws of the loader, checked with fast-check: round trips, robustness to corrupted files, reproducible draws.
import { test, fc } from '@fast-check/vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { stringify } from 'yaml';
import type { ModelInput } from '../../src/model/types.js';
import { loadScenario, resolveDraw, ScenarioError } from '../../src/scenario/index.js';
import { WORLD, writeFiles } from './helpers.js';

const REGION = fc.constantFrom('CN', 'US', 'JP', 'allies', '*', '!CN', '!allies');
const PRODUCTS = fc.oneof(fc.constantFrom('*', 'oxide.*', '*.Dy', 'magnet', 'conc.light'), fc.subarray(['magnet', 'oxide.Dy', 'oxide.NdPr', 'conc.light'], { minLength: 1 }));
const fraction = fc.oneof(
  fc.integer({ min: 0, max: 100 }).map((x) => `${x}%`),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 50, max: 100 })).map(([a, b]) => `uniform(${a}%, ${b}%)`),
);
const rate = fc.oneof(fc.integer({ min: 0, max: 300 }).map((x) => `${x}%`), fc.double({ min: 0, max: 3, noNaN: true }));
const date = fc.tuple(fc.integer({ min: 2024, max: 2027 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
const series = <T>(value: fc.Arbitrary<T>) =>
  fc.oneof(
    value,
    fc.uniqueArray(fc.tuple(date, value), { minLength: 1, maxLength: 3, selector: ([d]) => d }).map((pts) => Object.fromEntries([...pts].sort(([a], [b]) => (a < b ? -1 : 1)))),
  );
const window = fc.record({ start: date, length: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }) });

const policy = fc.oneof(
  fc.record({ type: fc.constant('export_ban'), from: REGION, to: REGION, products: PRODUCTS, leakage: series(fraction) }),
  fc.record({ type: fc.constant('export_quota'), from: REGION, products: PRODUCTS, limit: fc.integer({ min: 0, max: 90 }).map((x) => `${x} kt/yr`) }),
  fc.record({ type: fc.constant('export_license'), from: REGION, to: REGION, products: PRODUCTS, approval: series(fraction), delay: fc.constantFrom('0 months', '2 months', '45 days', 1) }),
  fc.record({ type: fc.constant('export_tax'), from: REGION, products: PRODUCTS, rate: series(rate) }),
  fc.record({ type: fc.constant('tariff'), importer: REGION, from: fc.constantFrom('CN', '*'), products: PRODUCTS, rate: series(rate) }),
  fc.record({ type: fc.constant('import_ban'), importer: REGION, from: REGION, products: PRODUCTS }),
  fc.record({ type: fc.constantFrom('stockpile_release', 'stockpile_build'), region: fc.constantFrom('CN', 'US', 'JP'), product: fc.constantFrom('magnet', 'oxide.Dy'), quantity: fc.integer({ min: 0, max: 500 }).map((x) => `${x} t`), over: fc.constantFrom('1 month', '6 months', '1 yr') }),
  fc.record({ type: fc.constant('capacity'), region: fc.constantFrom('CN', 'US', 'JP'), process: fc.constantFrom('mine.light', 'magnet.sinter'), change: fc.integer({ min: -50, max: 50 }).map((x) => `${x} kt/yr`), ramp: fc.constantFrom('0 months', '6 months') }),
  fc.record({ type: fc.constant('price_floor'), region: REGION, product: fc.constantFrom('magnet', 'oxide.NdPr'), price: series(fc.integer({ min: 1, max: 200 }).map((x) => `${x} USD/kg`)) }),
  fc.record({ type: fc.constant('demand_shock'), region: REGION, product: PRODUCTS, factor: series(rate) }),
);

/** A valid scenario over the fixture world (region selectors that select nothing are avoided by the world). */
const scenarioDoc = fc
  .record({
    period: fc.constantFrom('month', 'quarter', 'year'),
    start: fc.constantFrom('2025-01', '2025-Q2', '2026'),
    span: fc.integer({ min: 0, max: 30 }),
    seed: fc.integer({ min: 0, max: 1000 }),
    growth: fc.integer({ min: -20, max: 30 }).map((x) => `${x}%/yr`),
    policies: fc.array(fc.tuple(policy, window), { maxLength: 4 }),
  })
  .map(({ period, start, span, seed, growth, policies }) => ({
    name: 'generated',
    extends: 'world.yaml',
    period,
    start,
    end: `${2026 + Math.floor(span / 12)}-${String((span % 12) + 1).padStart(2, '0')}`,
    seed,
    groups: { allies: ['US', 'JP'] },
    set: { 'demand.US.magnet.growth': growth },
    policies: policies.map(([p, w], i) => {
      const [y, m] = w.start.split('-').map(Number);
      const endMonth = y * 12 + m - 1 + (w.length ?? 0);
      const end = w.length ? `${Math.floor(endMonth / 12)}-${String((endMonth % 12) + 1).padStart(2, '0')}` : undefined;
      return { id: `p${i}`, ...p, start: w.start, ...(end ? { end } : {}) };
    }),
  }));

/** The model as plain data: typed arrays as arrays, scenario and world policies together (a resolved document is one world). */
function plain(m: ModelInput): unknown {
  const { worldPolicies, scenarioPolicies, ...rest } = m;
  return JSON.parse(JSON.stringify({ ...rest, policies: [...worldPolicies, ...scenarioPolicies] }, (_, v) => (v instanceof Float64Array ? Array.from(v) : v)));
}

/** Loads, or returns the ScenarioError: selectors like "!allies" over a one-region selection may select nothing. */
async function tryLoad(file: string): Promise<Awaited<ReturnType<typeof loadScenario>> | ScenarioError> {
  try {
    return await loadScenario(file);
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
}

describe('round trips', () => {
  test.prop([scenarioDoc], { numRuns: 25 })('a generated scenario loads; its resolved document, as YAML or JSON, loads to the same model', async (doc) => {
    const dir = writeFiles({ 'world.yaml': WORLD, 'scenario.yaml': stringify(doc) });
    const s = await tryLoad(path.join(dir, 'scenario.yaml'));
    if (s instanceof ScenarioError) {
      // The only acceptable failures of a generated scenario are selections that select nothing.
      expect(s.issues.every((i) => /selects no|exempts every/.test(i.message)), s.message).toBe(true);
      return;
    }
    const model = plain(resolveDraw(s, 0).model);
    const resolvedYaml = writeFiles({ 'resolved.yaml': stringify(s.resolved), 'resolved.json': JSON.stringify(s.resolved) });
    for (const name of ['resolved.yaml', 'resolved.json']) {
      const again = await loadScenario(path.join(resolvedYaml, name));
      expect(plain(resolveDraw(again, 0).model)).toEqual(model);
      expect(again.hash).toBe(s.hash);
    }
  });
});

const SCENARIO = readFileSync(new URL('../fixtures/scenario.yaml', import.meta.url), 'utf8');
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('junk-value' as const), at: fc.nat(), junk: fc.constantFrom('hundred', '-5', '{', '[1, 2]', '"', 'import(1)', '1e999', '2025-13', 'null', '~', '&a', '*b', '!!binary x', '((((((((((((((((((((1))))))))))))))))))))') }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert-bytes' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
);

function mutate(text: string, m: fc.Arbitrary<unknown> extends never ? never : { kind: string; at: number; junk?: string; bytes?: Uint8Array }): string | Uint8Array {
  const lines = text.split('\n');
  const i = m.at % lines.length;
  switch (m.kind) {
    case 'delete-line':
      return [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n');
    case 'duplicate-line':
      return [...lines.slice(0, i + 1), ...lines.slice(i)].join('\n');
    case 'junk-value':
      lines[i] = lines[i].replace(/:\s.*$/, `: ${m.junk}`);
      return lines.join('\n');
    case 'truncate':
      return text.slice(0, m.at % text.length);
    default: {
      const bytes = Buffer.from(text, 'utf8');
      const at = m.at % bytes.length;
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(m.bytes!), bytes.subarray(at)]);
    }
  }
}

describe('robustness', () => {
  test.prop([fc.boolean(), mutation], { numRuns: 60 })('a corrupted world or scenario loads or fails with located issues, never another exception', async (inWorld, m) => {
    const files = inWorld ? { 'world-3.yaml': mutate(WORLD, m), 'scenario.yaml': SCENARIO } : { 'world-3.yaml': WORLD, 'scenario.yaml': mutate(SCENARIO, m) };
    const dir = writeFiles(files);
    try {
      const s = await loadScenario(path.join(dir, 'scenario.yaml'));
      resolveDraw(s, 0);
      resolveDraw(s, 1);
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      const issues = (e as ScenarioError).issues;
      expect(issues.length).toBeGreaterThan(0);
      for (const issue of issues) {
        expect(issue.line, (e as Error).message).toBeGreaterThanOrEqual(1);
        expect(issue.col).toBeGreaterThanOrEqual(1);
        expect(issue.message.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('reproducible draws', () => {
  const dir = writeFiles({
    'world.yaml': WORLD,
    'scenario.yaml': 'name: u\nextends: world.yaml\nset:\n  products.magnet.price: "normal(60 USD/kg, 10 USD/kg)"\n  demand.JP.magnet.growth: "uniform(0%/yr, 10%/yr)"\n',
  });
  test.prop([fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 10_000 }), fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 5 })], { numRuns: 30 })(
    'same seed ⇒ same draw k, whatever other draws ran before',
    async (seed, k, others) => {
      const a = await loadScenario(path.join(dir, 'scenario.yaml'), { seed });
      const first = resolveDraw(a, k).inputs;
      for (const o of others) resolveDraw(a, o);
      expect(resolveDraw(a, k).inputs).toEqual(first);
      const b = await loadScenario(path.join(dir, 'scenario.yaml'), { seed, draws: 10_000 });
      expect(resolveDraw(b, k).inputs).toEqual(first);
    },
  );
});

/**
 * Fuzzing the command line with mutated copies of the shipped scenarios (issue 13): lines deleted,
 * duplicated and swapped, numbers and units changed, aliases added, small alias bombs. Whatever the
 * mutation, `reesim` exits with 0 or 2 — never 1 (a bug) — prints no stack trace and one line per
 * problem, finishes in bounded time, and writes nothing outside --out.
 *
 * Each property run validates a batch of mutated files in one process (validate is fast); a couple of
 * runs simulate a mutated scenario over a three-month horizon. Cost in the suite: ~20–30 s.
 * FC_SEED / FC_NUM_RUNS reproduce or deepen the search (numbers of runs below are the defaults).
 */
import { fc } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;
const SHIPPED = join(ROOT, 'scenarios');
const WORLDS = readdirSync(SHIPPED).filter((f) => /^world-.*\.yaml$/.test(f));
const SCENARIOS = readdirSync(SHIPPED).filter((f) => f.endsWith('.yaml') && !WORLDS.includes(f));
const TEXT = new Map([...WORLDS, ...SCENARIOS].map((f) => [f, readFileSync(join(SHIPPED, f), 'utf8')]));
const numRuns = (n: number): number => (process.env.FC_NUM_RUNS ? Number(process.env.FC_NUM_RUNS) : n);

/** One edit of a file's lines; line and occurrence numbers are taken modulo what the file has. */
type Mutation =
  | { kind: 'delete'; line: number }
  | { kind: 'duplicate'; line: number }
  | { kind: 'swap'; line: number; other: number }
  | { kind: 'number'; line: number; nth: number; value: string }
  | { kind: 'unit'; line: number; nth: number; unit: string }
  | { kind: 'alias'; line: number; other: number }
  | { kind: 'bomb'; line: number; levels: number };

const UNITS = ['t/yr', 'kt/yr', 't/month', 't', 'kt', 'USD/kg', 'USD/t', '%', '%/yr', '%/month', 'months', 'month', 'yr', 'days'];
const NUMBERS = ['0', '-1', '-0.5', '0.0001', '1e308', '-1e308', '1e-308', '999999999999', '1000000', '2199', '1000', '12.5', '1e12', '0x10', '.5'];

const line = fc.nat({ max: 100_000 });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), line }),
  fc.record({ kind: fc.constant('duplicate' as const), line }),
  fc.record({ kind: fc.constant('swap' as const), line, other: line }),
  fc.record({ kind: fc.constant('number' as const), line, nth: fc.nat({ max: 5 }), value: fc.oneof(fc.constantFrom(...NUMBERS), fc.integer({ min: -1e6, max: 1e6 }).map(String)) }),
  fc.record({ kind: fc.constant('unit' as const), line, nth: fc.nat({ max: 3 }), unit: fc.constantFrom(...UNITS) }),
  fc.record({ kind: fc.constant('alias' as const), line, other: line }),
  fc.record({ kind: fc.constant('bomb' as const), line, levels: fc.integer({ min: 2, max: 5 }) }),
);

const NUMBER = /-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?/gi;
const UNIT = new RegExp(`(?<=\\d\\s?)(${UNITS.map((u) => u.replace(/[/%]/g, (c) => `\\${c}`)).sort((a, b) => b.length - a.length).join('|')})(?![\\w/])`, 'g');
/** A `key: value` line (also a list item), whose value can carry an anchor or become an alias. */
const KEY_VALUE = /^(\s*(?:- )?[\w.$-]+:\s+)(\S.*)$/;

/** Replaces the nth match of `pattern` in `text` (modulo the number of matches). */
function replaceNth(text: string, pattern: RegExp, nth: number, by: string): string {
  const matches = [...text.matchAll(pattern)];
  if (matches.length === 0) return text;
  const m = matches[nth % matches.length];
  return text.slice(0, m.index) + by + text.slice(m.index! + m[0].length);
}

/** Applies one mutation to the lines of a file. */
function mutate(lines: string[], m: Mutation): string[] {
  const out = [...lines];
  if (out.length === 0) return out;
  const i = m.line % out.length;
  switch (m.kind) {
    case 'delete': out.splice(i, 1); break;
    case 'duplicate': out.splice(i, 0, out[i]); break;
    case 'swap': { const j = m.other % out.length; [out[i], out[j]] = [out[j], out[i]]; break; }
    case 'number': out[i] = replaceNth(out[i], NUMBER, m.nth, m.value); break;
    case 'unit': out[i] = replaceNth(out[i], UNIT, m.nth, m.unit); break;
    case 'alias': {
      const j = m.other % out.length;
      const a = KEY_VALUE.exec(out[i]);
      const b = KEY_VALUE.exec(out[j]);
      if (a && b && i !== j) {
        out[i] = `${a[1]}&fz ${a[2]}`;
        out[j] = `${b[1]}*fz`;
      }
      break;
    }
    case 'bomb': {
      const bomb = [`fz0: &fz0 [x, x, x, x, x, x, x, x, x, x]`];
      for (let k = 1; k <= m.levels; k++) bomb.push(`fz${k}: &fz${k} [${Array.from({ length: 10 }, () => `*fz${k - 1}`).join(', ')}]`);
      const top = out.findIndex((l, k) => k >= i && /^\w/.test(l));
      out.splice(top < 0 ? out.length : top, 0, ...bomb);
      break;
    }
  }
  return out;
}

/** A mutated file: which shipped file, and the edits. */
const mutatedFile = fc.record({
  file: fc.constantFrom(...SCENARIOS, ...WORLDS),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }),
});

let work: string;
/** Every file the test itself created (relative to `work`); anything else outside out/ is a failure. */
const created = new Set<string>();
let counter = 0;

function write(name: string, text: string): string {
  writeFileSync(join(work, name), text);
  created.add(name);
  return name;
}

/**
 * Writes a mutated file into `work` (a world's mutation gets a scenario that extends it, so the
 * scenario's checks run too) and returns the files to validate.
 */
function materialise(m: { file: string; mutations: Mutation[] }): string[] {
  const text = m.mutations.reduce((lines, mu) => mutate(lines, mu), TEXT.get(m.file)!.split('\n')).join('\n');
  const id = ++counter;
  if (WORLDS.includes(m.file)) {
    const world = write(`mw${id}-${m.file}`, text);
    const child = write(`mw${id}-child.yaml`, TEXT.get('cn-dy-tb-ban-us.yaml')!.replace('extends: world-2024.yaml', `extends: ${world}`));
    return [world, child];
  }
  return [write(`m${id}-${m.file}`, text)];
}

interface Outcome { status: number | null; signal: string | null; stderr: string; ms: number }

function reesim(args: string[]): Outcome {
  const t0 = performance.now();
  const res = spawnSync(process.execPath, [join(ROOT, 'bin/reesim.js'), ...args], { cwd: work, encoding: 'utf8', timeout: 60_000, env: { ...process.env, REESIM_DEBUG: '' } });
  return { status: res.status, signal: res.signal, stderr: res.stderr, ms: performance.now() - t0 };
}

/** Exit 0 or 2, in time, no stack trace, one problem per line. */
function expectHandled(res: Outcome, what: string): void {
  expect(res.signal, `${what}: killed after ${Math.round(res.ms)} ms`).toBeNull();
  expect(res.stderr, what).not.toMatch(/^\s+at |internal error|this is a bug/im);
  expect([0, 2], `${what}\n${res.stderr}`).toContain(res.status);
  for (const l of res.stderr.split('\n').filter((x) => x !== '')) {
    expect(l, what).toMatch(/^(?:\S+?:\d+:\d+ |\S+?: |warning: |reesim: |Run 'reesim --help'|\.\.\. and \d+ more problems)/);
    expect(l.length, what).toBeLessThan(600);
  }
}

/** Files under `dir`, relative, recursively. */
function tree(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tree(path, base) : [relative(base, path)];
  });
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'reesim-fuzz-'));
  for (const f of [...WORLDS, ...SCENARIOS]) {
    copyFileSync(join(SHIPPED, f), join(work, f));
    created.add(f);
  }
  mkdirSync(join(work, 'out'));
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('mutated shipped scenarios', () => {
  it('validate: exit 0 or 2, no stack, one line per problem, bounded time', () => {
    fc.assert(
      fc.property(fc.array(mutatedFile, { minLength: 6, maxLength: 6 }), (batch) => {
        const files = batch.flatMap(materialise);
        expectHandled(reesim(['validate', ...files]), `validate ${files.join(' ')}`);
      }),
      { numRuns: numRuns(5) },
    );
  });

  it('run over three months: exit 0 or 2, and nothing written outside --out', () => {
    fc.assert(
      fc.property(fc.record({ file: fc.constantFrom(...SCENARIOS), mutations: fc.array(mutation, { minLength: 1, maxLength: 2 }) }), (m) => {
        const [file] = materialise(m);
        // A short horizon keeps the run cheap; a mutation may still break these lines (then exit 2).
        const text = readFileSync(join(work, file), 'utf8').replace(/^(start|end|draws|period):.*$/gm, '');
        write(file, `${text}\nperiod: month\nstart: 2025-01\nend: 2025-03\n`);
        expectHandled(reesim(['run', file, '--out', 'out', '--quiet', '--draws', '1']), `run ${file}`);
      }),
      { numRuns: numRuns(2) },
    );
    const outside = tree(work).filter((f) => !f.startsWith(`out/`) && !created.has(f));
    expect(outside).toEqual([]);
    expect(readdirSync(join(work, 'out')).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});

/**
 * Variants of a user's scenario for property tests: `variantsOf(scenario, ranges)` draws values for
 * some of its parameters — a policy's rate, dates or approval path — within stated ranges, and yields
 * each variant as plain data (the file and its `set` overrides), so fast-check prints a failing case
 * readably and shrinks it. `loadVariant` loads one.
 *
 * Ranges are keyed by `set` paths (`policies.<id>.<field>`, `demand.<region>.<product>.growth`, …,
 * docs/file-format.md), and each is one of:
 * - `[low, high]` — dates (`['2025-03', '2025-09']`: a month in between) or values with the same unit
 *   (`['0%', '50%']`, `['20 kt/yr', '60 kt/yr']`, `[-0.5, -0.1]`): a value in between;
 * - `{ oneOf: [a, b, …] }` — one of the listed values;
 * - `{ '2025-04': [low, high], '2025-09': [low, high] }` — a time series (an approval path), each
 *   date's value drawn in its range (a fixed value stays fixed).
 * When a policy's `start` and `end` are both drawn, the end comes after the start; a drawn `announce`
 * is never after a drawn `start`.
 */
import fc from 'fast-check';
import type { z } from 'zod';
import { loadScenario } from '../api/load.js';
import type { LoadedScenario, LoadOptions } from '../scenario/load.js';
import { parseDate, periodLabel } from '../scenario/timeline.js';
import { resolveTargets } from '../scenario/set.js';

/** One end of a range: a date text, a number, or a value with units. */
export type RangeEnd = string | number;

/** How one parameter varies: a range, a list of choices, or a time series of ranges (see the module comment). */
export type VariantRange =
  | readonly [low: RangeEnd, high: RangeEnd]
  | { readonly oneOf: readonly RangeEnd[] }
  | { readonly [date: string]: readonly [low: RangeEnd, high: RangeEnd] | RangeEnd };

/** Ranges by `set` path. */
export type VariantRanges = Readonly<Record<string, VariantRange>>;

/** A variant: the scenario file and the load options (its `set` overrides) that make it. Plain data. */
export interface ScenarioVariant {
  readonly file: string;
  readonly options: LoadOptions;
}

const problem = (path: string, message: string): Error => new RangeError(`variantsOf: ${path}: ${message}`);

/** Month count of a date text (`2025-04` → 2025·12 + 3), or null (a number is a value, not a date, here). */
function monthOf(text: RangeEnd): number | null {
  return typeof text === 'string' ? parseDate(text) : null;
}

const monthText = (month: number): string => periodLabel('month', month);

/** A number and the unit text after it (`'20 kt/yr'` → 20, ' kt/yr'), or null. */
function quantityOf(end: RangeEnd): { value: number; unit: string } | null {
  if (typeof end === 'number') return Number.isFinite(end) ? { value: end, unit: '' } : null;
  const m = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)(\s*)(\S.*)?$/i.exec(end);
  if (!m) return null;
  return { value: Number(m[1]), unit: m[3] ? `${m[2]}${m[3].trim()}` : '' };
}

/** Unit texts name the same unit (`month` and `months`, `%` and ` %`). */
function sameUnit(a: string, b: string): boolean {
  const norm = (u: string) => u.trim().replace(/s$/, '');
  return norm(a) === norm(b);
}

/** A value between two ends: dates give a month, quantities a number in the high end's unit. */
function between(path: string, low: RangeEnd, high: RangeEnd): fc.Arbitrary<string> {
  const [m0, m1] = [monthOf(low), monthOf(high)];
  if (m0 !== null && m1 !== null) {
    if (m1 < m0) throw problem(path, `the range [${low}, ${high}] ends before it starts`);
    return fc.integer({ min: m0, max: m1 }).map(monthText);
  }
  const [q0, q1] = [quantityOf(low), quantityOf(high)];
  if (!q0 || !q1) throw problem(path, `expected two dates or two values such as ['10%', '50%'], got [${JSON.stringify(low)}, ${JSON.stringify(high)}]`);
  if (!sameUnit(q0.unit, q1.unit)) throw problem(path, `both ends need the same unit, got "${low}" and "${high}"`);
  if (q1.value < q0.value) throw problem(path, `the range [${low}, ${high}] ends below where it starts`);
  return fc.double({ min: q0.value, max: q1.value, noNaN: true, noDefaultInfinity: true })
    .map((x) => `${Number((x === 0 ? 0 : x).toPrecision(6))}${q1.unit}`);
}

function isPair(x: unknown): x is readonly [RangeEnd, RangeEnd] {
  return Array.isArray(x) && x.length === 2 && x.every((e) => typeof e === 'string' || typeof e === 'number');
}

/** The arbitrary of one parameter's value, as scenario-language text (what `set` takes). */
function valueArbitrary(path: string, range: VariantRange): fc.Arbitrary<string> {
  if (isPair(range)) return between(path, range[0], range[1]);
  if (range === null || typeof range !== 'object' || Array.isArray(range)) throw problem(path, 'expected [low, high], { oneOf: […] } or a series { date: [low, high] }');
  if ('oneOf' in range) {
    const choices = (range as { oneOf: readonly RangeEnd[] }).oneOf;
    if (!Array.isArray(choices) || choices.length === 0) throw problem(path, 'oneOf needs at least one value');
    return fc.constantFrom(...choices.map(String));
  }
  const dates = Object.keys(range);
  if (dates.length === 0) throw problem(path, 'a series needs at least one date');
  const points = dates.map((date) => {
    if (monthOf(date) === null) throw problem(path, `expected a date YYYY-MM, YYYY-Qn or YYYY as a series key, got "${date}"`);
    const r = (range as Record<string, unknown>)[date];
    if (isPair(r)) return between(`${path}.${date}`, r[0], r[1]);
    if (typeof r === 'string' || typeof r === 'number') return fc.constant(String(r));
    throw problem(path, `${date}: expected [low, high] or a fixed value`);
  });
  return fc.tuple(...points).map((values) => `{${dates.map((d, i) => `${d}: ${values[i]}`).join(', ')}}`);
}

/** Checks that `path` is a parameter `set` can change in this scenario (throws a RangeError naming it otherwise). */
function checkPath(doc: Record<string, unknown>, path: string): void {
  const targets = resolveTargets(doc, path, { file: 'variantsOf', path: [], line: 0, col: 0 });
  if (typeof targets === 'string') throw problem(path, targets);
  for (const t of targets) {
    const fields = Object.keys((t.schema as z.ZodObject).shape);
    if (!fields.includes(t.field) || ['type', 'id', 'region', 'product', 'process', 'sector'].includes(t.field)) {
      throw problem(path, `cannot vary "${t.field}" (fields: ${fields.filter((f) => !['type', 'id', 'region', 'product', 'process', 'sector', 'source', 'description'].includes(f)).join(', ')})`);
    }
  }
}

/**
 * Policy windows stay ordered in every variant: start < end and announce ≤ start, whichever of them are
 * drawn (the others are the scenario's own), so that a variant is a valid scenario.
 */
function windowsOrdered(doc: Record<string, unknown>, set: Readonly<Record<string, string>>): boolean {
  const policies = Array.isArray(doc.policies) ? (doc.policies as Record<string, unknown>[]) : [];
  for (const p of policies) {
    const at = (field: string): number | null => {
      const drawn = set[`policies.${String(p.id)}.${field}`];
      const value = drawn ?? p[field];
      return typeof value === 'number' ? monthOf(String(value)) : value === undefined ? null : monthOf(value as string);
    };
    const [start, end, announce] = [at('start'), at('end'), at('announce')];
    if (start !== null && end !== null && end <= start) return false;
    if (start !== null && announce !== null && announce > start) return false;
  }
  return true;
}

/**
 * fast-check arbitrary of variants of `scenario` (from `loadScenario`): each draws a value for every
 * path of `ranges` within its range (see the module comment). Paths are checked now, against the
 * scenario: an unknown policy, region or field throws a RangeError naming it.
 */
export function variantsOf(scenario: LoadedScenario, ranges: VariantRanges): fc.Arbitrary<ScenarioVariant> {
  const paths = Object.keys(ranges);
  if (paths.length === 0) throw new RangeError('variantsOf: name at least one parameter to vary, e.g. { "policies.<id>.rate": ["0%", "100%"] }');
  const doc = structuredClone(scenario.resolved) as Record<string, unknown>;
  for (const path of paths) checkPath(doc, path);
  const drawn = fc.record(Object.fromEntries(paths.map((path) => [path, valueArbitrary(path, ranges[path])])) as Record<string, fc.Arbitrary<string>>);
  const base = scenario.loadOptions ?? {};
  return drawn.filter((set) => windowsOrdered(doc, set)).map((set) => ({ file: scenario.file, options: { ...base, set: { ...(base.set ?? {}), ...set } } }));
}

/** Loads a variant (a ScenarioError, located at the `--set` path, if a drawn value is not acceptable). */
export function loadVariant(variant: ScenarioVariant): Promise<LoadedScenario> {
  return loadScenario(variant.file, variant.options);
}

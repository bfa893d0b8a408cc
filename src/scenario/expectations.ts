/**
 * Expectations (`expect:`): conditions on values of summary.csv that `reesim check` verifies. Compiling
 * one checks its region, product and measure against the world (a located error with "did you mean"
 * otherwise) and converts its bounds once into the measure's column unit, so evaluating it later is
 * a plain comparison of numbers.
 */
import type { Ctx } from './context.js';
import { compileExpression } from './expression.js';
import { show } from './issues.js';
import { EXPECTATION_STATISTICS } from './schema.js';
import { productId, regionId } from './selectors.js';
import { isUnit, toCanonical, type Quantity } from './units.js';
import { suggest } from './zodIssues.js';
import { SUMMARY_MEASURES } from '../output/tables.js';
import type { ColumnKind } from '../output/format.js';

/** Which value of a run an expectation is checked on. */
export type ExpectationStatistic = (typeof EXPECTATION_STATISTICS)[number];

/** A compiled expectation: plain data (it is written into manifest.json). */
export interface Expectation {
  /** `file:line:col` of the expectation in the file that declares it. */
  readonly location: string;
  readonly region: string;
  readonly product: string;
  /** A measure column of summary.csv. */
  readonly measure: string;
  readonly statistic: ExpectationStatistic;
  /** Inclusive bounds in the measure's column unit (`unit`); null = no bound on that side. */
  readonly min: number | null;
  readonly max: number | null;
  /** The column's unit: t, USD/kg, % or months. */
  readonly unit: string;
}

/** Unit of each kind of summary column, as printed next to values. */
const MEASURE_UNITS: Record<ColumnKind, string> = { tonnes: 't', price: 'USD/kg', pct: '%', count: 'months', fraction: 'fraction', usd: 'USD' };

/** A value's canonical number for one kind of column, or the reason it is not one. */
function toColumnUnit(raw: string | number, value: Quantity, kind: ColumnKind): number | string {
  switch (kind) {
    case 'tonnes':
      return toCanonical(value, 'mass', { periodsPerYear: 12, monthsPerPeriod: 1 });
    case 'price':
      return toCanonical(value, 'price', { periodsPerYear: 12, monthsPerPeriod: 1 });
    case 'count':
      // months_short counts months whatever the period length: a duration converts to months.
      return toCanonical(value, 'duration', { periodsPerYear: 12, monthsPerPeriod: 1 });
    case 'pct':
      // Percentage columns hold percent points: 5 and 5% both mean five percent.
      if (isUnit(value)) return `a value in ${value.formatUnits()}`;
      return typeof raw === 'string' && raw.includes('%') ? value * 100 : value;
    default:
      return isUnit(value) ? `a value in ${value.formatUnits()}` : value;
  }
}

const EXAMPLE: Record<ColumnKind, string> = {
  tonnes: 'a quantity such as 500 t or 2 kt',
  price: 'a price such as 60 USD/kg',
  pct: 'a percentage such as 25 or 25%',
  count: 'a number of months such as 6 or 1 yr',
  fraction: 'a number',
  usd: 'a number',
};

/** Compiles `expect:` of the merged document; reports every problem, located, into the context. */
export function compileExpectations(ctx: Ctx): Expectation[] {
  const list = ctx.get(['expect']);
  if (!Array.isArray(list)) return [];
  const names = SUMMARY_MEASURES.map((m) => m.name);
  const out: Expectation[] = [];
  list.forEach((entry: Record<string, unknown>, i) => {
    const at = ['expect', i];
    const before = ctx.issues.count;
    const r = regionId(ctx, [...at, 'region']);
    const p = productId(ctx, [...at, 'product']);
    const measure = SUMMARY_MEASURES.find((m) => m.name === entry.measure);
    if (!measure) {
      ctx.error([...at, 'measure'], `unknown measure "${String(entry.measure)}"${suggest(String(entry.measure), names)} (measures of summary.csv: ${names.join(', ')})`);
    }
    const bound = (side: 'min' | 'max'): number | null => {
      const raw = entry[side];
      if (raw === undefined || raw === null || !measure) return null;
      if (typeof raw !== 'number' && typeof raw !== 'string') return null; // the shape check reported it
      const expr = compileExpression(raw);
      const expected = EXAMPLE[measure.kind];
      if (typeof expr === 'string') {
        ctx.error([...at, side], `expected ${expected}, got ${show(raw)}: ${expr}`);
        return null;
      }
      if (expr.calls.length > 0) {
        ctx.error([...at, side], `expected a fixed bound, got the distribution ${show(raw)} (the statistic chooses what is compared)`);
        return null;
      }
      const x = toColumnUnit(raw, expr.central, measure.kind);
      if (typeof x === 'string' || !Number.isFinite(x)) {
        ctx.error([...at, side], `expected ${expected} for ${measure.name}, got ${show(raw)}`);
        return null;
      }
      return x;
    };
    const min = bound('min');
    const max = bound('max');
    if (entry.min === undefined && entry.max === undefined) ctx.error(at, 'expected min, max or both: an expectation without a bound checks nothing');
    if (min !== null && max !== null && min > max) ctx.error([...at, 'max'], `expected max ≥ min (${show(entry.min)}), got ${show(entry.max)}`);
    if (ctx.issues.count > before || r < 0 || p < 0 || !measure) return;
    const loc = ctx.loc(at);
    out.push({
      location: `${loc.file}:${loc.line}:${loc.col}`,
      region: String(entry.region),
      product: String(entry.product),
      measure: measure.name,
      statistic: (entry.statistic as ExpectationStatistic | undefined) ?? 'central',
      min,
      max,
      unit: MEASURE_UNITS[measure.kind],
    });
  });
  return out;
}

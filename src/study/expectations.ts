/**
 * Evaluating a scenario's expectations on the summaries of its draws: the value an expectation compares
 * is exactly the one summary.csv shows (the same statistic over the same draws, rounded to the same
 * decimals), so what `reesim check` prints can be found in the result folder.
 *
 * `central` is draw 0; `mean`, `p5`, `p50`, `p95` are over the random draws 1…n−1 (as in summary.csv);
 * `every` holds when each draw, draw 0 included, is within the bounds, and reports the draw furthest
 * outside them (or closest to a bound when all hold). A value that does not exist — a region × product
 * without a summary row, a percentage change against a zero baseline, a statistic of a single draw —
 * fails the expectation, with the reason: an unverifiable expectation must not pass silently.
 */
import { formatKind, formatNumber } from '../output/format.js';
import { SUMMARY_MEASURES } from '../output/tables.js';
import type { Expectation } from '../scenario/expectations.js';
import { sampleStats } from './quantiles.js';

/** An expectation with the value it was compared with and the outcome. */
export interface ExpectationResult extends Expectation {
  /** The compared value in the column unit, rounded as in summary.csv; null when there is none. */
  readonly value: number | null;
  /** For `every`: the draw that gave `value`; otherwise null. */
  readonly draw: number | null;
  /** Draws the run had. */
  readonly draws: number;
  readonly holds: boolean;
  /** Why there is no value (the expectation then fails); null when there is one. */
  readonly note: string | null;
}

/** The ids needed to find a region × product in the summaries (a ModelInput has them; so does a shard). */
interface SummaryIds {
  readonly regions: readonly { readonly id: string }[];
  readonly products: readonly { readonly id: string }[];
}

const M = SUMMARY_MEASURES.length;

/** How far `x` lies outside [min, max] (negative: inside, by the distance to the nearer bound). */
function excess(x: number, e: Expectation): number {
  const below = e.min === null ? -Infinity : e.min - x;
  const above = e.max === null ? -Infinity : x - e.max;
  return Math.max(below, above);
}

/**
 * Evaluates `expectations` on the summaries of every draw of a run: `summaries[k]` holds draw k's
 * values, pair-major (pair r·P + p, then measure in SUMMARY_MEASURES order), NaN where undefined.
 */
export function evaluateExpectations(expectations: readonly Expectation[], ids: SummaryIds, summaries: readonly Float64Array[]): ExpectationResult[] {
  const P = ids.products.length;
  const draws = summaries.length;
  return expectations.map((e) => {
    const r = ids.regions.findIndex((x) => x.id === e.region);
    const p = ids.products.findIndex((x) => x.id === e.product);
    const m = SUMMARY_MEASURES.findIndex((x) => x.name === e.measure);
    const kind = SUMMARY_MEASURES[m]?.kind ?? 'fraction';
    const round = (x: number): number => Number(formatKind(x, kind));
    const done = (value: number | null, draw: number | null, note: string | null): ExpectationResult => ({
      ...e, value, draw, draws, note,
      holds: value !== null && note === null && excess(value, e) <= 0,
    });
    if (r < 0 || p < 0 || m < 0) return done(null, null, `no value: ${e.region} × ${e.product} × ${e.measure} is not in this run's summary`);
    const pair = r * P + p;
    const at = (k: number): number => summaries[k][pair * M + m];
    const missing = (k: number): string => {
      const inactive = Array.from({ length: M }, (_, j) => summaries[k][pair * M + j]).every((x) => !Number.isFinite(x));
      return inactive
        ? `no value: ${e.region} has no ${e.product} row in summary.csv (nothing produced, traded, stocked or demanded there)`
        : `no value: ${e.measure} is undefined for ${e.region} ${e.product}${draws > 1 ? ` in draw ${k}` : ''} (an empty cell in summary.csv)`;
    };
    if (draws === 0) return done(null, null, 'no value: the run has no draws');
    switch (e.statistic) {
      case 'central':
        return Number.isFinite(at(0)) ? done(round(at(0)), null, null) : done(null, null, missing(0));
      case 'every': {
        let worst = -1;
        for (let k = 0; k < draws; k++) {
          if (!Number.isFinite(at(k))) return done(null, k, missing(k));
          if (worst < 0 || excess(round(at(k)), e) > excess(round(at(worst)), e)) worst = k;
        }
        return done(round(at(worst)), worst, null);
      }
      default: {
        if (draws < 2) return done(null, null, `no value: ${e.statistic} is over the random draws, and this run has only the central draw (set draws ≥ 2)`);
        const stats = sampleStats(Array.from({ length: draws - 1 }, (_, j) => at(j + 1)));
        return stats === null ? done(null, null, missing(1)) : done(round(stats[e.statistic]), null, null);
      }
    }
  });
}

/** A value with its unit; values are already rounded to their column's decimals, so none are lost here. */
function showValue(x: number, unit: string): string {
  return `${formatNumber(x, 6)}${unit === '%' ? '%' : ` ${unit}`}`;
}

/** The bounds of an expectation as text: `≤ 500 t`, `≥ 10 t`, `10 t … 500 t`. */
function boundsText(e: Expectation): string {
  if (e.min !== null && e.max !== null) return `${showValue(e.min, e.unit)} … ${showValue(e.max, e.unit)}`;
  return e.max !== null ? `≤ ${showValue(e.max, e.unit)}` : `≥ ${showValue(e.min ?? 0, e.unit)}`;
}

/**
 * One line per result, as `reesim check` prints it:
 * `PASS scenarios/x.yaml:14:5 x: US magnet cumulative_shortage_t (central) = 120 t, expected ≤ 500 t`.
 */
export function formatExpectationResult(scenario: string, res: ExpectationResult): string {
  const random = res.draws - 1;
  const stat = res.statistic === 'every' ? `every one of ${res.draws} draw${res.draws === 1 ? '' : 's'}`
    : res.statistic === 'central' || random < 1 ? res.statistic
    : `${res.statistic} of ${random} draw${random === 1 ? '' : 's'}`;
  const what = `${scenario}: ${res.region} ${res.product} ${res.measure} (${stat})`;
  const value = res.value === null ? `: ${res.note}` : ` = ${showValue(res.value, res.unit)}${res.draw !== null ? ` in draw ${res.draw}` : ''}`;
  return `${res.holds ? 'PASS' : 'FAIL'} ${res.location} ${what}${value}, expected ${boundsText(res)}`;
}

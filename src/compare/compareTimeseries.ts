/**
 * compare_timeseries.csv: the central time series (draw 0) of run a against run b, tidy — one row per
 * period × region × product × measure with columns a, b, diff (b − a).
 *
 * Periods are the union of both runs' periods in time order (runs may have different horizons); a period
 * a run does not cover is an empty cell. A pair a run left out was zero throughout: quantities 0, price
 * empty. Rows where neither run has a value are not written.
 */
import { formatKind, type ColumnKind } from '../output/format.js';
import { orderedUnion } from '../report/results/orderedUnion.js';
import { sortPeriods } from '../report/results/periods.js';
import { pairKey, type Pair, type SeriesTable } from '../report/results/series.js';

/** The measures compared over time and their kinds. */
export const COMPARED_SERIES: readonly { name: string; kind: ColumnKind }[] = [
  { name: 'price_usd_per_kg', kind: 'price' },
  { name: 'shortage_t', kind: 'tonnes' },
  { name: 'consumption_t', kind: 'tonnes' },
  { name: 'imports_t', kind: 'tonnes' },
];

/** Header of compare_timeseries.csv. */
export const COMPARE_TIMESERIES_COLUMNS: readonly string[] = ['period', 'region', 'product', 'measure', 'a', 'b', 'diff'];

/** Value of one run at a cell: null outside its periods, the absent default for a row it left out. */
function cell(run: SeriesTable, periods: ReadonlySet<string>, period: string, pair: Pair, measure: string, kind: ColumnKind): number | null {
  if (!periods.has(period)) return null;
  const v = run.value(period, pair.region, pair.product, measure);
  if (v === undefined) return kind === 'price' ? null : 0;
  return v;
}

/** Rows of compare_timeseries.csv: period-major, then pairs (a's order, then b's extras), then measures. */
export function* compareTimeseriesRows(a: SeriesTable, b: SeriesTable): Generator<string[]> {
  const periods = sortPeriods(orderedUnion(a.periods, b.periods));
  const pa = new Set(a.periods);
  const pb = new Set(b.periods);
  const pairs = new Map<string, Pair>();
  for (const p of [...a.pairs, ...b.pairs]) if (!pairs.has(pairKey(p.region, p.product))) pairs.set(pairKey(p.region, p.product), p);
  for (const period of periods) {
    for (const pair of pairs.values()) {
      for (const m of COMPARED_SERIES) {
        const va = cell(a, pa, period, pair, m.name, m.kind);
        const vb = cell(b, pb, period, pair, m.name, m.kind);
        if (va === null && vb === null) continue;
        const diff = va !== null && vb !== null ? vb - va : null;
        yield [period, pair.region, pair.product, m.name, formatKind(va, m.kind), formatKind(vb, m.kind), formatKind(diff, m.kind)];
      }
    }
  }
}

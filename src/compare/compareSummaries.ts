/**
 * compare.csv: summary.csv of run a against run b, wide and spreadsheet-ready — one row per statistic ×
 * region × product, and for each measure the columns `<measure>_a`, `<measure>_b`, `<measure>_diff`
 * (b − a) and `<measure>_diff_pct` (in % of a).
 *
 * Which rows are compared: a single run's summary is its draw 0, which takes central values; a Monte
 * Carlo run's summary has `central` (draw 0) and quantile rows. `central` is therefore always compared,
 * and `p50` too when both runs are Monte Carlo (a single run has no median to set against it).
 *
 * A region × product that one run leaves out was zero throughout in that run (the writer drops all-zero
 * rows), so its quantities and months count as 0; its prices and % changes are unknown (empty cells).
 */
import { formatKind, type ColumnKind } from '../output/format.js';
import { SUMMARY_MEASURES } from '../output/tables.js';
import { orderedUnion } from '../report/results/orderedUnion.js';
import { pairKey } from '../report/results/series.js';
import { rowsOf, type Summary, type SummaryRow } from '../report/results/summary.js';
import { compareValues, type MeasureComparison } from './measureComparison.js';

/** One compared row: a statistic of one region × product, every measure compared. */
export interface PairComparison {
  readonly statistic: string;
  readonly region: string;
  readonly product: string;
  readonly measures: ReadonlyMap<string, MeasureComparison>;
}

/** The summary comparison: measures compared (SUMMARY_MEASURES order) and rows in a stable order. */
export interface SummaryComparison {
  readonly measures: readonly string[];
  readonly rows: readonly PairComparison[];
}

/** Column kind of a summary measure (tonnes when unknown). */
export function measureKind(measure: string): ColumnKind {
  return SUMMARY_MEASURES.find((m) => m.name === measure)?.kind ?? 'tonnes';
}

/** Value of a measure for a pair a run left out: 0 for quantities and counts, unknown for prices and %. */
export function absentValue(measure: string): number | null {
  const kind = measureKind(measure);
  return kind === 'price' || kind === 'pct' ? null : 0;
}

/** The statistics compared for two runs of the given kinds: `central`, plus `p50` when both are Monte Carlo. */
export function comparedStatistics(a: Summary, b: Summary): string[] {
  return a.kind === 'monte-carlo' && b.kind === 'monte-carlo' ? ['central', 'p50'] : ['central'];
}

function valueOf(row: SummaryRow | undefined, measure: string): number | null {
  if (row === undefined) return absentValue(measure);
  return row.values.get(measure) ?? null;
}

/** Compares two summaries: statistic-major, then pairs in a's order followed by pairs only b has. */
export function compareSummaries(a: Summary, b: Summary): SummaryComparison {
  const known = SUMMARY_MEASURES.map((m) => m.name);
  const measures = known.filter((m) => a.measures.includes(m) || b.measures.includes(m));
  const rows: PairComparison[] = [];
  for (const statistic of comparedStatistics(a, b)) {
    const byKey = (rs: SummaryRow[]) => new Map(rs.map((r) => [pairKey(r.region, r.product), r]));
    const ra = byKey(rowsOf(a, statistic));
    const rb = byKey(rowsOf(b, statistic));
    for (const key of orderedUnion(ra.keys(), rb.keys())) {
      const first = (ra.get(key) ?? rb.get(key)) as SummaryRow;
      rows.push({
        statistic,
        region: first.region,
        product: first.product,
        measures: new Map(measures.map((m) => [m, compareValues(valueOf(ra.get(key), m), valueOf(rb.get(key), m))])),
      });
    }
  }
  return { measures, rows };
}

/** Header of compare.csv. */
export function compareColumns(measures: readonly string[]): string[] {
  return ['statistic', 'region', 'product', ...measures.flatMap((m) => [`${m}_a`, `${m}_b`, `${m}_diff`, `${m}_diff_pct`])];
}

/** Rows of compare.csv, numbers formatted like the run's own tables. */
export function* compareRows(cmp: SummaryComparison): Generator<string[]> {
  for (const row of cmp.rows) {
    const cells = [row.statistic, row.region, row.product];
    for (const m of cmp.measures) {
      const c = row.measures.get(m) as MeasureComparison;
      const kind = measureKind(m);
      cells.push(formatKind(c.a, kind), formatKind(c.b, kind), formatKind(c.diff, kind), formatKind(c.diffPct, 'pct'));
    }
    yield cells;
  }
}

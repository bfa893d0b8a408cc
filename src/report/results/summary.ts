/**
 * summary.csv as typed rows. A single run writes one row per draw × region × product (`draw` column); a
 * Monte Carlo run one per statistic × region × product (`statistic` ∈ central, mean, p5, p50, p95). Both
 * are read into rows labelled by a statistic: a single run's draw 0 is its `central` row, since draw 0
 * always takes central values.
 */
import { UsageError } from '../../cli/errors.js';
import { SUMMARY_MEASURES } from '../../output/tables.js';
import { columnIndex, numberAt } from './csvTable.js';
import { centralDrawOnly, readResultTable } from './folder.js';

/** Whether a result folder holds one run (draw 0) or a Monte Carlo run (statistics over draws). */
export type RunKind = 'single' | 'monte-carlo';

/** One region × product row of summary.csv for one statistic. */
export interface SummaryRow {
  readonly statistic: string;
  readonly region: string;
  readonly product: string;
  /** Measure name (column header) → value; null = empty cell (undefined). */
  readonly values: ReadonlyMap<string, number | null>;
}

/** A result folder's summary.csv. */
export interface Summary {
  readonly file: string;
  readonly kind: RunKind;
  /** The known summary measures present in the file, in SUMMARY_MEASURES order. */
  readonly measures: readonly string[];
  readonly rows: readonly SummaryRow[];
}

/** Reads `dir/summary.csv` (draw 0 only for a single run). */
export async function readSummary(dir: string): Promise<Summary> {
  const table = await readResultTable(dir, 'summary.csv', centralDrawOnly);
  const hasDraw = table.columns.includes('draw');
  const hasStatistic = table.columns.includes('statistic');
  if (hasDraw === hasStatistic) {
    throw new UsageError(`${table.file}: expected either a "draw" column (single run) or a "statistic" column (Monte Carlo run)`);
  }
  const kind: RunKind = hasStatistic ? 'monte-carlo' : 'single';
  const stat = hasStatistic ? columnIndex(table, 'statistic') : -1;
  const region = columnIndex(table, 'region');
  const product = columnIndex(table, 'product');
  const measures = SUMMARY_MEASURES.map((m) => m.name).filter((m) => table.columns.includes(m));
  const cols = measures.map((m) => columnIndex(table, m));
  const rows = table.rows.map((cells, r): SummaryRow => ({
    statistic: stat >= 0 ? cells[stat].trim() : 'central',
    region: cells[region],
    product: cells[product],
    values: new Map(measures.map((m, k) => [m, numberAt(table, r, cols[k])])),
  }));
  return { file: table.file, kind, measures, rows };
}

/** The rows of one statistic, in file order. */
export function rowsOf(summary: Summary, statistic: string): SummaryRow[] {
  return summary.rows.filter((r) => r.statistic === statistic);
}

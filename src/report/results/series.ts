/**
 * Tidy time-series tables keyed by period × region × product (timeseries.csv at draw 0, and
 * timeseries_quantiles.csv, whose rows add a `measure` and carry one column per statistic).
 */
import { columnIndex, numberAt, type CsvTable } from './csvTable.js';
import { orderedUnion } from './orderedUnion.js';
import { sortPeriods } from './periods.js';

/** A region × product pair. */
export interface Pair {
  readonly region: string;
  readonly product: string;
}

/** Map key of a pair (ids contain no tab). */
export function pairKey(region: string, product: string): string {
  return `${region}\t${product}`;
}

/** Values of a table by period × region × product, with its periods and pairs in order. */
export interface SeriesTable {
  readonly file: string;
  /** Periods in time order. */
  readonly periods: readonly string[];
  /** Pairs in first-appearance order (the writer's world order). */
  readonly pairs: readonly Pair[];
  /** Value of `column` (or, for quantiles, `measure` + statistic column) at a period and pair:
   * undefined when the row is absent (zero throughout, left out by the writer), null when the cell is empty. */
  value(period: string, region: string, product: string, column: string, measure?: string): number | null | undefined;
  /** Columns of the underlying table. */
  readonly columns: readonly string[];
}

/** Indexes a tidy table by period, region, product (and `measure` when the table has that column). */
export function seriesTable(table: CsvTable): SeriesTable {
  const [p, r, q] = ['period', 'region', 'product'].map((c) => columnIndex(table, c));
  const m = table.columns.indexOf('measure');
  const index = new Map<string, number>();
  const periods: string[] = [];
  const pairs = new Map<string, Pair>();
  table.rows.forEach((cells, i) => {
    const key = `${cells[p]}\t${cells[r]}\t${cells[q]}${m >= 0 ? `\t${cells[m]}` : ''}`;
    index.set(key, i);
    periods.push(cells[p]);
    const pk = pairKey(cells[r], cells[q]);
    if (!pairs.has(pk)) pairs.set(pk, { region: cells[r], product: cells[q] });
  });
  const colIndex = new Map(table.columns.map((c, i) => [c, i]));
  return {
    file: table.file,
    periods: sortPeriods(orderedUnion(periods, [])),
    pairs: [...pairs.values()],
    columns: table.columns,
    value(period, region, product, column, measure) {
      const row = index.get(`${period}\t${region}\t${product}${measure !== undefined ? `\t${measure}` : ''}`);
      const c = colIndex.get(column);
      if (row === undefined || c === undefined) return undefined;
      return numberAt(table, row, c);
    },
  };
}

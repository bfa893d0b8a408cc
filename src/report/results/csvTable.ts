/**
 * A small, robust reader for the result CSVs (csv-parse, the sibling of the csv-stringify that wrote
 * them): streamed so that a Monte Carlo timeseries.csv with every draw never sits in memory whole — a
 * `keep` filter drops the rows a consumer does not need (usually every draw but 0) while parsing.
 *
 * Cells stay strings; numbers are parsed on access by `numberAt`, which knows the file and line to blame.
 */
import { createReadStream } from 'node:fs';
import { parse, CsvError } from 'csv-parse';
import { UsageError } from '../../cli/errors.js';

/** A parsed CSV file: its header and the kept data rows (cells as written). */
export interface CsvTable {
  readonly file: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Line in the file of each kept row (1 = header), for error messages. */
  readonly lines: readonly number[];
}

/** Decides while parsing whether a data row is kept; `col` maps a column name to its index (or -1). */
export type RowFilter = (cells: readonly string[], col: (name: string) => number) => boolean;

/** Reads `file` (UTF-8, optional BOM, header row); a malformed file is a UsageError naming file and line. */
export async function readCsvTable(file: string, keep?: RowFilter): Promise<CsvTable> {
  const parser = createReadStream(file).pipe(parse({ bom: true, skip_empty_lines: true, relax_column_count: false, info: true }));
  let columns: string[] | null = null;
  const rows: string[][] = [];
  const lines: number[] = [];
  let index = new Map<string, number>();
  const col = (name: string): number => index.get(name) ?? -1;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (columns === null) {
        columns = record.map((c) => c.trim());
        index = new Map(columns.map((c, i) => [c, i]));
        continue;
      }
      if (keep && !keep(record, col)) continue;
      rows.push(record);
      lines.push(info.lines);
    }
  } catch (err) {
    if (err instanceof CsvError) throw new UsageError(`${file}: not a valid CSV file (${err.message})`);
    throw err;
  }
  if (columns === null) throw new UsageError(`${file}: empty file (expected a header row)`);
  return { file, columns, rows, lines };
}

/** Index of column `name`, or a UsageError that names the file and the columns it has. */
export function columnIndex(table: CsvTable, name: string): number {
  const i = table.columns.indexOf(name);
  if (i < 0) throw new UsageError(`${table.file}: no column "${name}" (columns: ${table.columns.join(', ')})`);
  return i;
}

/**
 * The number in row `r`, column `c`: null for an empty cell (an undefined value, e.g. a % change against
 * zero); anything that is not a finite decimal number is a UsageError naming file, line and column.
 */
export function numberAt(table: CsvTable, r: number, c: number): number | null {
  const cell = table.rows[r][c].trim();
  if (cell === '') return null;
  const x = Number(cell);
  if (!Number.isFinite(x)) {
    throw new UsageError(`${table.file}:${table.lines[r]}: column "${table.columns[c]}": expected a number, got "${cell}"`);
  }
  return x;
}

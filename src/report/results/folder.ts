/**
 * Locating a result folder and its files. A missing folder or file is the user's mistake (a wrong path,
 * a folder from something other than `reesim run`), so it is a UsageError (exit code 2) that says which
 * file was expected and why.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../../cli/errors.js';
import { readCsvTable, type CsvTable, type RowFilter } from './csvTable.js';

/** Throws a UsageError unless `dir` is an existing folder. */
export async function requireResultFolder(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => null);
  if (info === null) throw new UsageError(`no result folder at ${dir}`);
  if (!info.isDirectory()) throw new UsageError(`${dir} is not a folder (expected a result folder written by 'reesim run')`);
}

/** True when `dir/name` exists as a file. */
export async function hasResultFile(dir: string, name: string): Promise<boolean> {
  const info = await stat(join(dir, name)).catch(() => null);
  return info !== null && info.isFile();
}

/** Reads `dir/name` as CSV; a missing file is a UsageError that names it. */
export async function readResultTable(dir: string, name: string, keep?: RowFilter): Promise<CsvTable> {
  if (!(await hasResultFile(dir, name))) {
    throw new UsageError(`${join(dir, name)} is missing (is ${dir} a result folder written by 'reesim run'?)`);
  }
  return readCsvTable(join(dir, name), keep);
}

/** Row filter that keeps draw 0 (the central values) of a table with a `draw` column, or every row without one. */
export const centralDrawOnly: RowFilter = (cells, col) => {
  const d = col('draw');
  return d < 0 || cells[d].trim() === '0';
};

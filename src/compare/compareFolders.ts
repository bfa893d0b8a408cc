/**
 * `reesim compare` without the command line: read two result folders, compare them, and write
 * compare.csv, compare_timeseries.csv and compare.txt into one folder, atomically (a reader never sees a
 * half-written comparison, and a failed one leaves the previous comparison in place).
 */
import { writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../cli/errors.js';
import { checkOutputFolder, writeFolderAtomically } from '../output/atomic.js';
import { writeCsv } from '../output/csv.js';
import { columnIndex } from '../report/results/csvTable.js';
import { centralDrawOnly, readResultTable, requireResultFolder } from '../report/results/folder.js';
import { seriesTable, type SeriesTable } from '../report/results/series.js';
import { readSummary } from '../report/results/summary.js';
import { compareColumns, compareRows, compareSummaries } from './compareSummaries.js';
import { COMPARED_SERIES, COMPARE_TIMESERIES_COLUMNS, compareTimeseriesRows } from './compareTimeseries.js';
import { comparisonText, horizonNote } from './largestDifferences.js';
import { COMPARE_WELFARE_COLUMNS, compareWelfare, compareWelfareRows, welfareSection, type WelfareDifference } from './compareWelfare.js';
import { readWelfareTotals } from '../report/select/welfare.js';

/** The files of a comparison folder (an existing folder holding only these may be replaced). */
const COMPARE_OUTPUTS = ['compare.csv', 'compare_timeseries.csv', 'compare.txt', 'compare_welfare.csv'];

/** Name of a result folder as the user sees it (trailing slashes ignored). */
export function folderName(dir: string): string {
  return basename(resolve(dir));
}

/** Default output folder: `compare-<a>-vs-<b>` beside folder a (so `results/x` vs `results/y` → `results/compare-x-vs-y`). */
export function defaultCompareOut(a: string, b: string): string {
  return join(dirname(resolve(a)), `compare-${folderName(a)}-vs-${folderName(b)}`);
}

/** Central time series (draw 0) of a result folder, checked to have the compared columns. */
async function readCentralSeries(dir: string): Promise<SeriesTable> {
  const table = await readResultTable(dir, 'timeseries.csv', centralDrawOnly);
  for (const m of COMPARED_SERIES) columnIndex(table, m.name);
  return seriesTable(table);
}

/**
 * Compares result folders `a` and `b`, writes compare.csv, compare_timeseries.csv, compare.txt and (when
 * both have welfare.csv) compare_welfare.csv to `out`, and returns compare.txt's text.
 */
export async function compareFolders(a: string, b: string, out: string): Promise<string> {
  await requireResultFolder(a);
  await requireResultFolder(b);
  if (resolve(out) === resolve(a) || resolve(out) === resolve(b)) {
    throw new UsageError(`--out ${out} would replace one of the compared result folders; choose another folder`);
  }
  await checkOutputFolder(out, { outputs: COMPARE_OUTPUTS });
  // Read one after the other, so that with several files missing the error always names the same one.
  const sa = await readSummary(a);
  const sb = await readSummary(b);
  const ta = await readCentralSeries(a);
  const tb = await readCentralSeries(b);
  const wa = await readWelfareTotals(a);
  const wb = await readWelfareTotals(b);
  const welfare: WelfareDifference[] | null = wa && wb ? compareWelfare(wa, wb) : null;
  const cmp = compareSummaries(sa, sb);
  const note = horizonNote(ta.periods, tb.periods);
  const text = `${comparisonText(cmp, folderName(a), folderName(b), 10, note ? [note] : []).trimEnd()}\n${welfareSection(welfare, 10).join('\n')}\n`;
  await writeFolderAtomically(out, async (tmp) => {
    await writeCsv(join(tmp, 'compare.csv'), compareColumns(cmp.measures), compareRows(cmp));
    await writeCsv(join(tmp, 'compare_timeseries.csv'), COMPARE_TIMESERIES_COLUMNS, compareTimeseriesRows(ta, tb));
    await writeFile(join(tmp, 'compare.txt'), text);
    if (welfare) await writeCsv(join(tmp, 'compare_welfare.csv'), [...COMPARE_WELFARE_COLUMNS], compareWelfareRows(welfare));
  }, { outputs: COMPARE_OUTPUTS });
  return text;
}

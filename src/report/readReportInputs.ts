/** Reads what the report needs from a result folder (draw 0 of the per-draw tables; quantiles if present). */
import { basename, resolve } from 'node:path';
import type { ReportInputs } from './buildReport.js';
import { centralDrawOnly, hasResultFile, readResultTable, requireResultFolder } from './results/folder.js';
import { readManifest } from './results/manifest.js';
import { seriesTable } from './results/series.js';
import { readSummary } from './results/summary.js';
import { readWelfareTotals } from './select/welfare.js';

/** Reads manifest.json, summary.csv, timeseries.csv, flows.csv, welfare.csv (when present) and (Monte Carlo) timeseries_quantiles.csv. */
export async function readReportInputs(dir: string): Promise<ReportInputs> {
  await requireResultFolder(dir);
  const folderName = basename(resolve(dir));
  const [manifest, summary, ts, flows, quantiles, welfare] = await Promise.all([
    readManifest(dir, folderName),
    readSummary(dir),
    readResultTable(dir, 'timeseries.csv', centralDrawOnly),
    readResultTable(dir, 'flows.csv', centralDrawOnly),
    hasResultFile(dir, 'timeseries_quantiles.csv').then((has) => (has ? readResultTable(dir, 'timeseries_quantiles.csv') : null)),
    readWelfareTotals(dir),
  ]);
  return {
    folderName, manifest, summary, timeseries: seriesTable(ts), flows, quantiles: quantiles ? seriesTable(quantiles) : null,
    welfare,
  };
}

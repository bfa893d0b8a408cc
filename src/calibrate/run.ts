/**
 * `reesim calibrate` and `reesim backtest`: run a world (or replay scenario) and compare it with
 * observed figures; write the comparison as CSV and return the rows for printing.
 */
import { dirname, join, resolve } from 'node:path';
import { simulate, type SolverFactory } from '../engine/index.js';
import type { ModelInput } from '../model/types.js';
import { checkOutputFolder, writeFolderAtomically } from '../output/atomic.js';
import { writeCsv } from '../output/csv.js';
import { formatNumber } from '../output/format.js';
import type { z } from 'zod';
import { loadScenario, resolveDraw, type LoadedScenario } from '../scenario/index.js';
import { checkNamedIds, readDataFile, type NamedIds } from './dataFile.js';
import { compareHistory, historyFileSchema, type SeriesComparison } from './history.js';
import { evaluateTargets, targetFileSchema, type TargetResult } from './targets.js';

/** The files of calibration and backtest folders (an existing folder holding only these may be replaced). */
const CALIBRATION_OUTPUTS = ['calibration.csv'];
const BACKTEST_OUTPUTS = ['backtest.csv', 'backtest_points.csv'];

/** Significant-figure formatting for comparison tables (values span t/yr to fractions). */
export function sig(x: number, digits = 4): string {
  if (!Number.isFinite(x)) throw new RangeError(`non-finite value ${x}`);
  if (x === 0) return '0';
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(x))));
  return formatNumber(x, Math.min(decimals, 9));
}

/**
 * Reads a target or history file and the world or scenario it runs, and checks that every region,
 * product and process it names (`named`) exists there: a located error before anything runs.
 */
async function loadDataAndScenario<S extends z.ZodType<{ scenario: string }>>(
  path: string,
  schema: S,
  named: (file: z.infer<S>) => NamedIds[],
): Promise<{ file: z.infer<S>; loaded: LoadedScenario; model: ModelInput }> {
  const data = await readDataFile(path, schema);
  const loaded = await loadScenario(resolve(dirname(path), data.data.scenario));
  const { model } = resolveDraw(loaded, 0);
  checkNamedIds(data, model, named(data.data));
  return { file: data.data, loaded, model };
}

/**
 * Runs the calibration of a target file; writes `<outDir>/calibration-<year>/calibration.csv`. With
 * `check`, every invariant and the policy limits are checked each period (simulate's `check`).
 */
export async function runCalibration(targetFile: string, solvers: SolverFactory, outDir: string, check = false): Promise<{ dir: string; results: TargetResult[] }> {
  const { file, model } = await loadDataAndScenario(targetFile, targetFileSchema, (f) => f.targets.flatMap((t, i): NamedIds[] => [
    { path: ['targets', i, 'regions'], kind: 'region', ids: t.regions },
    { path: ['targets', i, 'from'], kind: 'region', ids: t.from ?? [] },
    { path: ['targets', i, 'products'], kind: 'product', ids: t.products ?? [] },
    { path: ['targets', i, 'processes'], kind: 'process', ids: t.processes ?? [] },
  ]));
  const dir = join(outDir, `calibration-${file.year}`);
  await checkOutputFolder(dir, { outputs: CALIBRATION_OUTPUTS });
  const run = simulate(model, solvers, { check });
  const results = evaluateTargets(model, run.baseline, file);
  await writeFolderAtomically(dir, async (tmp) => {
    await writeCsv(join(tmp, 'calibration.csv'),
      ['id', 'measure', 'regions', 'products_or_processes', 'unit', 'target', 'model', 'error', 'tolerance', 'within_tolerance', 'source'],
      results.map((r) => [
        r.target.id, r.target.measure, r.target.regions.join(' '), (r.target.products ?? r.target.processes ?? []).join(' '), r.target.unit,
        sig(r.target.value), sig(r.model), sig(r.error),
        'relative' in r.target.tolerance ? `±${r.target.tolerance.relative} relative` : `±${r.target.tolerance.absolute} absolute`,
        r.target.check ? (r.ok ? 'yes' : 'no') : 'not checked', r.target.source,
      ]));
  }, { outputs: CALIBRATION_OUTPUTS });
  return { dir, results };
}

/** Runs a backtest of a history file; writes `<outDir>/backtest-<scenario>/backtest.csv` and the points (`check` as above). */
export async function runBacktest(historyFile: string, solvers: SolverFactory, outDir: string, check = false): Promise<{ dir: string; rows: SeriesComparison[]; title: string }> {
  const { file, loaded, model } = await loadDataAndScenario(historyFile, historyFileSchema, (f) => f.series.flatMap((s, i): NamedIds[] => [
    { path: ['series', i, 'regions'], kind: 'region', ids: s.regions },
    { path: ['series', i, 'to'], kind: 'region', ids: s.to ?? [] },
    { path: ['series', i, 'products'], kind: 'product', ids: s.products },
  ]));
  const dir = join(outDir, `backtest-${loaded.name}`);
  await checkOutputFolder(dir, { outputs: BACKTEST_OUTPUTS });
  const run = simulate(model, solvers, { check });
  const rows = compareHistory(model, run.scenario, file);
  await writeFolderAtomically(dir, async (tmp) => {
    await writeCsv(join(tmp, 'backtest.csv'),
      ['series', 'title', 'unit', 'points', 'hist_peak_multiple', 'hist_peak_date', 'model_peak_multiple', 'model_peak_date', 'log_rmse',
        'hist_trough_multiple', 'hist_trough_date', 'model_trough_multiple', 'model_trough_date', 'source'],
      rows.map((r) => [r.series.id, r.series.title, r.series.unit, String(r.observed.length), sig(r.histPeak.multiple), r.histPeak.date,
        sig(r.modelPeak.multiple), r.modelPeak.date, sig(r.logRmse),
        sig(r.histTrough.multiple), r.histTrough.date, sig(r.modelTrough.multiple), r.modelTrough.date, r.series.source]));
    await writeCsv(join(tmp, 'backtest_points.csv'), ['series', 'date', 'unit', 'observed', 'model', 'log_ratio'],
      rows.flatMap((r) => r.observed.map((o) => [r.series.id, o.date, r.series.unit, sig(o.value), sig(o.model), sig(Math.log(Math.max(o.model, 1e-9) / o.value))])));
  }, { outputs: BACKTEST_OUTPUTS });
  return { dir, rows, title: file.title };
}

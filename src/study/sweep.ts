/**
 * Parameter sweeps: run a scenario over the grid of `--set path=v1,v2,…` values (the cartesian product
 * of all sets) and write one tidy CSV with the swept values as columns — ready for a pivot table.
 * Each grid point is a central run (draw 0) of the scenario with its baseline.
 */
import { join } from 'node:path';
import type { SolverFactory } from '../engine/index.js';
import { UsageError } from '../errors.js';
import { checkOutputFolder, writeFolderAtomically } from '../output/atomic.js';
import { writeCsv } from '../output/csv.js';
import { writeJson } from '../output/json.js';
import { formatKind } from '../output/format.js';
import { SUMMARY_MEASURES, summarize } from '../output/tables.js';
import { loadScenario, type LoadedScenario } from '../scenario/index.js';
import { MAX_SWEEP_POINTS } from '../scenario/limits.js';
import { runDraw } from './runDraw.js';

/** The files of a sweep folder (an existing folder holding only these may be replaced). */
export const SWEEP_OUTPUTS = ['sweep.csv', 'manifest.json'];

/** One swept parameter: a `set` path and the values to try, as written. */
export interface SweepAxis {
  readonly path: string;
  readonly values: readonly string[];
}

/** Splits `a,b,c` on commas outside parentheses, so `uniform(1%, 2%)` stays one value. */
export function splitValues(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    if (ch === ')' || ch === ']' || ch === '}') depth--;
    if (ch === ',' && depth === 0) { out.push(cur.trim()); cur = ''; } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/** Parses `--set path=v1,v2` arguments into axes; throws UsageError on malformed ones. */
export function parseSweepArgs(sets: readonly string[]): SweepAxis[] {
  const axes = sets.map((arg) => {
    const eq = arg.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set expects path=value1,value2,… (e.g. policies.us-tariff.rate=0%,50%,100%), got "${arg}"`);
    const values = splitValues(arg.slice(eq + 1));
    if (values.some((v) => v === '')) throw new UsageError(`--set ${arg}: empty value in the list`);
    return { path: arg.slice(0, eq).trim(), values };
  });
  const seen = new Set<string>();
  for (const a of axes) {
    if (seen.has(a.path)) throw new UsageError(`--set ${a.path} is given twice; list all its values in one --set`);
    seen.add(a.path);
  }
  return axes;
}

/** Every combination of the axes' values, first axis slowest. */
export function gridPoints(axes: readonly SweepAxis[]): string[][] {
  return axes.reduce<string[][]>((acc, axis) => acc.flatMap((point) => axis.values.map((v) => [...point, v])), [[]]);
}

/** Runs the sweep and writes `<outDir>/<name>-sweep/sweep.csv`; returns the folder and the grid size. */
export async function runSweep(file: string, axes: readonly SweepAxis[], solvers: SolverFactory, outDir: string, seed?: number, onPoint?: (done: number, total: number) => void): Promise<{ dir: string; points: number }> {
  if (axes.length === 0) throw new UsageError('sweep needs at least one --set path=v1,v2,…');
  const size = axes.reduce((n, a) => n * a.values.length, 1);
  if (size > MAX_SWEEP_POINTS) throw new UsageError(`the grid has ${size} points, above the limit of ${MAX_SWEEP_POINTS}; sweep fewer values or split the grid`);
  const points = gridPoints(axes);
  // Validate every grid point before running any, so a typo in the last value fails fast.
  const loadedPoints: { point: string[]; loaded: LoadedScenario }[] = [];
  for (const point of points) {
    const set = Object.fromEntries(axes.map((a, i) => [a.path, point[i]]));
    loadedPoints.push({ point, loaded: await loadScenario(file, { seed, set }) });
  }
  const name = loadedPoints[0].loaded.name;
  const dir = join(outDir, `${name}-sweep`);
  await checkOutputFolder(dir, { outputs: SWEEP_OUTPUTS });
  const rows: string[][] = [];
  let done = 0;
  for (const { point, loaded } of loadedPoints) {
    const { model, run } = runDraw(loaded, 0, solvers);
    const P = model.products.length;
    for (const [i, values] of summarize(model, run)) {
      rows.push([...point, model.regions[Math.floor(i / P)].id, model.products[i % P].id, ...values.map((v, m) => formatKind(v, SUMMARY_MEASURES[m].kind))]);
    }
    onPoint?.(++done, points.length);
  }
  await writeFolderAtomically(dir, async (tmp) => {
    await writeCsv(join(tmp, 'sweep.csv'), [...axes.map((a) => a.path), 'region', 'product', ...SUMMARY_MEASURES.map((m) => m.name)], rows);
    await writeJson(join(tmp, 'manifest.json'), {
      name, scenarioFile: file, seed: loadedPoints[0].loaded.seed, axes, points: points.length,
      scenarioHashes: loadedPoints.map((p) => p.loaded.hash),
    });
  }, { outputs: SWEEP_OUTPUTS });
  return { dir, points: points.length };
}

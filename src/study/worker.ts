/**
 * A worker thread of the Monte Carlo pool: loads the scenario and HiGHS once, then simulates the draws
 * it is given and returns their records (typed arrays; the structured-clone copy is small next to a
 * simulation).
 */
import { loadSolvers, type SolverFactory } from '../engine/index.js';
import { loadScenario, type LoadedScenario, type LoadOptions } from '../scenario/index.js';
import { makeDrawRecord, type DrawRecord } from './drawRecord.js';
import { runDraw } from './runDraw.js';

/** One unit of work: a draw of a scenario file. */
export interface DrawTask {
  readonly file: string;
  readonly loadOptions: LoadOptions;
  readonly draw: number;
  readonly check: boolean;
}

let cached: { key: string; loaded: Promise<LoadedScenario> } | null = null;
let solvers: Promise<SolverFactory> | null = null;

/** Piscina entry point. */
export default async function simulateDraw(task: DrawTask): Promise<DrawRecord> {
  const key = JSON.stringify([task.file, task.loadOptions]);
  if (cached?.key !== key) cached = { key, loaded: loadScenario(task.file, task.loadOptions) };
  solvers ??= loadSolvers();
  const { model, run, inputs } = runDraw(await cached.loaded, task.draw, await solvers, task.check);
  return makeDrawRecord(model, run, task.draw, inputs);
}

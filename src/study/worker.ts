/**
 * A worker thread of the Monte Carlo pool: loads the scenario and HiGHS once, then simulates the draws
 * it is given and returns their records, and for the central draw its full run too (typed arrays; the
 * structured-clone copy is small next to a simulation).
 */
import { loadSolvers, type SolverFactory } from '../engine/index.js';
import type { RunResult } from '../model/types.js';
import { loadScenario, type LoadedScenario, type LoadOptions } from '../scenario/index.js';
import { makeDrawRecord, type DrawRecord } from './drawRecord.js';
import { runDraw } from './runDraw.js';

/** One unit of work: a draw of a scenario file. */
export interface DrawTask {
  readonly file: string;
  readonly loadOptions: LoadOptions;
  readonly draw: number;
  readonly check: boolean;
  /** The central draw: its full run is returned too (the caller writes it as tables). */
  readonly full: boolean;
}

/** A draw's record, and its run when the task asked for it. */
export interface DrawOutcome {
  readonly record: DrawRecord;
  readonly run?: RunResult;
}

let cached: { key: string; loaded: Promise<LoadedScenario> } | null = null;
let solvers: Promise<SolverFactory> | null = null;

/** Piscina entry point. */
export default async function simulateDraw(task: DrawTask): Promise<DrawOutcome> {
  const key = JSON.stringify([task.file, task.loadOptions]);
  if (cached?.key !== key) cached = { key, loaded: loadScenario(task.file, task.loadOptions) };
  solvers ??= loadSolvers();
  const { model, run, inputs } = runDraw(await cached.loaded, task.draw, await solvers, task.check);
  const record = makeDrawRecord(model, run, task.draw, inputs);
  return task.full ? { record, run } : { record };
}

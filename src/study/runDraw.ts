/**
 * One draw of a loaded scenario, simulated: what the main thread, the worker threads, sweeps and the
 * calibration share. It loads only the loader and the engine (no output writers), so a worker thread
 * that imports it stays small.
 */
import { simulate, type SolverFactory } from '../engine/index.js';
import type { ModelInput, RunResult } from '../model/types.js';
import { resolveDraw, type LoadedScenario } from '../scenario/index.js';

/** Simulates one draw of a loaded scenario (with `check`, every invariant and policy limit each period). */
export function runDraw(loaded: LoadedScenario, draw: number, solvers: SolverFactory, check = false): { model: ModelInput; run: RunResult; inputs: { path: string; value: number; unit: string }[] } {
  const { model, inputs } = resolveDraw(loaded, draw);
  const run = simulate(model, solvers, { check });
  return { model, run, inputs };
}

/**
 * The heavy parts, loaded on first use. Importing `reesim` must do nothing — no HiGHS WebAssembly, no
 * mathjs instance, no worker pool, no file access — until a function is called, so these modules are
 * imported here, lazily, and each only once per process.
 */
import type { SolverFactory } from '../engine/index.js';

let highs: Promise<SolverFactory> | undefined;

/** The market solvers (the native dual simplex, HiGHS behind it and for reference), loaded once (the first call costs ~0.2 s: HiGHS WebAssembly). */
export function marketSolvers(): Promise<SolverFactory> {
  highs ??= import('../engine/solver.js').then((m) => m.loadSolvers()).catch((err: unknown) => {
    highs = undefined; // a failed load is retried by the next call rather than cached
    throw err;
  });
  return highs;
}

/** The scenario loader (builds its mathjs instance on first import). */
export const loaderModule = () => import('../scenario/index.js');

/** The engine's period loop. */
export const simulateModule = () => import('../engine/simulate.js');

/** Running a scenario into a result folder (pulls in the worker pool). */
export const studyModule = () => import('../study/runScenario.js');

/** Reading result folders. */
export const resultsModule = () => import('../report/results/summary.js');

/** Reading a result folder's manifest.json. */
export const manifestModule = () => import('../report/results/manifest.js');

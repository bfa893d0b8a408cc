/**
 * `runScenario`: what `reesim run` does for one file — simulate every draw the scenario asks for beside
 * its baseline and write `<outDir>/<name>/` atomically (CSV tables, manifest.json with the evaluated
 * expectations).
 */
import type { LoadedScenario } from '../scenario/index.js';
import type { RunSummary } from '../study/runScenario.js';
import { marketSolvers, studyModule } from './engine.js';
import { loadScenario } from './load.js';

/** Options of `runScenario`. */
export interface RunScenarioOptions {
  /** Parent folder of the result folder (default `results`). */
  readonly outDir?: string;
  /** Check the balance and equilibrium conditions every period (slower). */
  readonly check?: boolean;
  /** Worker threads for Monte Carlo draws (default 1: this thread). */
  readonly workers?: number;
  /** Called after each finished draw. */
  readonly onDraw?: (done: number, total: number) => void;
  /** What manifest.json records as the command (default `runScenario <file>`). */
  readonly command?: string;
}

/**
 * Runs a scenario — one from `loadScenario` (its overrides, seed and draws apply) or a file path — and
 * writes its result folder. Resolves to the folder, the run's size and the evaluated expectations.
 */
export async function runScenario(scenario: LoadedScenario | string, options: RunScenarioOptions = {}): Promise<RunSummary> {
  const loaded = typeof scenario === 'string' ? await loadScenario(scenario) : scenario;
  const [{ runScenarioFile }, solvers] = await Promise.all([studyModule(), marketSolvers()]);
  return runScenarioFile(loaded.file, solvers, {
    ...loaded.loadOptions,
    outDir: options.outDir ?? 'results',
    check: options.check,
    workers: options.workers ?? 1,
    onDraw: options.onDraw,
    command: options.command ?? `runScenario ${loaded.file}`,
  }, loaded);
}

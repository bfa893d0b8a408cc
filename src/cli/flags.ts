/**
 * Bounds of the numeric command-line flags: the same limits as the file fields they override
 * (src/scenario/limits.ts), checked before anything is loaded, and shown in `--help`.
 */
import { countProblem, type CountLimit } from '../scenario/limits.js';
import { UsageError } from './errors.js';

/** Throws a UsageError when a given flag is not a whole number within its limit. */
export function checkCount(flag: string, value: number | undefined, limit: CountLimit): void {
  const problem = value === undefined ? null : countProblem(value, limit);
  if (problem) throw new UsageError(`--${flag}: ${problem}`);
}

/** A limit as `--help` shows it: "1…100000". */
export function range(limit: CountLimit): string {
  return `${limit.min}…${limit.max}`;
}

/** The `--solver` flag: which solver clears the period LPs (overrides the scenario's `market.solver`). */
export const SOLVER_OPTION = {
  type: 'string',
  choices: ['native', 'highs'],
  describe: 'Solver of the period LPs: native (the engine\'s own dual simplex, default) or highs (HiGHS, the reference); overrides market.solver',
} as const;

/** `--solver` as a scenario override (`market.solver`), or none. */
export function solverSet(solver: string | undefined): { set?: Record<string, string> } {
  return solver === undefined ? {} : { set: { 'market.solver': solver } };
}

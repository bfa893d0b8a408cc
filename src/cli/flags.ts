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

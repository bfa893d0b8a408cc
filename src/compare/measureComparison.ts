/** One value compared between run a and run b: both values, b − a, and the change in % of a. */
import { pctChange } from '../output/format.js';

/** A compared value; null wherever it is undefined (a value missing, or a % change against zero). */
export interface MeasureComparison {
  readonly a: number | null;
  readonly b: number | null;
  /** b − a. */
  readonly diff: number | null;
  /** (b − a) / |a| × 100. */
  readonly diffPct: number | null;
}

/** Compares two values; any null makes the difference undefined. */
export function compareValues(a: number | null, b: number | null): MeasureComparison {
  if (a === null || b === null) return { a, b, diff: null, diffPct: null };
  return { a, b, diff: b - a, diffPct: pctChange(b, a) };
}

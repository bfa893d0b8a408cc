/**
 * Every number of a scenario becomes a `Field`: a compiled expression, its kind and range, and a name
 * that is both its random stream and its row in draws.csv. Fields are registered at load in document
 * order; a draw evaluates all of them once into a `Float64Array`, from which the model is built.
 */
import seedrandom from 'seedrandom';
import type { CompiledExpression } from './expression.js';
import { MAX_MAGNITUDE } from './limits.js';
import { canonicalUnit, toCanonical, type PeriodBasis, type ResolvedKind } from './units.js';

/** Allowed values of a field, checked on central values (errors) and enforced on draws (clamping). */
export interface Range {
  readonly min?: number;
  readonly max?: number;
  /** Exclusive lower bound. */
  readonly above?: number;
  readonly integer?: boolean;
  /** How the range reads in a message: "between 0% and 100%". */
  readonly text: string;
}

/** Common ranges. */
export const RANGES = {
  any: { text: '' },
  nonNegative: { min: 0, text: '≥ 0' },
  positive: { above: 0, text: '> 0' },
  nonPositive: { max: 0, text: '≤ 0' },
  fraction: { min: 0, max: 1, text: 'between 0% and 100%' },
  weight: { above: 0, max: 1, text: 'above 0 and at most 1' },
  growth: { above: -1, text: 'above -100%/yr' },
  aboveOne: { above: 1, text: '> 1' },
  count: { min: 1, integer: true, text: 'a whole number ≥ 1' },
} satisfies Record<string, Range>;

/** Whether a canonical value is inside a range. */
export function inRange(x: number, r: Range): boolean {
  return (
    Number.isFinite(x) &&
    (r.min === undefined || x >= r.min) &&
    (r.max === undefined || x <= r.max) &&
    (r.above === undefined || x > r.above) &&
    (!r.integer || Number.isInteger(x))
  );
}

/**
 * Whether a draw may reach `x`: the range with an exclusive bound taken as inclusive and no rounding
 * (a draw exactly at the bound, or between whole numbers, is moved inside by `clamp`).
 */
export function reachable(x: number, r: Range): boolean {
  return inRange(x, { ...r, integer: false, ...(r.above === undefined ? {} : { above: undefined, min: Math.max(r.min ?? -Infinity, r.above) }) });
}

/**
 * Brings a drawn value into a range: clamped to the bounds (an exclusive bound becomes the nearest
 * value above it) and to ±MAX_MAGNITUDE, rounded when whole numbers are required. Documented in
 * docs/file-format.md.
 */
export function clamp(x: number, r: Range): number {
  let y = Math.max(-MAX_MAGNITUDE, Math.min(MAX_MAGNITUDE, x));
  if (r.min !== undefined && y < r.min) y = r.min;
  if (r.max !== undefined && y > r.max) y = r.max;
  if (r.above !== undefined && y <= r.above) y = r.above + 1e-9 * Math.max(1, Math.abs(r.above));
  if (r.integer) y = Math.max(Math.round(y), r.min ?? -Infinity);
  return y;
}

/**
 * The lowest and highest canonical values the draws of an expression can take, when all its
 * distributions are bounded (uniform, triangular, pert): the expression evaluated at every corner of
 * their supports (exact for the monotone expressions scenarios use). Null when a distribution is
 * unbounded (normal, lognormal: their draws are clamped), there are none, or too many to try.
 */
export function drawExtremes(expr: CompiledExpression, kind: ResolvedKind, basis: PeriodBasis): [number, number] | null {
  const supports = expr.calls.map((c) => c.def.support?.(c.params));
  if (supports.length === 0 || supports.length > 4 || supports.some((s) => s === undefined)) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (let corner = 0; corner < 1 << supports.length; corner++) {
    const samples = supports.map((s, i) => s![(corner >> i) & 1]);
    let x: number | string;
    try {
      x = toCanonical(expr.evaluate(samples), kind, basis);
    } catch {
      return null;
    }
    if (typeof x !== 'number' || Number.isNaN(x)) return null;
    lo = Math.min(lo, x);
    hi = Math.max(hi, x);
  }
  return [lo, hi];
}

/** One number of the scenario. */
export interface Field {
  /** Stream and draws.csv name, by ids: `demand.US.magnet.all.growth`, `policies.us-tariff.rate.2025-11`. */
  readonly name: string;
  readonly kind: ResolvedKind;
  readonly range: Range;
  readonly expr: CompiledExpression;
  /** Canonical value of draw 0. */
  readonly central: number;
}

/** One drawn input of a draw, as listed in draws.csv. */
export interface DrawnInput {
  path: string;
  value: number;
  unit: string;
}

/** The registry of a scenario's fields and their evaluation per draw. */
export class FieldRegistry {
  readonly fields: Field[] = [];
  private centralValues: Float64Array | null = null;

  constructor(private readonly basis: PeriodBasis) {}

  /** Registers a field; returns its index into the values of a draw. */
  add(field: Field): number {
    this.fields.push(field);
    this.centralValues = null;
    return this.fields.length - 1;
  }

  /** Whether any field is uncertain (a distribution). */
  get uncertain(): boolean {
    return this.fields.some((f) => f.expr.calls.length > 0);
  }

  /**
   * Values of every field in draw `draw`. Draw 0 takes central values; draw k ≥ 1 samples distribution
   * call i of field f from the stream `${seed}:${k}:${f.name}` (`#i` appended for i ≥ 1), so a draw
   * never depends on other draws or on how many run. Uncertain fields are listed in `inputs`.
   */
  evaluate(seed: number, draw: number, inputs?: DrawnInput[]): Float64Array {
    const values = new Float64Array(this.central());
    if (draw === 0 && !inputs) return values;
    for (let i = 0; i < this.fields.length; i++) {
      const f = this.fields[i];
      if (f.expr.calls.length === 0) continue;
      if (draw !== 0) values[i] = this.sample(f, seed, draw);
      inputs?.push({ path: f.name, value: values[i], unit: canonicalUnit(f.kind, this.basis) });
    }
    return values;
  }

  private central(): Float64Array {
    if (!this.centralValues) this.centralValues = Float64Array.from(this.fields, (f) => f.central);
    return this.centralValues;
  }

  /** One sample of a field; a draw that yields no real number (e.g. sqrt of a negative) falls back to the central value. */
  private sample(f: Field, seed: number, draw: number): number {
    const samples = f.expr.calls.map((c, i) => c.def.sample(c.params, seedrandom.alea(`${seed}:${draw}:${f.name}${i === 0 ? '' : `#${i}`}`)));
    let x: number | string;
    try {
      x = toCanonical(f.expr.evaluate(samples), f.kind, this.basis);
    } catch {
      return f.central;
    }
    return typeof x === 'number' && Number.isFinite(x) ? clamp(x, f.range) : f.central;
  }
}

/**
 * The restricted mathjs instance and unit conversion. Every number in a file converts once, at load,
 * into the engine's canonical unit for its kind (t per period, t, USD/kg, fractions, periods).
 */
import { all, create, type MathJsInstance, type Unit } from 'mathjs';
import type { ValueKind } from './schema.js';

/** Builds the private mathjs instance: our units, then every way to change the instance disabled. */
function buildMath(): { math: MathJsInstance; parse: MathJsInstance['parse'] } {
  const m = create(all, {});
  m.createUnit('USD', { prefixes: 'short', aliases: [] });
  m.createUnit('yr', { definition: '1 year', aliases: ['yrs'] });
  m.createUnit('quarter', { definition: '3 month', aliases: ['quarters'] });
  const parse = m.parse;
  const refuse = (name: string) => () => {
    throw new Error(`${name} is disabled`);
  };
  // Defence in depth: expressions are checked against an allow-list before compiling (expression.ts),
  // and these functions are also unreachable from the instance, as the mathjs security notes advise.
  m.import(
    Object.fromEntries(['import', 'createUnit', 'evaluate', 'parse', 'simplify', 'derivative', 'resolve', 'reviver', 'compile', 'parser', 'chain'].map((n) => [n, refuse(n)])),
    { override: true },
  );
  return { math: m, parse };
}

/** The one mathjs instance of the scenario language (created once: a cold mathjs costs ~0.5 s). */
export const { math, parse } = buildMath();

/** A value an expression produced: a plain number or a quantity with units. */
export type Quantity = number | Unit;

/** Whether a value carries units. */
export function isUnit(v: unknown): v is Unit {
  return typeof v === 'object' && v !== null && (v as { type?: string }).type === 'Unit';
}

/** What a period is, for converting per-year and per-time values. */
export interface PeriodBasis {
  readonly periodsPerYear: number;
  readonly monthsPerPeriod: number;
}

interface KindRule {
  /** A quantity of this dimension, to compare dimensions against; null: dimensionless only. */
  readonly reference: Unit | null;
  /** Converts a quantity of the right dimension to the canonical number. */
  readonly fromUnit: (u: Unit, basis: PeriodBasis) => number;
  /** Canonical unit, as listed in draws.csv. */
  readonly unit: (basis: PeriodBasis) => string;
}

const periodName = (b: PeriodBasis): string => (b.monthsPerPeriod === 1 ? 'month' : b.monthsPerPeriod === 3 ? 'quarter' : 'year');

const RULES: Record<Exclude<ValueKind, 'stock'> | 'cover', KindRule> = {
  flow: { reference: math.unit('1 t/yr'), fromUnit: (u, b) => u.toNumber('t/yr') / b.periodsPerYear, unit: (b) => `t/${periodName(b)}` },
  mass: { reference: math.unit('1 t'), fromUnit: (u) => u.toNumber('t'), unit: () => 't' },
  price: { reference: math.unit('1 USD/kg'), fromUnit: (u) => u.toNumber('USD/kg'), unit: () => 'USD/kg' },
  fraction: { reference: null, fromUnit: () => NaN, unit: () => 'fraction' },
  rate: { reference: null, fromUnit: () => NaN, unit: () => 'fraction' },
  factor: { reference: null, fromUnit: () => NaN, unit: () => 'factor' },
  number: { reference: null, fromUnit: () => NaN, unit: () => '1' },
  growth: { reference: math.unit('1 /yr'), fromUnit: (u) => u.toNumber('yr^-1'), unit: () => '1/yr' },
  perTime: { reference: math.unit('1 /yr'), fromUnit: (u, b) => u.toNumber('yr^-1') / b.periodsPerYear, unit: (b) => `1/${periodName(b)}` },
  duration: { reference: math.unit('1 month'), fromUnit: (u, b) => u.toNumber('month') / b.monthsPerPeriod, unit: (b) => `${periodName(b)}s` },
  cover: { reference: math.unit('1 month'), fromUnit: (u, b) => u.toNumber('month') / b.monthsPerPeriod, unit: (b) => `${periodName(b)}s of use` },
};

/** A kind after resolving `stock` (tonnes or cover) from the value's dimension. */
export type ResolvedKind = Exclude<ValueKind, 'stock'> | 'cover';

/** For a `stock` field, whether the value is a mass or a cover in time; other kinds unchanged. */
export function resolveKind(kind: ValueKind, v: Quantity): ResolvedKind {
  if (kind !== 'stock') return kind;
  return isUnit(v) && v.equalBase(RULES.cover.reference as Unit) ? 'cover' : 'mass';
}

/**
 * Converts a value to the canonical number of its kind; a string error when the dimension is wrong.
 * A bare number is already canonical. Results are rounded to 14 significant digits so that
 * `45 kt/yr` gives 3750 t/month rather than 3750.0000000000005.
 */
export function toCanonical(v: Quantity, kind: ResolvedKind, basis: PeriodBasis): number | string {
  const rule = RULES[kind];
  if (typeof v === 'number') return tidy(v);
  if (!isUnit(v)) return 'not a number';
  if (rule.reference === null || !v.equalBase(rule.reference)) return `a value in ${v.formatUnits()}`;
  return tidy(rule.fromUnit(v, basis));
}

/** The canonical unit name of a kind (for draws.csv). */
export function canonicalUnit(kind: ResolvedKind, basis: PeriodBasis): string {
  return RULES[kind].unit(basis);
}

/** Rounds away binary noise from unit conversions (14 significant digits). */
export function tidy(x: number): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(14));
}

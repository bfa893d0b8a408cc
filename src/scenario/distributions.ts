/**
 * The distributions of the scenario language: their central value (draw 0) and a sampler driven by a
 * seeded uniform stream (draws ≥ 1). Parameters are plain numbers in one common unit.
 */

/** A uniform [0, 1) stream (seedrandom's alea). */
export type Uniform = () => number;

export interface DistributionDef {
  /** Number of parameters. */
  readonly arity: number;
  /** Parameter names, for messages. */
  readonly params: string;
  /** Indices of parameters that are dimensionless (lognormal's logSd) rather than in the value's unit. */
  readonly dimensionless: readonly number[];
  /** A problem with the parameters, or null. */
  readonly check: (p: readonly number[]) => string | null;
  /** The value of draw 0. */
  readonly central: (p: readonly number[]) => number;
  readonly sample: (p: readonly number[], u: Uniform) => number;
  /** Lowest and highest value a draw can take, for distributions bounded on both sides. */
  readonly support?: (p: readonly number[]) => readonly [number, number];
}

const ordered = (p: readonly number[]): string | null =>
  p.every((x, i) => i === 0 || p[i - 1] <= x) ? null : 'parameters must be in order min ≤ mode ≤ max';

/** A standard normal variate (Box–Muller; 1 − u keeps the log finite). */
function gauss(u: Uniform): number {
  return Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

/** A Gamma(shape, 1) variate (Marsaglia–Tsang; shape ≥ 1 here since PERT shapes are ≥ 1). */
function gamma(shape: number, u: Uniform): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (let i = 0; i < 1000; i++) {
    let x: number;
    let v: number;
    do {
      x = gauss(u);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const w = u();
    if (w < 1 - 0.0331 * x ** 4 || Math.log(w) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
  return d; // practically unreachable; keeps the sampler total
}

/** The distribution functions, by the name used in expressions. */
export const DISTRIBUTIONS: Record<string, DistributionDef> = {
  uniform: {
    arity: 2,
    params: 'min, max',
    dimensionless: [],
    check: ordered,
    central: ([a, b]) => (a + b) / 2,
    sample: ([a, b], u) => a + (b - a) * u(),
    support: ([a, b]) => [a, b],
  },
  normal: {
    arity: 2,
    params: 'mean, sd',
    dimensionless: [],
    check: ([, sd]) => (sd >= 0 ? null : 'the standard deviation must be ≥ 0'),
    central: ([mean]) => mean,
    sample: ([mean, sd], u) => mean + sd * gauss(u),
  },
  lognormal: {
    arity: 2,
    params: 'median, logSd',
    dimensionless: [1],
    check: ([median, s]) => (median <= 0 ? 'the median must be > 0' : s < 0 ? 'logSd must be ≥ 0' : null),
    central: ([median]) => median,
    sample: ([median, s], u) => median * Math.exp(s * gauss(u)),
  },
  triangular: {
    arity: 3,
    params: 'min, mode, max',
    dimensionless: [],
    check: ordered,
    central: ([, mode]) => mode,
    support: ([a, , b]) => [a, b],
    sample: ([a, c, b], u) => {
      if (b === a) return a;
      const x = u();
      const f = (c - a) / (b - a);
      return x < f ? a + Math.sqrt(x * (b - a) * (c - a)) : b - Math.sqrt((1 - x) * (b - a) * (b - c));
    },
  },
  pert: {
    arity: 3,
    params: 'min, mode, max',
    dimensionless: [],
    check: ordered,
    central: ([, mode]) => mode,
    support: ([a, , b]) => [a, b],
    sample: ([a, c, b], u) => {
      if (b === a) return a;
      const alpha = 1 + (4 * (c - a)) / (b - a);
      const beta = 1 + (4 * (b - c)) / (b - a);
      const x = gamma(alpha, u);
      const y = gamma(beta, u);
      return a + ((b - a) * x) / (x + y);
    },
  },
};

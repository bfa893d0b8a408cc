/** Small hand-built worlds for exact tests: two regions A (0) and B (1), one product X. */
import { expect } from 'vitest';
import type { DemandDef, ModelInput, PeriodResult, PlantDef, PolicyInput, RunResult, StockDef } from '../../src/model/types.js';
import { constant, defaultDynamics, defaultMarket, periodLabels } from '../../src/model/synthetic.js';

export const A = 0;
export const B = 1;
export const X = 0;

/** A single-band plant making X in a region. */
export function plant(region: number, capacity: number, unitCost: number, id = `${region}.mine`): PlantDef {
  return {
    id,
    process: 'mine',
    stage: 'mine',
    region,
    inputs: [],
    outputs: [{ product: X, perUnit: 1 }],
    capacity,
    bands: [{ share: 1, unitCost }],
    expansion: { enabled: false, leadTimePeriods: 1, maxGrowthPerPeriod: 0, minStep: 0, fullUnitCost: unitCost },
  };
}

/** Fixed (fully critical) demand for X: q tonnes per period, served up to `choke`. */
export function fixedDemand(region: number, q: number, choke: number, periods: number): DemandDef {
  return {
    region,
    product: X,
    sector: 'all',
    referenceQuantity: constant(periods, q),
    referencePrice: 10,
    shortRunElasticity: 0,
    longRunElasticity: 0,
    criticalShare: 1,
    chokePrice: choke,
  };
}

/** Two regions, one product (reference price 10, no disposal), transport 2 both ways, no dynamics. */
export function twoRegions(opts: {
  plants: PlantDef[];
  demands: DemandDef[];
  stocks?: StockDef[];
  periods?: number;
  scenario?: PolicyInput[];
  world?: PolicyInput[];
  transport?: number;
  dynamics?: boolean;
}): ModelInput {
  const T = opts.periods ?? 1;
  const c = opts.transport ?? 2;
  return {
    name: 'two-regions',
    timeline: { kind: 'month', periodsPerYear: 12, labels: periodLabels('month', T) },
    regions: [
      { id: 'A', name: 'A' },
      { id: 'B', name: 'B' },
    ],
    products: [{ id: 'X', name: 'X', unit: 't', referencePrice: 10, disposalCost: null }],
    plants: opts.plants,
    demands: opts.demands,
    stocks: opts.stocks ?? [],
    transportCost: Float64Array.from([0, c, c, 0]),
    worldPolicies: opts.world ?? [],
    scenarioPolicies: opts.scenario ?? [],
    dynamics: defaultDynamics(opts.dynamics ?? false),
    market: { ...defaultMarket(1.05), fixedPointTolerance: 1e-9, maxFixedPointIterations: 50 },
  };
}

/** Link index of X from o to d in a two-region world. */
export function link(o: number, d: number): number {
  return o * 2 + d;
}

/** A policy window from period `start`, open-ended, unannounced. */
export function from(start: number, id = 'p'): { id: string; start: number; end: number; announce: null } {
  return { id, start, end: Number.MAX_SAFE_INTEGER, announce: null };
}

/** Largest relative difference of two arrays over the entries that differ by more than `floor`. */
export function maxRelDiff(a: Float64Array, b: Float64Array, floor = 1e-6): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i] - b[i]) > floor) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1e-9, Math.abs(a[i]), Math.abs(b[i])));
  return worst;
}

/** Two runs of one world agree, period by period, on every named result field (relative tolerance). */
export function expectRunsAgree(a: RunResult, b: RunResult, fields: readonly PeriodField[], tolerance: number): void {
  for (const kind of ['baseline', 'scenario'] as const)
    a[kind].forEach((x, t) => {
      const y = b[kind][t];
      for (const field of fields) expect(maxRelDiff(x[field], y[field]), `${kind} period ${t}: ${field}`).toBeLessThan(tolerance);
    });
}

/** The result fields that are arrays. */
export type PeriodField = { [K in keyof PeriodResult]: PeriodResult[K] extends Float64Array ? K : never }[keyof PeriodResult];

/**
 * Where a good comes from matters: products with an elasticity of substitution between origins
 * (Armington; engine/armington.ts, benchmark.ts). Hand cases on three regions — two makers A and B and a
 * buyer C — and laws on random worlds whose products keep their origin.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { cesAggregate, mixesOf } from '../../src/engine/armington.js';
import { loadSolvers, simulate, type SolverFactory } from '../../src/engine/index.js';
import type { DemandDef, ModelInput, PeriodResult, PlantDef, PolicyInput } from '../../src/model/types.js';
import { constant, defaultDynamics, defaultMarket, periodLabels } from '../../src/model/synthetic.js';
import { syntheticWorldArbitrary } from '../../src/testing/arbitraries.js';

let solvers: SolverFactory;
beforeAll(async () => {
  solvers = await loadSolvers();
});

const [A, B, C] = [0, 1, 2];
const R = 3;
const link = (o: number, d: number) => o * R + d;

function maker(region: number, capacity: number, costs: number[]): PlantDef {
  return {
    id: `${region}.mine`, process: 'mine', stage: 'mine', region, inputs: [], outputs: [{ product: 0, perUnit: 1 }], capacity,
    bands: costs.map((unitCost) => ({ share: 1 / costs.length, unitCost })),
    expansion: { enabled: false, leadTimePeriods: 1, maxGrowthPerPeriod: 0, minStep: 0, fullUnitCost: costs[0] },
  };
}

function buyer(region: number, q: number, periods: number): DemandDef {
  return {
    region, product: 0, sector: 'all', referenceQuantity: constant(periods, q), referencePrice: 10,
    shortRunElasticity: -0.5, longRunElasticity: -0.5, criticalShare: 0.2, chokePrice: 100,
  };
}

/**
 * A (cheap, 10 steps of rising cost) and B (dearer) make X; C buys 100 t and makes none; A and B buy a
 * little themselves. `sigma` null: X is homogeneous.
 */
function threeRegions(sigma: number | null, scenario: PolicyInput[] = [], periods = 1): ModelInput {
  const steps = (from: number) => Array.from({ length: 10 }, (_, k) => from + k);
  return {
    name: 'three-regions',
    timeline: { kind: 'month', periodsPerYear: 12, labels: periodLabels('month', periods) },
    regions: [{ id: 'A', name: 'A' }, { id: 'B', name: 'B' }, { id: 'C', name: 'C' }],
    products: [{ id: 'X', name: 'X', unit: 't', referencePrice: 10, disposalCost: 0, substitution: sigma }],
    plants: [maker(A, 150, steps(4)), maker(B, 150, steps(6))],
    demands: [buyer(A, 20, periods), buyer(B, 20, periods), buyer(C, 100, periods)],
    stocks: [],
    transportCost: Float64Array.from([0, 1, 1, 1, 0, 1, 1, 1, 0]),
    worldPolicies: [],
    scenarioPolicies: scenario,
    dynamics: defaultDynamics(false),
    market: { ...defaultMarket(1.02), fixedPointTolerance: 1e-9, maxFixedPointIterations: 100 },
  };
}

function tariffOnA(rate: number): PolicyInput {
  return { id: 't', start: 0, end: Number.MAX_SAFE_INTEGER, announce: null, type: 'tariff', from: [A], to: [C], products: [0], rate: constant(1, rate) };
}

function banOfA(): PolicyInput {
  return { id: 'b', start: 0, end: Number.MAX_SAFE_INTEGER, announce: null, type: 'export_ban', from: [A], to: [C], products: [0], leakage: constant(1, 0) };
}

const first = (w: ModelInput): PeriodResult => simulate(w, solvers, { check: true }).scenario[0];

describe('the CES mixes', () => {
  it('cost nothing at the benchmark and more the further a mix leans away from it', () => {
    const s = [0.7, 0.2, 0.1];
    const mixes = mixesOf(s, s, 4);
    mixes[0].u.forEach((x, i) => expect(x).toBeCloseTo(s[i], 12));
    expect(mixes[0].friction).toBeCloseTo(0, 12);
    for (const m of mixes.slice(1)) expect(m.friction).toBeGreaterThan(0);
    // Dropping the 70 % origin costs more than dropping the 10 % one.
    const without = (o: number) => mixes.find((m) => m.u[o] === 0 && m.u.filter((x) => x > 0).length === 2)!.friction;
    expect(without(0)).toBeGreaterThan(without(2));
    // The CES price index of losing an origin at equal prices: (1 − s_o)^{1/(1−σ)}.
    expect(1 + without(0)).toBeCloseTo(Math.pow(0.3, -1 / 3), 9);
  });

  it('measure friction from the core: an entrant that supplies nothing yet costs nothing, and is worth most at first', () => {
    const s = [0.69, 0.3, 0.01];
    const mixes = mixesOf(s, s, 4, [true, true, false]);
    expect(mixes[0].u[2]).toBe(0);
    expect(mixes[0].friction).toBeCloseTo(0, 12);
    // Blending in the entrant at its share is worth something (negative friction), and less per tonne at 16×.
    const blend = (k: number) => mixes.find((m) => Math.abs(m.u[2] - k * 0.01) < 1e-12)!;
    expect(blend(1).friction).toBeLessThan(0);
    expect(blend(16).friction / 0.16).toBeGreaterThan(blend(1).friction / 0.01);
    // Complements (σ ≤ 1) take no entrants: a missing variety would leave no composite.
    expect(mixesOf(s, s, 0.8, [true, true, false]).every((m) => m.u[2] === 0)).toBe(true);
  });

  it('make the benchmark the choice at the reference prices when the weights are calibrated to them', () => {
    // a_o ∝ s_o·π_o^σ: at prices π the cost π·u + P̂·friction(u) is least at u = s among all mixes.
    const s = [0.6, 0.3, 0.1];
    const pi = [10, 12, 15];
    const sigma = 3;
    const a = s.map((x, i) => x * Math.pow(pi[i] / 15, sigma));
    const level = s.reduce((sum, x, i) => sum + x * pi[i], 0);
    const cost = (m: { u: readonly number[]; friction: number }) => m.u.reduce((sum, x, i) => sum + x * pi[i], 0) + level * m.friction;
    const mixes = mixesOf(s, a, sigma);
    for (const m of mixes) expect(cost(m)).toBeGreaterThanOrEqual(cost(mixes[0]) - 1e-9);
    expect(cesAggregate(s, a, 1)).toBeGreaterThan(0); // the Cobb-Douglas limit is defined
  });
});

describe('a tariff on one origin (three regions, σ = 4)', () => {
  it('raises the buyer\'s price and lowers, without zeroing, the taxed flow; homogeneous goods swap it away', () => {
    const free = first(threeRegions(4));
    const taxed = first(threeRegions(4, [tariffOnA(1)]));
    expect(free.flow[link(A, C)]).toBeGreaterThan(10);
    expect(taxed.price[C]).toBeGreaterThan(free.price[C] * 1.05);
    expect(taxed.flow[link(A, C)]).toBeLessThan(free.flow[link(A, C)]);
    expect(taxed.flow[link(A, C)]).toBeGreaterThan(0);
    expect(taxed.flow[link(B, C)]).toBeGreaterThan(free.flow[link(B, C)]);
    // A's producers lose: their price falls.
    expect(taxed.producerPrice[A]).toBeLessThan(free.producerPrice[A]);

    // The same world with X homogeneous: B's goods replace A's, and C's price moves much less.
    const homFree = first(threeRegions(null));
    const homTaxed = first(threeRegions(null, [tariffOnA(1)]));
    const rise = (p: PeriodResult, q: PeriodResult) => p.price[C] / q.price[C] - 1;
    expect(rise(taxed, free)).toBeGreaterThan(rise(homTaxed, homFree) + 0.02);
  });

  it('collects tariff revenue for the importer, and the welfare terms add up', () => {
    const taxed = first(threeRegions(4, [tariffOnA(1)]));
    expect(taxed.tariffUsd[link(A, C)]).toBeGreaterThan(0);
    const terms = 5;
    expect(taxed.welfareUsd[C * terms + 3]).toBeCloseTo(taxed.tariffUsd[link(A, C)], -1); // government of C
  });

  it('a ban of one origin leaves the buyer the others at a switching cost', () => {
    const free = first(threeRegions(4));
    const banned = first(threeRegions(4, [banOfA()]));
    expect(banned.flow[link(A, C)]).toBe(0);
    expect(banned.price[C]).toBeGreaterThan(free.price[C]);
    expect(banned.flow[link(B, C)]).toBeGreaterThan(free.flow[link(B, C)]);
  });

  it('approaches the homogeneous good as σ grows', () => {
    const hom = first(threeRegions(null));
    const near = first(threeRegions(100));
    for (const r of [A, B, C]) expect(Math.abs(near.price[r] / hom.price[r] - 1)).toBeLessThan(0.03);
  });

  it('imports cannot be re-exported: each origin exports at most what it made', () => {
    const r = first(threeRegions(4, [tariffOnA(1)]));
    for (const o of [A, B, C]) {
      const sent = [A, B, C].filter((d) => d !== o).reduce((sum, d) => sum + r.flow[link(o, d)], 0);
      expect(sent).toBeLessThanOrEqual(r.production[o] + 1e-6);
    }
  });
});

describe('qualification and contracts', () => {
  function qualified(premium: number, periods: number): ModelInput {
    const w = threeRegions(4, [banOfA()], periods);
    return { ...w, products: [{ ...w.products[0], qualification: { leadTimePeriods: 6, premium }, contracts: { share: 0.8, lagPeriods: 6 } }] };
  }

  it('new volume pays its premium until it qualifies: the shortfall against no premium narrows over the lead time', () => {
    const fromB = (premium: number) => simulate(qualified(premium, 8), solvers, { check: true }).scenario.map((r) => r.flow[link(B, C)]);
    const slow = fromB(0.5);
    const free = fromB(0);
    const gap = (t: number) => free[t] - slow[t];
    expect(gap(1)).toBeGreaterThan(1);
    expect(gap(7)).toBeLessThan(gap(1) / 2);
    // Before the ban B already supplied C: that volume is established and pays no premium.
    expect(slow[0]).toBeGreaterThan(first(threeRegions(4)).flow[link(B, C)]);
  });

  it('contracts smooth the average price paid towards spot', () => {
    const run = simulate(qualified(0, 8), solvers, { check: true });
    const s = run.scenario;
    const b = run.baseline;
    // Spot jumps at once; the average price paid lags it.
    expect(s[0].price[C] - b[0].price[C]).toBeGreaterThan(0);
    expect(s[0].averagePrice[C]).toBeLessThan(s[0].price[C]);
    expect(s[0].averagePrice[C]).toBeGreaterThan(b[0].averagePrice[C] - 1e-9);
  });
});

describe('laws on random worlds whose products keep their origin', () => {
  it('the invariants, the policy oracle and the welfare identity hold in every period', () => {
    fc.assert(
      fc.property(syntheticWorldArbitrary({ substitution: true }), (world) => {
        simulate(world, solvers, { check: true });
      }),
      { numRuns: 25 },
    );
  });

  it('a higher tariff on one link never raises what crosses it (first period, no dynamics)', () => {
    const arb = syntheticWorldArbitrary({ substitution: true, dynamics: false, periods: 1, scenarioPolicies: 0, worldPolicies: 0 }).chain((world) =>
      fc.record({
        world: fc.constant(world),
        p: fc.integer({ min: 0, max: world.products.length - 1 }),
        o: fc.integer({ min: 0, max: world.regions.length - 1 }),
        d: fc.integer({ min: 0, max: world.regions.length - 1 }),
        low: fc.double({ min: 0, max: 1, noNaN: true }),
        step: fc.double({ min: 0.05, max: 2, noNaN: true }),
      }),
    );
    fc.assert(
      fc.property(arb, ({ world, p, o, d, low, step }) => {
        fc.pre(o !== d);
        const tariff = (rate: number): PolicyInput => ({ id: 't', start: 0, end: Number.MAX_SAFE_INTEGER, announce: null, type: 'tariff', from: [o], to: [d], products: [p], rate: constant(1, rate) });
        const l = (p * world.regions.length + o) * world.regions.length + d;
        const at = (rate: number) => simulate({ ...world, scenarioPolicies: [tariff(rate)] }, solvers).scenario[0].flow[l];
        const lo = at(low);
        const hi = at(low + step);
        expect(hi).toBeLessThanOrEqual(lo + 1e-6 * Math.max(1, lo));
      }),
      { numRuns: 25 },
    );
  });
});

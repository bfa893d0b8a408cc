/**
 * Alternative recipes on shared lines: a magnet can be made with a scarce heavy element H (cheap
 * recipe) or without it (dearer recipe), on the same plant. One region, products M (magnet) and H.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSolvers, simulate, type SolverFactory } from '../../src/engine/index.js';
import type { ModelInput, PlantDef } from '../../src/model/types.js';
import { constant, defaultDynamics, defaultMarket, periodLabels } from '../../src/model/synthetic.js';

const [M, H] = [0, 1];
let solvers: SolverFactory;
beforeAll(async () => {
  solvers = await loadSolvers();
});

function magnetPlant(id: string, inputs: PlantDef['inputs'], cost: number, sharesCapacityOf?: string): PlantDef {
  return {
    id, process: id, stage: 'magnet', region: 0, inputs, outputs: [{ product: M, perUnit: 1 }], capacity: 100,
    bands: [{ share: 1, unitCost: cost }],
    expansion: { enabled: false, leadTimePeriods: 1, maxGrowthPerPeriod: 0, minStep: 0, fullUnitCost: cost },
    ...(sharesCapacityOf ? { sharesCapacityOf } : {}),
  };
}

function world(hSupply: number, shared: boolean): ModelInput {
  return {
    name: 'shared-lines',
    timeline: { kind: 'month', periodsPerYear: 12, labels: periodLabels('month', 1) },
    regions: [{ id: 'R', name: 'R' }],
    products: [
      { id: 'M', name: 'magnet', unit: 't', referencePrice: 50, disposalCost: null },
      { id: 'H', name: 'heavy', unit: 't', referencePrice: 300, disposalCost: null },
    ],
    plants: [
      magnetPlant('R.std', [{ product: H, perUnit: 0.01 }], 10),
      magnetPlant('R.free', [], 30, shared ? 'R.std' : undefined),
      { ...magnetPlant('R.mine', [], 100), outputs: [{ product: H, perUnit: 1 }], capacity: hSupply },
    ],
    demands: [{ region: 0, product: M, sector: 'all', referenceQuantity: constant(1, 150), referencePrice: 50, shortRunElasticity: 0, longRunElasticity: 0, criticalShare: 1, chokePrice: 500 }],
    stocks: [],
    transportCost: new Float64Array(2),
    worldPolicies: [],
    scenarioPolicies: [],
    dynamics: defaultDynamics(false),
    market: { ...defaultMarket(1.05), fixedPointTolerance: 1e-9, maxFixedPointIterations: 50 },
  };
}

describe('alternative recipes on shared lines', () => {
  it('with the heavy element plentiful, the cheap recipe fills the lines and the dearer one covers the rest', () => {
    const r = simulate(world(10, true), solvers, { check: true }).baseline[0];
    // 150 t wanted, 100 t of lines: the lines are full, the shortage is served at the choke price.
    expect(r.activity[0] + r.activity[1]).toBeCloseTo(100, 9);
    expect(r.activity[0]).toBeCloseTo(100, 9);
    expect(r.shortage[0]).toBeCloseTo(50, 9);
  });

  it('caps the scarce input’s value at the dearer recipe’s extra cost per unit of it', () => {
    const r = simulate(world(0.4, true), solvers, { check: true }).baseline[0];
    expect(r.activity[0]).toBeCloseTo(40, 9); // all of H goes into the cheap recipe
    expect(r.activity[1]).toBeCloseTo(60, 9); // the rest of the lines run H-free
    // H is worth what it saves: (30 − 10) / 0.01 = 2000 USD/kg — not the magnet's value / 0.01.
    expect(r.price[H]).toBeCloseTo(2000, 6);
  });

  it('without shared lines, each recipe has its own capacity and H is priced off the magnet shortage', () => {
    const r = simulate(world(0.4, false), solvers, { check: true }).baseline[0];
    expect(r.activity[1]).toBeCloseTo(100, 9);
    expect(r.price[H]).toBeGreaterThan(40_000);
  });
});

/**
 * Two grades made on the same lines (products A and B, one recipe each), with cheap lines (60 % of the
 * capacity at 10 USD/kg) and dear ones (40 % at 20). Demand: 50 t of each, inelastic, on 120 t of lines.
 * Cheap lines are cheap whichever grade runs on them, so only 72 t are cheap in all and the marginal
 * tonne of either grade comes off a dear line.
 */
function gradesWorld(altBands: PlantDef['bands']): ModelInput {
  const [A, B] = [0, 1];
  const lines = (id: string, product: number, bands: PlantDef['bands'], sharesCapacityOf?: string): PlantDef => ({
    id, process: id, stage: 'magnet', region: 0, inputs: [], outputs: [{ product, perUnit: 1 }], capacity: 120, bands,
    expansion: { enabled: false, leadTimePeriods: 1, maxGrowthPerPeriod: 0, minStep: 0, fullUnitCost: 20 },
    ...(sharesCapacityOf ? { sharesCapacityOf } : {}),
  });
  const demand = (product: number) => ({ region: 0, product, sector: 'all', referenceQuantity: constant(1, 50), referencePrice: 30, shortRunElasticity: 0, longRunElasticity: 0, criticalShare: 1, chokePrice: 300 });
  return {
    ...world(0, true),
    name: 'grades-on-shared-lines',
    products: [
      { id: 'A', name: 'grade A', unit: 't', referencePrice: 30, disposalCost: null },
      { id: 'B', name: 'grade B', unit: 't', referencePrice: 30, disposalCost: null },
    ],
    plants: [
      lines('R.a', A, [{ share: 0.6, unitCost: 10 }, { share: 0.4, unitCost: 20 }]),
      lines('R.b', B, altBands, 'R.a'),
    ],
    demands: [demand(A), demand(B)],
  };
}

describe('alternative recipes share the lines band by band', () => {
  it('the cheap lines are shared: 72 t cheap in all, and both grades are priced off the dear lines', () => {
    const r = simulate(gradesWorld([{ share: 0.6, unitCost: 10 }, { share: 0.4, unitCost: 20 }]), solvers, { check: true }).baseline[0];
    expect(r.activity[0] + r.activity[1]).toBeCloseTo(100, 9);
    expect(r.shortage[0] + r.shortage[1]).toBeCloseTo(0, 9);
    // Each grade's price is the marginal line's cost: 20, not the 10 of a cheap band counted twice.
    expect(r.price[0]).toBeCloseTo(20, 6);
    expect(r.price[1]).toBeCloseTo(20, 6);
  });

  it('with band structures that differ, the lines are shared in total only', () => {
    const r = simulate(gradesWorld([{ share: 1, unitCost: 10 }]), solvers, { check: true }).baseline[0];
    expect(r.activity[0] + r.activity[1]).toBeCloseTo(100, 9);
    // B runs on its own single cheap band; A makes its 50 t within its own 72 t cheap band.
    expect(r.price[1]).toBeLessThanOrEqual(10 + 1e-6);
    expect(r.price[0]).toBeLessThanOrEqual(10 + 1e-6);
  });
});

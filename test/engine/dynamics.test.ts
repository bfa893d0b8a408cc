/** Between-period dynamics on the two-region world: hoarding on announcement, release on spikes, investment, substitution. */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSolvers, simulate, type SolverFactory } from '../../src/engine/index.js';
import type { DemandDef, ModelInput, PlantDef } from '../../src/model/types.js';
import { constant } from '../../src/model/synthetic.js';
import { A, B, X, fixedDemand, link, plant, twoRegions } from './fixtures.js';

let solvers: SolverFactory;
beforeAll(async () => {
  solvers = await loadSolvers();
});

/** A mine with a rising cost curve (so extra demand raises the price). */
function risingMine(region: number): PlantDef {
  return { ...plant(region, 200, 5), bands: [{ share: 0.3, unitCost: 5 }, { share: 0.16, unitCost: 8 }, { share: 0.54, unitCost: 12 }] };
}

function elasticDemand(region: number, q: number, periods: number): DemandDef {
  return { ...fixedDemand(region, q, 100, periods), criticalShare: 0.3, shortRunElasticity: -0.5, longRunElasticity: -0.5 };
}

describe('inventories', () => {
  const T = 9;
  const ban = { id: 'ban', start: 5, end: Number.MAX_SAFE_INTEGER, announce: 2, type: 'export_ban' as const, from: [A], to: [B], products: [0], leakage: constant(T, 0) };
  const world: ModelInput = twoRegions({
    plants: [risingMine(A)],
    demands: [fixedDemand(A, 40, 100, T), elasticDemand(B, 50, T)],
    stocks: [{ region: B, product: 0, commercial: 50, coverage: 1, strategic: 0 }],
    periods: T,
    scenario: [ban],
    dynamics: true,
  });

  it('importers hoard from the announcement: more imports, more stock and a higher price before the ban', () => {
    const res = simulate(world, solvers, { check: true });
    for (let t = 0; t < 2; t++) expect(res.scenario[t]).toEqual(res.baseline[t]);
    for (let t = 2; t < 5; t++) {
      expect(res.scenario[t].stock[B]).toBeGreaterThan(res.baseline[t].stock[B]);
      expect(res.scenario[t].imports[B]).toBeGreaterThan(res.baseline[t].imports[B] - 1e-9);
    }
    expect(res.scenario[2].flow[link(A, B)]).toBeGreaterThan(res.baseline[2].flow[link(A, B)] + 1);
    expect(res.scenario[2].price[B]).toBeGreaterThan(res.baseline[2].price[B]);
  });

  it('stocks are released when the ban makes the price spike, and never go negative', () => {
    const res = simulate(world, solvers, { check: true });
    expect(res.scenario[5].price[B]).toBeGreaterThan(res.baseline[5].price[B] * 1.5);
    expect(res.scenario[T - 1].price[B]).toBeCloseTo(100, 6); // stocks exhausted: critical demand at its choke
    expect(res.scenario[5].stock[B]).toBeLessThan(res.scenario[4].stock[B]);
    for (const r of res.scenario) expect(r.stock[B]).toBeGreaterThanOrEqual(0);
  });
});

describe('capacity', () => {
  const T = 10;
  const expanding = (enabled: boolean): ModelInput => {
    const a = plant(A, 30, 5);
    const w = twoRegions({
      plants: [{ ...a, expansion: { enabled: true, leadTimePeriods: 2, maxGrowthPerPeriod: 0.1, minStep: 1, fullUnitCost: 10 } }, plant(B, 100, 40)],
      demands: [fixedDemand(B, 50, 100, T)],
      periods: T,
      dynamics: true,
    });
    return { ...w, dynamics: { ...w.dynamics, capacity: { enabled, lookbackPeriods: 2 } } };
  };

  it('a persistent margin over full cost orders capacity that arrives after the lead time', () => {
    const s = simulate(expanding(true), solvers, { check: true }).scenario;
    // Margins recorded in periods 0 and 1 → first order at the end of period 1 → producing from period 3.
    expect(s[2].capacity[0]).toBeCloseTo(30, 9);
    expect(s[3].capacity[0]).toBeCloseTo(33, 9);
    expect(s[T - 1].capacity[0]).toBeGreaterThan(33);
    expect(s[T - 1].flow[link(A, B)]).toBeGreaterThan(s[0].flow[link(A, B)]);
  });

  it('switched off, capacity stays put', () => {
    const s = simulate(expanding(false), solvers, { check: true }).scenario;
    for (const r of s) expect(r.capacity[0]).toBe(30);
  });

  it('the price-setting plant, whose margin is zero up to round-off, never expands, on either solver', () => {
    // A mine making 0.3 t per unit of activity at 0.7 USD/kg, its full unit cost: it sets the price
    // (0.7 / 0.3), and its margin 0.3 · (0.7 / 0.3) − 0.7 is +1.1e-16 in floating point, not 0.
    const mine = plant(A, 1000, 0.7);
    const priceSetter: PlantDef = {
      ...mine,
      outputs: [{ product: X, perUnit: 0.3 }],
      expansion: { enabled: true, leadTimePeriods: 1, maxGrowthPerPeriod: 0.1, minStep: 1, fullUnitCost: 0.7 },
    };
    const w = twoRegions({ plants: [priceSetter], demands: [fixedDemand(A, 50, 100, T)], periods: T, dynamics: true });
    const world: ModelInput = { ...w, dynamics: { ...w.dynamics, capacity: { enabled: true, lookbackPeriods: 2 } } };
    for (const solver of ['native', 'highs'] as const) {
      const s = simulate({ ...world, market: { ...world.market, solver } }, solvers, { check: true }).scenario;
      expect(s[0].price[A]).toBeCloseTo(0.7 / 0.3, 12);
      for (const r of s) expect(r.capacity[0]).toBe(1000);
    }
  });
});

describe('demand', () => {
  it('a lasting high price makes demand substitute away (partial adjustment toward the long-run level)', () => {
    const T = 8;
    const dem: DemandDef = { ...fixedDemand(B, 50, 100, T), longRunElasticity: -0.5 };
    const w = twoRegions({ plants: [plant(A, 20, 5)], demands: [dem], periods: T, dynamics: true });
    const s = simulate(w, solvers, { check: true }).scenario;
    expect(s[0].price[B]).toBeCloseTo(100, 6); // in shortage at the choke price
    for (let t = 1; t < T; t++) expect(s[t].demand[B]).toBeLessThan(s[t - 1].demand[B]);
    const off = simulate({ ...w, dynamics: { ...w.dynamics, demand: { ...w.dynamics.demand, enabled: false } } }, solvers).scenario;
    for (const r of off) expect(r.demand[B]).toBeCloseTo(50, 9);
  });
});

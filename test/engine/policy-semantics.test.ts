/**
 * Policies mean what they say: hand-checked cases of the defects found in the first version, each
 * checked both by exact numbers and by the independent oracle of policy limits (src/engine/oracle.ts),
 * which reads the scenario, not the engine's controls.
 *
 * Two regions A (a mine, cost 5, 100 t) and B (50 t of fully critical demand, choke 100), transport 2,
 * unless a case says otherwise.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildLayout, checkPolicyLimits, loadSolvers, simulate, type SolverFactory } from '../../src/engine/index.js';
import type { ModelInput, PolicyInput, RunResult } from '../../src/model/types.js';
import { constant, defaultDynamics, defaultMarket, periodLabels } from '../../src/model/synthetic.js';
import { A, B, fixedDemand, from, link, plant, twoRegions } from './fixtures.js';

let solvers: SolverFactory;
beforeAll(async () => {
  solvers = await loadSolvers();
});

const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 6);

/** Runs with every check on (equilibrium, balance, the oracle) and hands back the result. */
function run(world: ModelInput): RunResult {
  const res = simulate(world, solvers, { check: true });
  expect(checkPolicyLimits(world, res)).toEqual([]);
  return res;
}

describe('an origin is never a destination of its own export policy', () => {
  const world = (to: number[]) => {
    const licence: PolicyInput = {
      id: 'l', start: 3, end: Number.MAX_SAFE_INTEGER, announce: 1, type: 'export_license', from: [A], to, products: [0],
      approval: constant(6, 0.5), delay: 0, leakage: constant(6, 0),
    };
    return twoRegions({
      plants: [plant(A, 100, 5)],
      demands: [fixedDemand(A, 30, 100, 6), fixedDemand(B, 50, 100, 6)],
      stocks: [{ region: A, product: 0, commercial: 30, coverage: 1, strategic: 0 }, { region: B, product: 0, commercial: 50, coverage: 1, strategic: 0 }],
      scenario: [licence],
      periods: 6,
      dynamics: true,
    });
  };

  it('`to` listing the origin changes nothing: the origin does not hoard against its own controls', () => {
    const withOrigin = run(world([A, B]));
    const without = run(world([B]));
    for (let t = 0; t < 6; t++) {
      close(withOrigin.scenario[t].stock[A], without.scenario[t].stock[A]);
      close(withOrigin.scenario[t].price[B], without.scenario[t].price[B]);
    }
    // The exporter holds no more than in the baseline (its price is set by its idle mine's cost), while
    // the importer hoards from the announcement (period 1) on.
    for (let t = 0; t < 6; t++) expect(withOrigin.scenario[t].stock[A]).toBeLessThanOrEqual(withOrigin.baseline[t].stock[A] + 1e-6);
    expect(withOrigin.scenario[1].stock[B]).toBeGreaterThan(withOrigin.baseline[1].stock[B] + 1);
  });

  it('and gets no rules of origin on its own imports', () => {
    const layout = buildLayout(world([A, B]));
    expect(layout.originRowOf[link(B, A)]).toBe(-1);
  });
});

describe('on one link the most restrictive policy wins, for every cap and for leakage', () => {
  const licence = (delay: number, leakage: number, id = 'l'): PolicyInput => ({
    ...from(0, id), type: 'export_license', from: [A], to: [B], products: [0], approval: constant(6, 0.5), delay, leakage: constant(6, leakage),
  });
  const ban = (leakage: number): PolicyInput => ({ ...from(0, 'ban'), type: 'export_ban', from: [A], to: [B], products: [0], leakage: constant(6, leakage) });
  const importBan: PolicyInput = { ...from(0, 'ib'), type: 'import_ban', from: [A], to: [B], products: [0] };
  const world = (policies: PolicyInput[], periods = 1) =>
    twoRegions({ plants: [plant(A, 100, 5)], demands: [fixedDemand(B, 50, 100, periods)], scenario: policies, periods });

  it('a ban on a link under a delayed licence ships nothing legally; leakage is the smaller allowance', () => {
    const r = run(world([licence(2, 0.2), ban(0.1)], 3)).scenario;
    for (const s of r) {
      close(s.shipped[link(A, B)], 0);
      close(s.flow[link(A, B)], 5); // 10 % of the baseline's 50 t, via third countries
      close(s.leaked[link(A, B)], 5);
    }
  });

  it('an import ban zeroes the leakage allowance of a concurrent export ban', () => {
    const s = run(world([ban(0.3), importBan])).scenario[0];
    close(s.flow[link(A, B)], 0);
    close(s.shortage[B], 50);
  });

  it('overlapping licences: the longest delay in force, whichever comes first', () => {
    const res = run(world([licence(1, 0, 'fast'), licence(3, 0, 'slow')], 6)).scenario;
    close(res[0].shipped[link(A, B)], 25);
    for (let t = 0; t < 3; t++) close(res[t].arrivals[B], 0);
    for (let t = 3; t < 6; t++) close(res[t].arrivals[B], 25);
  });
});

describe('a world licence in force before the run', () => {
  it('takes its reference flow from an unrestricted clearing, not zero: approval and leakage let goods through', () => {
    const licence: PolicyInput = {
      ...from(0, 'w'), type: 'export_license', from: [A], to: [B], products: [0], approval: constant(1, 0.5), delay: 0, leakage: constant(1, 0.2),
    };
    const r = run(twoRegions({ plants: [plant(A, 100, 5)], demands: [fixedDemand(B, 50, 100, 1)], world: [licence] })).baseline[0];
    close(r.flow[link(A, B)], 30); // 50 % of 50 t legally + 20 % of the 25 t kept off, via third countries
    close(r.leaked[link(A, B)], 5);
    close(r.shortage[B], 20);
  });
});

describe('a 0 % tariff', () => {
  // Three regions: A makes X at 5; C imports 40 t; B lies between (A→C costs 3, A→B and B→C 1 each), so
  // with free re-export A's goods reach C through B.
  const [a, b, c] = [0, 1, 2];
  const three = (policies: PolicyInput[]): ModelInput => ({
    name: 'three',
    timeline: { kind: 'month', periodsPerYear: 12, labels: periodLabels('month', 1) },
    regions: [{ id: 'A', name: 'A' }, { id: 'B', name: 'B' }, { id: 'C', name: 'C' }],
    products: [{ id: 'X', name: 'X', unit: 't', referencePrice: 10, disposalCost: null }],
    plants: [plant(a, 100, 5), plant(b, 10, 8)],
    demands: [fixedDemand(c, 40, 100, 1)],
    stocks: [],
    transportCost: Float64Array.from([0, 1, 3, 1, 0, 1, 3, 1, 0]),
    worldPolicies: [],
    scenarioPolicies: policies,
    dynamics: defaultDynamics(false),
    market: { ...defaultMarket(1.05), fixedPointTolerance: 1e-9, maxFixedPointIterations: 50 },
  });
  const tariff = (rate: number): PolicyInput => ({ ...from(0, 't'), type: 'tariff', from: [a], to: [c], products: [0], rate: constant(1, rate) });

  it('restricts nothing: no rules of origin, goods still reach C through B', () => {
    const res = run(three([tariff(0)]));
    const s = res.scenario[0];
    close(s.price[c], 7); // 5 + 1 + 1 through B
    close(s.price[c], res.baseline[0].price[c]);
    close(s.flow[b * 3 + c], 40);
  });

  it('a positive tariff does switch them on: B may send C only its own output', () => {
    const s = run(three([tariff(0.1)])).scenario[0];
    expect(s.flow[b * 3 + c]).toBeLessThanOrEqual(10 + 1e-6);
  });
});

/**
 * Rules of origin: a third region cannot relabel a banned or tariffed origin's goods. Three regions:
 * A (cheap producer), B (a small producer between them), C (importer). Transport 1 on every link.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSolvers, simulate, type SolverFactory } from '../../src/engine/index.js';
import type { ModelInput, PolicyInput } from '../../src/model/types.js';
import { defaultDynamics, defaultMarket, periodLabels } from '../../src/model/synthetic.js';
import { fixedDemand, from, plant } from './fixtures.js';

const [A, B, C] = [0, 1, 2];
const link = (o: number, d: number) => o * 3 + d;
let solvers: SolverFactory;
beforeAll(async () => {
  solvers = await loadSolvers();
});

function world(scenario: PolicyInput[], reexport?: boolean): ModelInput {
  return {
    name: 'three-regions',
    timeline: { kind: 'month', periodsPerYear: 12, labels: periodLabels('month', 1) },
    regions: [{ id: 'A', name: 'A' }, { id: 'B', name: 'B' }, { id: 'C', name: 'C' }],
    products: [{ id: 'X', name: 'X', unit: 't', referencePrice: 10, disposalCost: null }],
    plants: [plant(A, 100, 5), plant(B, 10, 8)],
    demands: [fixedDemand(B, 5, 200, 1), fixedDemand(C, 40, 100, 1)],
    stocks: [],
    transportCost: Float64Array.from([0, 1, 1, 1, 0, 1, 1, 1, 0]),
    worldPolicies: [],
    scenarioPolicies: scenario,
    dynamics: defaultDynamics(false),
    market: { ...defaultMarket(1.05), fixedPointTolerance: 1e-9, maxFixedPointIterations: 50, ...(reexport === undefined ? {} : { reexport }) },
  };
}

const ban: PolicyInput = { ...from(0, 'ban'), type: 'export_ban', from: [A], to: [C], products: [0], leakage: Float64Array.of(0) };

describe('rules of origin', () => {
  it('free trade: C buys from A directly', () => {
    const r = simulate(world([ban]), solvers, { check: true }).baseline[0];
    expect(r.flow[link(A, C)]).toBeCloseTo(40, 9);
    expect(r.price[C]).toBeCloseTo(6, 9); // A's marginal cost 5 + transport 1
  });

  it('under a ban, B may send C only its own output; C is short and pays the choke price', () => {
    const r = simulate(world([ban]), solvers, { check: true }).scenario[0];
    expect(r.flow[link(A, C)]).toBeCloseTo(0, 9);
    expect(r.flow[link(B, C)]).toBeCloseTo(10, 9); // B's whole output goes to C ...
    expect(r.flow[link(A, B)]).toBeCloseTo(5, 9); // ... and B imports from A for its own use (fungibility)
    expect(r.shortage[C]).toBeCloseTo(30, 9);
    expect(r.price[C]).toBeCloseTo(100, 9);
    expect(r.price[B]).toBeCloseTo(6, 9); // B's own price stays at import parity from A (5 + 1) ...
    expect(r.activity[1]).toBeCloseTo(10, 9); // ... while its producers, at cost 8, run full on the origin premium C pays
  });

  it('with re-export allowed, the ban is bypassed through B at one extra transport cost', () => {
    const r = simulate(world([ban], true), solvers, { check: true }).scenario[0];
    expect(r.flow[link(B, C)]).toBeCloseTo(40, 9);
    expect(r.shortage[C]).toBeCloseTo(0, 9);
    expect(r.price[C]).toBeCloseTo(7, 9); // 5 + 1 (A→B) + 1 (B→C)
  });

  it('a tariff cannot be dodged by routing through B either', () => {
    const tariff: PolicyInput = { ...from(0, 't'), type: 'tariff', from: [A], to: [C], products: [0], rate: Float64Array.of(1) };
    const r = simulate(world([tariff]), solvers, { check: true }).scenario[0];
    // B's own 10 t reach C tariff-free; the rest comes from A paying 100 % on A's price.
    expect(r.flow[link(B, C)]).toBeCloseTo(10, 9);
    expect(r.flow[link(A, C)]).toBeCloseTo(30, 9);
    expect(r.price[C]).toBeCloseTo(r.price[A] * 2 + 1, 6);
  });
});

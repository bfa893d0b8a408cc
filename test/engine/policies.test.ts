/** One test per policy type, on the two-region world of the hand cases (A: mine cost 5; B: imports, choke 100). */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSolvers, POLICY_PLUGINS, simulate, type SolverFactory } from '../../src/engine/index.js';
import { ALL_POLICY_TYPES, constant } from '../../src/model/synthetic.js';
import { A, B, fixedDemand, from, link, plant, twoRegions } from './fixtures.js';

let solvers: SolverFactory;
beforeAll(async () => {
  solvers = await loadSolvers();
});
const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 6);
const links = { from: [A], to: [B], products: [0] };

it('every policy type has a plug-in', () => {
  expect(Object.keys(POLICY_PLUGINS).sort()).toEqual([...ALL_POLICY_TYPES].sort());
});

describe('export_license', () => {
  it('lets approval × the baseline flow through', () => {
    const pol = { ...from(0), ...links, type: 'export_license' as const, approval: constant(1, 0.4), delay: 0, leakage: constant(1, 0) };
    const world = twoRegions({ plants: [plant(A, 100, 5)], demands: [fixedDemand(B, 50, 100, 1)], scenario: [pol] });
    const r = simulate(world, solvers, { check: true }).scenario[0];
    close(r.flow[link(A, B)], 20);
    close(r.shortage[B], 30);
    close(r.blocked[link(A, B)], 30);
  });

  it('with a delay, ships now and delivers `delay` periods later (goods in transit are a stock)', () => {
    const T = 5;
    const pol = { ...from(0), ...links, type: 'export_license' as const, approval: constant(T, 0.4), delay: 2, leakage: constant(T, 0) };
    const world = twoRegions({ plants: [plant(A, 100, 5)], demands: [fixedDemand(B, 50, 100, T)], scenario: [pol], periods: T });
    const s = simulate(world, solvers, { check: true }).scenario;
    for (let t = 0; t < T; t++) close(s[t].flow[link(A, B)], 20); // shipped every period
    close(s[0].arrivals[B], 0);
    close(s[1].arrivals[B], 0);
    close(s[2].arrivals[B], 20);
    close(s[4].arrivals[B], 20);
    close(s[1].shortage[B], 50);
    close(s[2].shortage[B], 30);
    close(s[0].exports[A], 20);
    close(s[0].imports[B], 0);
  });
});

describe('export_tax', () => {
  it('is an ad valorem wedge on the origin price', () => {
    const pol = { ...from(0), ...links, type: 'export_tax' as const, rate: constant(1, 0.5) };
    const world = twoRegions({ plants: [plant(A, 100, 5)], demands: [fixedDemand(B, 50, 100, 1)], scenario: [pol] });
    const r = simulate(world, solvers, { check: true }).scenario[0];
    close(r.price[B], 5 * 1.5 + 2);
    close(r.tariffUsd[link(A, B)], 0.5 * 5 * 50 * 1000);
  });
});

describe('import_ban', () => {
  it('closes the link with no leakage', () => {
    const pol = { ...from(0), ...links, type: 'import_ban' as const };
    const world = twoRegions({ plants: [plant(A, 100, 5), plant(B, 100, 40)], demands: [fixedDemand(B, 50, 100, 1)], scenario: [pol] });
    const r = simulate(world, solvers, { check: true }).scenario[0];
    close(r.flow[link(A, B)], 0);
    close(r.production[B], 50);
    close(r.price[B], 40);
  });
});

describe('stockpile_release', () => {
  it('relieves a shortage and lowers the price; the strategic stock falls', () => {
    const pol = { ...from(0), type: 'stockpile_release' as const, region: B, product: 0, rate: constant(1, 25) };
    const world = twoRegions({
      plants: [plant(A, 30, 5)],
      demands: [fixedDemand(B, 50, 100, 1)],
      stocks: [{ region: B, product: 0, commercial: 0, coverage: 0, strategic: 100 }],
      scenario: [pol],
    });
    const res = simulate(world, solvers, { check: true });
    close(res.baseline[0].shortage[B], 20);
    close(res.baseline[0].price[B], 100);
    const r = res.scenario[0];
    close(r.shortage[B], 0);
    close(r.price[B], 7);
    close(r.strategicStock[B], 75);
  });

  it('is capped by the strategic stock left', () => {
    const pol = { ...from(0), type: 'stockpile_release' as const, region: B, product: 0, rate: constant(1, 25) };
    const world = twoRegions({
      plants: [plant(A, 30, 5)],
      demands: [fixedDemand(B, 50, 100, 1)],
      stocks: [{ region: B, product: 0, commercial: 0, coverage: 0, strategic: 10 }],
      scenario: [pol],
    });
    const r = simulate(world, solvers, { check: true }).scenario[0];
    close(r.strategicStock[B], 0);
    close(r.shortage[B], 10);
  });
});

describe('stockpile_build', () => {
  it('adds strategic purchases to demand', () => {
    const pol = { ...from(0), type: 'stockpile_build' as const, region: B, product: 0, rate: constant(1, 10) };
    const world = twoRegions({ plants: [plant(A, 100, 5)], demands: [fixedDemand(B, 50, 100, 1)], scenario: [pol] });
    const r = simulate(world, solvers, { check: true }).scenario[0];
    close(r.flow[link(A, B)], 60);
    close(r.strategicStock[B], 10);
  });
});

describe('capacity', () => {
  it('adds scheduled capacity to the plant', () => {
    const pol = { ...from(0), type: 'capacity' as const, plant: 0, added: constant(1, 30) };
    const world = twoRegions({ plants: [plant(A, 30, 5), plant(B, 100, 40)], demands: [fixedDemand(B, 50, 100, 1)], scenario: [pol] });
    const res = simulate(world, solvers, { check: true });
    close(res.baseline[0].price[B], 40);
    const r = res.scenario[0];
    close(r.capacity[0], 60);
    close(r.flow[link(A, B)], 50);
    close(r.price[B], 7);
  });
  it('reverts a temporary change (an outage) when its window closes', () => {
    const outage = { ...from(1), end: 2, type: 'capacity' as const, plant: 0, added: constant(3, -30) };
    const world = twoRegions({ periods: 3, plants: [plant(A, 30, 5), plant(B, 100, 40)], demands: [fixedDemand(B, 50, 100, 3)], scenario: [outage] });
    const res = simulate(world, solvers, { check: true });
    expect(Array.from(res.scenario, (r) => r.capacity[0])).toEqual([30, 0, 30]);
  });
});

describe('price_floor', () => {
  it('pays producers the floor: they run at capacity, the surplus is held, the subsidy is reported', () => {
    const pol = { ...from(0), type: 'price_floor' as const, regions: [A], product: 0, price: constant(1, 10) };
    const world = twoRegions({ plants: [plant(A, 100, 5)], demands: [fixedDemand(B, 50, 100, 1)], scenario: [pol] });
    const r = simulate(world, solvers, { check: true }).scenario[0];
    close(r.production[A], 100);
    close(r.price[A], 0); // 50 t of surplus held at zero value
    close(r.stock[A], 50);
    close(r.subsidyUsd[A], 10 * 100 * 1000);
  });
});

describe('demand_shock', () => {
  it('multiplies the reference quantity', () => {
    const pol = { ...from(0), type: 'demand_shock' as const, regions: [B], products: [0], factor: constant(1, 1.5) };
    const world = twoRegions({ plants: [plant(A, 100, 5)], demands: [fixedDemand(B, 50, 100, 1)], scenario: [pol] });
    const r = simulate(world, solvers, { check: true }).scenario[0];
    close(r.demand[B], 75);
    close(r.flow[link(A, B)], 75);
  });
});

describe('windows', () => {
  it('a policy acts only in start ≤ t < end', () => {
    const T = 4;
    const pol = { id: 'w', start: 1, end: 3, announce: null, ...links, type: 'export_ban' as const, leakage: constant(T, 0) };
    const world = twoRegions({ plants: [plant(A, 100, 5)], demands: [fixedDemand(B, 50, 100, T)], scenario: [pol], periods: T });
    const s = simulate(world, solvers, { check: true }).scenario;
    expect(s.map((r) => Math.round(r.flow[link(A, B)]))).toEqual([50, 0, 0, 50]);
  });
});

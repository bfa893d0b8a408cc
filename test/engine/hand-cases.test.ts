/**
 * Hand-computed cases: two regions, one product, curves chosen so that the equilibrium is exact.
 * A has a cheap mine (cost 5), B an expensive one (cost 40), transport 2 each way, B needs 50 t per
 * period at any price up to its choke of 100 (fully critical demand).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSolvers, simulate, type SolverFactory } from '../../src/engine/index.js';
import type { ModelInput, PeriodResult } from '../../src/model/types.js';
import { constant } from '../../src/model/synthetic.js';
import { A, B, fixedDemand, from, link, plant, twoRegions } from './fixtures.js';

let solvers: SolverFactory;
beforeAll(async () => {
  solvers = await loadSolvers();
});

const rp = (r: number) => r; // one product: region × product index = region
const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 6);

function last(res: { scenario: readonly PeriodResult[] }): PeriodResult {
  return res.scenario[res.scenario.length - 1];
}

// Every hand case holds on both solvers: the engine's own dual simplex and HiGHS, the reference.
describe.each(['native', 'highs'] as const)('%s solver', (solver) => {
  const on = (world: ModelInput): ModelInput => ({ ...world, market: { ...world.market, solver } });

  describe('free trade', () => {
    it('the cheap region supplies, the price gap is the transport cost', () => {
      const world = twoRegions({ plants: [plant(A, 100, 5), plant(B, 100, 40)], demands: [fixedDemand(B, 50, 100, 1)] });
      const r = last(simulate(on(world), solvers, { check: true }));
      close(r.price[rp(A)], 5); // A's mine is the marginal supplier, running at 50 of 100
      close(r.price[rp(B)], 7); // landed cost 5 + 2
      close(r.flow[link(A, B)], 50);
      close(r.production[rp(B)], 0);
      close(r.consumption[rp(B)], 50);
      close(r.shortage[rp(B)], 0);
      expect(r.iterations).toBe(1);
    });

    it('prices are the duals of the balance rows: the expensive mine sets the price when the cheap one is full', () => {
      const world = twoRegions({ plants: [plant(A, 30, 5), plant(B, 100, 40)], demands: [fixedDemand(B, 50, 100, 1)] });
      const r = last(simulate(on(world), solvers, { check: true }));
      close(r.flow[link(A, B)], 30);
      close(r.production[rp(B)], 20);
      close(r.price[rp(B)], 40);
      close(r.price[rp(A)], 38); // arbitrage: p_A = p_B − c, and A's mine is full because 38 > 5
    });
  });

  describe('a 100 % tariff (ad valorem on the origin price)', () => {
    it('doubles the landed origin price when the origin price is set at home', () => {
      const tariff = { ...from(0), type: 'tariff' as const, from: [A], to: [B], products: [0], rate: constant(1, 1) };
      const world = twoRegions({ plants: [plant(A, 100, 5), plant(B, 100, 40)], demands: [fixedDemand(B, 50, 100, 1)], scenario: [tariff] });
      const r = last(simulate(on(world), solvers, { check: true }));
      close(r.price[rp(A)], 5);
      close(r.price[rp(B)], 12); // 5 × (1 + 1) + 2
      close(r.flow[link(A, B)], 50);
      close(r.tariffRate[link(A, B)], 1);
      close(r.tariffUsd[link(A, B)], 5 * 50 * 1000); // τ·p_o·x, USD/kg × t × 1000
    });

    it('settles by fixed point when the destination sets the price: p_A = (p_B − c)/(1 + τ)', () => {
      // A's mine (30 t) is full and exports to B whose own mine (cost 40) is marginal.
      const tariff = { ...from(0), type: 'tariff' as const, from: [A], to: [B], products: [0], rate: constant(1, 1) };
      const world = twoRegions({
        plants: [plant(A, 60, 5), plant(B, 100, 40)],
        demands: [fixedDemand(A, 20, 100, 1), fixedDemand(B, 50, 100, 1)],
        scenario: [tariff],
      });
      const res = simulate(on(world), solvers, { check: true });
      close(res.baseline[0].price[rp(A)], 38);
      const r = last(res);
      close(r.price[rp(B)], 40);
      close(r.price[rp(A)], 19); // 19 × 2 + 2 = 40
      close(r.flow[link(A, B)], 40);
      close(r.tariffUsd[link(A, B)], 19 * 40 * 1000);
      expect(r.iterations).toBeGreaterThan(1);
    });
  });

  describe('an export ban', () => {
    it('with no other supply leaves the importer in full shortage at its choke price', () => {
      const ban = { ...from(0), type: 'export_ban' as const, from: [A], to: [B], products: [0], leakage: constant(1, 0) };
      const world = twoRegions({ plants: [plant(A, 100, 5)], demands: [fixedDemand(B, 50, 100, 1)], scenario: [ban] });
      const res = simulate(on(world), solvers, { check: true });
      const r = last(res);
      close(r.flow[link(A, B)], 0);
      close(r.shortage[rp(B)], 50);
      close(r.unmet[rp(B)], 50);
      close(r.price[rp(B)], 100); // exactly the choke price
      close(r.price[rp(A)], 5); // A trades nothing: import-parity rule, bounded by its idle mine's cost
      close(r.blocked[link(A, B)], 50); // the baseline flow
      close(res.baseline[0].price[rp(B)], 7);
    });

    it('lets the leakage share through third countries at a surcharge on the origin price', () => {
      const ban = { ...from(0), type: 'export_ban' as const, from: [A], to: [B], products: [0], leakage: constant(1, 0.2) };
      const world = twoRegions({ plants: [plant(A, 100, 5)], demands: [fixedDemand(B, 50, 100, 1)], scenario: [ban] });
      const r = last(simulate(on(world), solvers, { check: true }));
      close(r.flow[link(A, B)], 10); // 20 % of the baseline's 50 t
      close(r.shortage[rp(B)], 40);
      close(r.price[rp(B)], 100);
      close(r.price[rp(A)], 5);
      close(r.blocked[link(A, B)], 40);
    });
  });

  describe('a binding export quota', () => {
    it('caps the flow and creates a rent = (p_d − p_o − c) × quota', () => {
      const quota = { ...from(0), type: 'export_quota' as const, from: [A], to: [B], products: [0], limit: constant(1, 30), leakage: constant(1, 0) };
      const world = twoRegions({ plants: [plant(A, 100, 5), plant(B, 100, 40)], demands: [fixedDemand(B, 50, 100, 1)], scenario: [quota] });
      const r = last(simulate(on(world), solvers, { check: true }));
      close(r.flow[link(A, B)], 30);
      close(r.production[rp(B)], 20);
      close(r.price[rp(B)], 40);
      close(r.price[rp(A)], 5);
      close(r.quotaRentUsd[link(A, B)], (40 - 5 - 2) * 30 * 1000);
      close(r.blocked[link(A, B)], 20); // baseline 50 − 30 that got through
    });
  });
});

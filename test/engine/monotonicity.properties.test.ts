/**
 * Comparative statics that any spatial price equilibrium must obey, on random small worlds with dynamics
 * switched off (so that each period is a comparative-statics experiment against the baseline):
 * a ban or a quota never increases the flow on its links, never lowers the importer's price and never
 * raises the exporter's price; a higher tariff never increases imports on its link; a stockpile release
 * never raises the local price.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHighsSolver, simulate, type SolverFactory } from '../../src/engine/index.js';
import type { ModelInput, PolicyInput } from '../../src/model/types.js';
import { constant, syntheticWorld, withScenarioPolicies } from '../../src/model/synthetic.js';

let solvers: SolverFactory;
beforeAll(async () => {
  solvers = await loadHighsSolver();
});

const TOL = 1e-6;
const le = (a: number, b: number) => a <= b + TOL * Math.max(1, Math.abs(a), Math.abs(b));

/** A policy-free world without dynamics, plus a link selection on it. */
const worldAndLinks = fc
  .record({
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    regions: fc.integer({ min: 2, max: 5 }),
    products: fc.integer({ min: 1, max: 3 }),
    processes: fc.boolean(),
    origin: fc.nat(),
    product: fc.nat(),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map((p) => {
    const world = syntheticWorld({ seed: p.seed, regions: p.regions, products: p.products, periods: 3, processes: p.processes, dynamics: false });
    const o = p.origin % p.regions;
    const to = world.regions.map((_, d) => d).filter((d) => d !== o);
    return { world, o, to, product: p.product % p.products, share: p.share };
  });

function linkOf(world: ModelInput, p: number, o: number, d: number): number {
  const R = world.regions.length;
  return (p * R + o) * R + d;
}

function restrictionLaws(world: ModelInput, pol: PolicyInput, o: number, to: number[], p: number): void {
  const res = simulate(withScenarioPolicies(world, [pol]), solvers);
  const P = world.products.length;
  res.scenario.forEach((s, t) => {
    const b = res.baseline[t];
    for (const d of to) {
      const l = linkOf(world, p, o, d);
      expect(le(s.flow[l], b.flow[l]), `flow ${o}→${d} period ${t}: ${s.flow[l]} > baseline ${b.flow[l]}`).toBe(true);
    }
    // The exporter's price does not rise; the importers' prices do not fall (single link to one importer).
    expect(le(s.price[o * P + p], b.price[o * P + p]), `exporter price ${s.price[o * P + p]} > ${b.price[o * P + p]}`).toBe(true);
    if (to.length === 1) expect(le(b.price[to[0] * P + p], s.price[to[0] * P + p]), `importer price fell`).toBe(true);
  });
}

describe('restrictions', () => {
  it('an export ban: less flow, exporter price not higher, importer price not lower', () => {
    fc.assert(
      fc.property(worldAndLinks, fc.boolean(), ({ world, o, to, product, share }, single) => {
        const dest = single ? [to[0]] : to;
        const ban: PolicyInput = { id: 'ban', start: 0, end: Number.MAX_SAFE_INTEGER, announce: null, type: 'export_ban', from: [o], to: dest, products: [product], leakage: constant(3, share * 0.5) };
        restrictionLaws(world, ban, o, dest, product);
      }),
      { numRuns: 60 },
    );
  });

  it('an export quota: the same laws', () => {
    fc.assert(
      fc.property(worldAndLinks, fc.double({ min: 0, max: 500, noNaN: true }), ({ world, o, to, product, share }, limit) => {
        const dest = [to[0]];
        const quota: PolicyInput = { id: 'q', start: 0, end: Number.MAX_SAFE_INTEGER, announce: null, type: 'export_quota', from: [o], to: dest, products: [product], limit: constant(3, limit), leakage: constant(3, share * 0.3) };
        restrictionLaws(world, quota, o, dest, product);
      }),
      { numRuns: 50 },
    );
  });
});

describe('tariffs', () => {
  it('a higher tariff never increases imports on its link', () => {
    fc.assert(
      fc.property(worldAndLinks, fc.double({ min: 0, max: 2, noNaN: true }), fc.double({ min: 0, max: 2, noNaN: true }), ({ world, o, to, product }, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const d = to[0];
        const tariff = (rate: number): PolicyInput => ({ id: 't', start: 0, end: Number.MAX_SAFE_INTEGER, announce: null, type: 'tariff', from: [o], to: [d], products: [product], rate: constant(3, rate) });
        const low = simulate(withScenarioPolicies(world, [tariff(lo)]), solvers).scenario;
        const high = simulate(withScenarioPolicies(world, [tariff(hi)]), solvers).scenario;
        const l = linkOf(world, product, o, d);
        // Fixed-point tolerance (1e-4 on prices) bounds how exactly two settled equilibria can be compared.
        high.forEach((h, t) => expect(h.flow[l] <= low[t].flow[l] + 1e-3 * Math.max(1, low[t].flow[l]), `period ${t}: ${h.flow[l]} > ${low[t].flow[l]}`).toBe(true));
      }),
      { numRuns: 40 },
    );
  });
});

describe('strategic stocks', () => {
  it('a stockpile release never raises the local price', () => {
    fc.assert(
      fc.property(worldAndLinks, fc.double({ min: 0, max: 500, noNaN: true }), ({ world, o, product }, rate) => {
        const stocks = [...world.stocks.filter((s) => !(s.region === o && s.product === product)), { region: o, product, commercial: 0, coverage: 0, strategic: 1000 }];
        const release: PolicyInput = { id: 'r', start: 0, end: Number.MAX_SAFE_INTEGER, announce: null, type: 'stockpile_release', region: o, product, rate: constant(3, rate) };
        const res = simulate({ ...world, stocks, scenarioPolicies: [release] }, solvers);
        const rp = o * world.products.length + product;
        res.scenario.forEach((s, t) => expect(le(s.price[rp], res.baseline[t].price[rp]), `period ${t}: ${s.price[rp]} > ${res.baseline[t].price[rp]}`).toBe(true));
      }),
      { numRuns: 40 },
    );
  });
});

/**
 * Comparative statics that any spatial price equilibrium must obey, one law per policy type, on random
 * small worlds with dynamics switched off (so that each period is a comparative-statics experiment
 * against the baseline): a ban, quota or licence never increases the flow on its links, never lowers the
 * importer's price and never raises the exporter's price; an import ban closes its links; a higher
 * tariff or export tax never increases the flow on its link; a stockpile release never raises the local
 * price; a price floor never lowers the floored output; added capacity never raises the price of what
 * the plant makes; a demand shock moves the local price with it. And, with inventories on: an export
 * restriction never makes the exporter hold more stock than in the baseline (where holders do not
 * respond to prices and nothing is processed — otherwise trapped, cheaper goods are legitimately held).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSolvers, simulate, type SolverFactory } from '../../src/engine/index.js';
import type { ModelInput, PolicyInput } from '../../src/model/types.js';
import { constant, defaultDynamics, syntheticWorld, withScenarioPolicies } from '../../src/model/synthetic.js';

let solvers: SolverFactory;
beforeAll(async () => {
  solvers = await loadSolvers();
});

const TOL = 1e-6;
const le = (a: number, b: number) => a <= b + TOL * Math.max(1, Math.abs(a), Math.abs(b));
/**
 * Price comparisons hold up to one step of the demand grid: where supply meets a vertical step of a
 * demand curve any price on the step clears the market, and the canonical price is its top, so a price
 * pinned inside a step in one run can meet the top of that step in the other.
 */
const lePrice = (world: ModelInput, a: number, b: number, slack = 0) => le(a, b + Math.abs(b) * (world.market.tierRatio - 1 + slack));

/**
 * A policy-free world without dynamics, plus a link selection on it. Re-export is free in both runs: rules
 * of origin (on by default) do not know where goods come from, so while any restriction is in force they
 * bound every third country's exports to its destinations, relabelled or not — which can move unrelated
 * trade and prices (a higher tariff can then raise a link's flow: goods that went through a third country
 * now come directly). They have their own hand cases and the oracle of policy limits.
 */
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
    const plain = syntheticWorld({ seed: p.seed, regions: p.regions, products: p.products, periods: 3, processes: p.processes, dynamics: false, edgeCases: false });
    const world: ModelInput = { ...plain, market: { ...plain.market, reexport: true } };
    const o = p.origin % p.regions;
    const to = world.regions.map((_, d) => d).filter((d) => d !== o);
    return { world, o, to, product: p.product % p.products, share: p.share };
  });

function linkOf(world: ModelInput, p: number, o: number, d: number): number {
  const R = world.regions.length;
  return (p * R + o) * R + d;
}

/** The laws of a restriction on its links, its exporter and (with no third country to swap through) its importer. */
function restrictionLaws(world: ModelInput, pol: PolicyInput, o: number, to: number[], p: number): void {
  const res = simulate(withScenarioPolicies(world, [pol]), solvers);
  const P = world.products.length;
  res.scenario.forEach((s, t) => {
    const b = res.baseline[t];
    for (const d of to) {
      const l = linkOf(world, p, o, d);
      expect(le(s.flow[l], b.flow[l]), `flow ${o}→${d} period ${t}: ${s.flow[l]} > baseline ${b.flow[l]}`).toBe(true);
    }
    // Prices, where no processing chain links this product to others (a restriction that sends an input
    // home raises its price there, and an idle processor's notional price with it): the exporter's price
    // does not rise. The importer's does not fall where it has no third country to swap through: with
    // one, the importer may buy the third country's own output while the third country takes the
    // restricted origin's cheaper goods (goods are homogeneous; see README, known weaknesses).
    if (world.plants.some((pl) => pl.inputs.length > 0 || pl.outputs.length > 1)) return;
    expect(lePrice(world, s.price[o * P + p], b.price[o * P + p]), `exporter price ${s.price[o * P + p]} > ${b.price[o * P + p]}`).toBe(true);
    if (world.regions.length === 2) expect(lePrice(world, b.price[to[0] * P + p], s.price[to[0] * P + p]), `importer price fell`).toBe(true);
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

  // Approval up to 99 %: a licence that approves the whole reference flow caps the link exactly where it
  // would be anyway, so the exporter's price is anywhere between its home market's step and the
  // destination's export parity, and the canonical (highest) price can be that parity. No delay: a licence
  // with a delay holds back the destination's supply for its first periods (nothing has arrived yet), and
  // an exporter whose licensed quantity does not bind sells into that spike — its price rises with the
  // destination's until the pipeline fills (the oracle checks what a delayed licence lets through).
  it('an export licence: the same laws', () => {
    fc.assert(
      fc.property(worldAndLinks, fc.double({ min: 0, max: 0.99, noNaN: true }), ({ world, o, to, product, share }, approval) => {
        const dest = [to[0]];
        const licence: PolicyInput = {
          id: 'l', start: 0, end: Number.MAX_SAFE_INTEGER, announce: null, type: 'export_license', from: [o], to: dest, products: [product],
          approval: constant(3, approval), delay: 0, leakage: constant(3, share * 0.3),
        };
        restrictionLaws(world, licence, o, dest, product);
      }),
      { numRuns: 40 },
    );
  });

  it('an import ban closes its links: nothing arrives, not even via third countries', () => {
    fc.assert(
      fc.property(worldAndLinks, ({ world, o, to, product }) => {
        const ban: PolicyInput = { id: 'ib', start: 0, end: Number.MAX_SAFE_INTEGER, announce: null, type: 'import_ban', from: [o], to: [to[0]], products: [product] };
        const res = simulate(withScenarioPolicies(world, [ban]), solvers);
        res.scenario.forEach((s) => expect(s.flow[linkOf(world, product, o, to[0])]).toBe(0));
        res.scenario.forEach((s) => expect(s.leaked[linkOf(world, product, o, to[0])]).toBe(0));
        restrictionLaws(world, ban, o, [to[0]], product);
      }),
      { numRuns: 30 },
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

describe('export taxes', () => {
  it('a higher export tax never increases the flow on its link, nor raises the exporter\'s price', () => {
    fc.assert(
      fc.property(worldAndLinks, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), ({ world, o, to, product }, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const d = to[0];
        const tax = (rate: number): PolicyInput => ({ id: 'x', start: 0, end: Number.MAX_SAFE_INTEGER, announce: null, type: 'export_tax', from: [o], to: [d], products: [product], rate: constant(3, rate) });
        const low = simulate(withScenarioPolicies(world, [tax(lo)]), solvers).scenario;
        const high = simulate(withScenarioPolicies(world, [tax(hi)]), solvers).scenario;
        const l = linkOf(world, product, o, d);
        const rp = o * world.products.length + product;
        high.forEach((h, t) => {
          expect(h.flow[l] <= low[t].flow[l] + 1e-3 * Math.max(1, low[t].flow[l]), `period ${t}: ${h.flow[l]} > ${low[t].flow[l]}`).toBe(true);
          // (the fixed point's tolerance, 1e-4 on prices, is the slack; prices as for restrictions, without chains)
          if (!world.plants.some((pl) => pl.inputs.length > 0 || pl.outputs.length > 1))
            expect(lePrice(world, h.price[rp], low[t].price[rp], 1e-3), `exporter price ${h.price[rp]} > ${low[t].price[rp]}`).toBe(true);
        });
      }),
      { numRuns: 30 },
    );
  });
});

describe('price floors, capacity and demand shocks', () => {
  it('a price floor never lowers the floored output in its region', () => {
    fc.assert(
      fc.property(worldAndLinks, fc.double({ min: 0.5, max: 3, noNaN: true }), ({ world, o, product }, multiple) => {
        const price = constant(3, multiple * world.products[product].referencePrice);
        const floor: PolicyInput = { id: 'f', start: 0, end: Number.MAX_SAFE_INTEGER, announce: null, type: 'price_floor', regions: [o], product, price };
        const res = simulate(withScenarioPolicies(world, [floor]), solvers);
        const rp = o * world.products.length + product;
        res.scenario.forEach((s, t) => expect(le(res.baseline[t].production[rp], s.production[rp]), `period ${t}: ${s.production[rp]} < ${res.baseline[t].production[rp]}`).toBe(true));
      }),
      { numRuns: 30 },
    );
  });

  it('capacity added to a single-output plant never raises the price of its product in its region', () => {
    fc.assert(
      fc.property(worldAndLinks, fc.nat(), fc.double({ min: 0, max: 2, noNaN: true }), ({ world }, pick, share) => {
        const single = world.plants.map((pl, i) => ({ pl, i })).filter(({ pl }) => pl.outputs.length === 1 && !pl.sharesCapacityOf);
        if (single.length === 0) return;
        const { pl, i } = single[pick % single.length];
        const added = constant(3, share * Math.max(1, pl.capacity));
        const cap: PolicyInput = { id: 'c', start: 0, end: Number.MAX_SAFE_INTEGER, announce: null, type: 'capacity', plant: i, added };
        const res = simulate(withScenarioPolicies(world, [cap]), solvers);
        const rp = pl.region * world.products.length + pl.outputs[0].product;
        res.scenario.forEach((s, t) => expect(lePrice(world, s.price[rp], res.baseline[t].price[rp]), `period ${t}: ${s.price[rp]} > ${res.baseline[t].price[rp]}`).toBe(true));
      }),
      { numRuns: 30 },
    );
  });

  it('a demand shock moves the local price with it: up for a factor above 1, down below', () => {
    fc.assert(
      fc.property(worldAndLinks, fc.double({ min: 0.2, max: 3, noNaN: true }), ({ world, o, product }, factor) => {
        const shock: PolicyInput = { id: 'd', start: 0, end: Number.MAX_SAFE_INTEGER, announce: null, type: 'demand_shock', regions: [o], products: [product], factor: constant(3, factor) };
        const res = simulate(withScenarioPolicies(world, [shock]), solvers);
        const rp = o * world.products.length + product;
        res.scenario.forEach((s, t) => {
          const b = res.baseline[t].price[rp];
          if (factor >= 1) expect(lePrice(world, b, s.price[rp]), `period ${t}: ${s.price[rp]} < ${b}`).toBe(true);
          else expect(lePrice(world, s.price[rp], b), `period ${t}: ${s.price[rp]} > ${b}`).toBe(true);
        });
      }),
      { numRuns: 30 },
    );
  });
});

describe('the exporter of a restriction', () => {
  // Trapped goods are legitimately held (the exporter's price falls and holders buy, or nobody at home
  // takes them), so the exporter may hold more once a restriction bites. Before it bites — from the
  // announcement to the start — nothing is restricted: importers hoard, prices can only rise, and the
  // exporter's holders, who only hoard on their own price momentum (off here), can only release.
  it('never holds more stock than in the baseline between the announcement and the start', () => {
    fc.assert(
      fc.property(worldAndLinks, fc.constantFrom('export_ban', 'export_quota', 'export_license'), ({ world, o, product }, type) => {
        const inventory = { ...defaultDynamics(true).inventory, momentumCoverage: 0 };
        const withStocks: ModelInput = { ...world, dynamics: { ...defaultDynamics(false), inventory } };
        // `to` lists the origin too, as `to: "*"` does; announced in period 0, in force from period 3.
        const T = 4;
        const common = { id: 'x', start: 3, end: Number.MAX_SAFE_INTEGER, announce: 0, from: [o], to: world.regions.map((_, d) => d), products: [product] };
        const pol: PolicyInput =
          type === 'export_ban' ? { ...common, type, leakage: constant(T, 0) }
          : type === 'export_quota' ? { ...common, type, limit: constant(T, 1), leakage: constant(T, 0) }
          : { ...common, type: 'export_license', approval: constant(T, 0.3), delay: 0, leakage: constant(T, 0) };
        const longer = { ...withStocks, timeline: { ...withStocks.timeline, labels: [...withStocks.timeline.labels, '2025-04'] } };
        const res = simulate(withScenarioPolicies(longer, [pol]), solvers);
        const rp = o * world.products.length + product;
        for (let t = 0; t < 3; t++)
          expect(le(res.scenario[t].stock[rp], res.baseline[t].stock[rp]), `period ${t}: exporter stock ${res.scenario[t].stock[rp]} > baseline ${res.baseline[t].stock[rp]}`).toBe(true);
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
        res.scenario.forEach((s, t) => expect(lePrice(world, s.price[rp], res.baseline[t].price[rp]), `period ${t}: ${s.price[rp]} > ${res.baseline[t].price[rp]}`).toBe(true));
      }),
      { numRuns: 40 },
    );
  });
});

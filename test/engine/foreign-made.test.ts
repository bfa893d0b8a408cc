/**
 * The foreign-made reach of an export restriction (`foreignMade`): goods made anywhere from the
 * restricting origin's material are covered, goods made from other material are not. Hand cases on a
 * two-step chain — metal M (mined in A, the origin, and in B) → goods G (made in B and in A) — sold to C;
 * and laws on random worlds whose products keep their origin.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSolvers, simulate, type SolverFactory } from '../../src/engine/index.js';
import type { DemandDef, ModelInput, PeriodResult, PlantDef, PolicyInput } from '../../src/model/types.js';
import { constant, defaultDynamics, defaultMarket, periodLabels } from '../../src/model/synthetic.js';
import { syntheticWorldArbitrary } from '../../src/testing/arbitraries.js';

let solvers: SolverFactory;
beforeAll(async () => {
  solvers = await loadSolvers();
});

const [A, B, C] = [0, 1, 2];
const [M, G] = [0, 1];
const R = 3;
const link = (p: number, o: number, d: number) => (p * R + o) * R + d;

function plant(id: string, region: number, inputs: { product: number; perUnit: number }[], output: number, capacity: number, cost: number): PlantDef {
  return {
    id, process: id, stage: inputs.length ? 'processing' : 'mine', region, inputs, outputs: [{ product: output, perUnit: 1 }], capacity,
    bands: [{ share: 0.5, unitCost: cost }, { share: 0.5, unitCost: cost * 1.5 }],
    expansion: { enabled: false, leadTimePeriods: 1, maxGrowthPerPeriod: 0, minStep: 0, fullUnitCost: cost },
  };
}

function buyer(region: number, product: number, q: number, price: number): DemandDef {
  return { region, product, sector: 'all', referenceQuantity: constant(1, q), referencePrice: price, shortRunElasticity: -0.5, longRunElasticity: -0.5, criticalShare: 0.3, chokePrice: 10 * price };
}

/**
 * A mines cheap metal, B dear metal; B makes most of the goods (from a mix of A's and its own metal), A
 * a few; C buys goods only. Both products keep their origin (σ = 4). `mMine`: capacity of B's mine.
 */
function chain(scenario: PolicyInput[], mMine = 40): ModelInput {
  return {
    name: 'chain',
    timeline: { kind: 'month', periodsPerYear: 12, labels: periodLabels('month', 1) },
    regions: [{ id: 'A', name: 'A' }, { id: 'B', name: 'B' }, { id: 'C', name: 'C' }],
    products: [
      { id: 'M', name: 'metal', unit: 't', referencePrice: 10, disposalCost: 0, substitution: 4 },
      { id: 'G', name: 'goods', unit: 't', referencePrice: 40, disposalCost: 0, substitution: 4 },
    ],
    plants: [
      plant('A.mine', A, [], M, 150, 3),
      plant('B.mine', B, [], M, mMine, 6),
      plant('B.make', B, [{ product: M, perUnit: 1 }], G, 150, 15),
      plant('A.make', A, [{ product: M, perUnit: 1 }], G, 30, 15),
    ],
    demands: [buyer(A, M, 20, 10), buyer(B, G, 20, 40), buyer(C, G, 100, 40)],
    stocks: [],
    transportCost: Float64Array.from({ length: 2 * R * R }, (_, l) => (Math.floor(l / R) % R === l % R ? 0 : 0.5)),
    worldPolicies: [],
    scenarioPolicies: scenario,
    dynamics: defaultDynamics(false),
    market: { ...defaultMarket(1.02), fixedPointTolerance: 1e-9, maxFixedPointIterations: 100 },
  };
}

function ban(foreignMade: boolean, products = [M, G], deMinimis = 0.001): PolicyInput {
  return {
    id: 'ban', start: 0, end: Number.MAX_SAFE_INTEGER, announce: null, type: 'export_ban', from: [A], to: [C], products,
    leakage: constant(1, 0), foreignMade: foreignMade ? { deMinimis } : null,
  };
}

const first = (w: ModelInput): PeriodResult => simulate(w, solvers, { check: true }).scenario[0];

describe('a ban with a foreign-made reach (metal → goods, A restricts C)', () => {
  it('stops the third region\'s goods made from the origin\'s metal, and lets its goods from other metal through', () => {
    const plain = first(chain([ban(false)]));
    const run = simulate(chain([ban(true)]), solvers, { check: true });
    const reach = run.scenario[0];
    // Without the reach, B's goods — made partly from A's metal — go to C freely (the baseline of the
    // same world tracks the content: the policy's reach is laid out in both runs).
    expect(plain.flow[link(G, A, C)]).toBe(0);
    expect(plain.flow[link(G, B, C)]).toBeGreaterThan(10);
    expect(run.baseline[0].contentFlow[link(G, B, C)]).toBeGreaterThan(1);
    // Tracking content changes nothing where no reach is in force: the baselines agree (to the
    // millionth by which an any-content recipe is dearer, layout.ts anyContentCost).
    const plainBase = simulate(chain([ban(false)]), solvers).baseline[0];
    const near = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(b)));
    plainBase.flow.forEach((f, l) => near(run.baseline[0].flow[l], f));
    plainBase.price.forEach((p, i) => near(run.baseline[0].price[i], p));
    // With it, nothing that carries A's material reaches C …
    expect(reach.contentFlow[link(G, B, C)]).toBeCloseTo(0, 9);
    expect(reach.flow[link(G, A, C)]).toBe(0);
    // … but B still sends C goods made from its own metal (certified free), and C pays more.
    expect(reach.flow[link(G, B, C)]).toBeGreaterThan(1);
    expect(reach.price[C * 2 + G]).toBeGreaterThan(plain.price[C * 2 + G]);
    // B's goods for C are made from B's metal: B mines more than without the reach.
    expect(reach.production[B * 2 + M]).toBeGreaterThan(plain.production[B * 2 + M]);
  });

  it('is no reach at all where the origin\'s material is below the de minimis (here: 100 % of value)', () => {
    const plain = first(chain([ban(false)]));
    const generous = first(chain([ban(true, [M, G], 1)]));
    expect(generous.flow[link(G, B, C)]).toBeCloseTo(plain.flow[link(G, B, C)], 6);
    expect(generous.price[C * 2 + G]).toBeCloseTo(plain.price[C * 2 + G], 6);
  });

  it('without the third region\'s own metal, the reach leaves C only what A\'s material does not touch', () => {
    const reach = first(chain([ban(true)], 0));
    expect(reach.flow[link(G, B, C)]).toBeCloseTo(0, 6);
    expect(reach.shortage[C * 2 + G]).toBeGreaterThan(0);
  });

  it('reaches only the destinations and products it names', () => {
    const reach = first(chain([ban(true, [M])])); // metal only: goods made from A's metal are not covered
    const plain = first(chain([ban(false, [M])]));
    expect(reach.flow[link(G, B, C)]).toBeCloseTo(plain.flow[link(G, B, C)], 6);
  });
});

/** A random one-period world whose products keep their origin, with an origin o and a destination d. */
const worldOriginDestination = syntheticWorldArbitrary({ substitution: true, dynamics: false, periods: 1, scenarioPolicies: 0, worldPolicies: 0, processes: true }).chain((world) =>
  fc.record({
    world: fc.constant(world),
    o: fc.integer({ min: 0, max: world.regions.length - 1 }),
    d: fc.integer({ min: 0, max: world.regions.length - 1 }),
  }),
);

describe('laws of the foreign-made reach on random worlds', () => {
  it('a ban with the reach lets no goods carrying the origin\'s material reach its destinations, from anywhere', () => {
    fc.assert(
      fc.property(worldOriginDestination, ({ world, o, d }) => {
        fc.pre(o !== d);
        const products = world.products.map((_, p) => p);
        const policy: PolicyInput = {
          id: 'b', start: 0, end: Number.MAX_SAFE_INTEGER, announce: null, type: 'export_ban', from: [o], to: [d], products,
          leakage: constant(1, 0), foreignMade: { deMinimis: 0.001 },
        };
        // --check: every equilibrium condition, the welfare identity and the oracle of the reach hold.
        const reach = simulate({ ...world, scenarioPolicies: [policy] }, solvers, { check: true }).scenario[0];
        const R = world.regions.length;
        for (const p of products)
          for (let r = 0; r < R; r++) {
            if (r === d) continue;
            expect(reach.contentFlow[(p * R + r) * R + d]).toBeLessThanOrEqual(1e-6);
          }
      }),
      { numRuns: 25 },
    );
  });

  it('the reach restricts, never relaxes: the destination pays no less for the goods it covers than under the same ban without it', () => {
    fc.assert(
      fc.property(worldOriginDestination, ({ world, o, d }) => {
        fc.pre(o !== d);
        const products = world.products.map((_, p) => p);
        const policy = (foreignMade: boolean): PolicyInput => ({
          id: 'b', start: 0, end: Number.MAX_SAFE_INTEGER, announce: null, type: 'export_ban', from: [o], to: [d], products,
          leakage: constant(1, 0), foreignMade: foreignMade ? { deMinimis: 0.001 } : null,
        });
        const reach = simulate({ ...world, scenarioPolicies: [policy(true)] }, solvers).scenario[0];
        const border = simulate({ ...world, scenarioPolicies: [policy(false)] }, solvers).scenario[0];
        const P = world.products.length;
        const slack = (x: number) => 1e-6 * Math.max(1, Math.abs(x));
        for (const p of products) {
          const rp = d * P + p;
          // Prices where the destination buys some of the product without the reach (where it buys none,
          // any price between its buyers' reservation and the cheapest supply clears, and the canonical
          // choice among them differs with the rows the reach adds), up to one step of the demand grid.
          if (!(border.consumption[rp] > 1e-9)) continue;
          const step = Math.abs(border.price[rp]) * (world.market.tierRatio - 1);
          expect(reach.price[rp], `price of product ${p} in ${d}`).toBeGreaterThanOrEqual(border.price[rp] - step - slack(border.price[rp]));
        }
      }),
      { numRuns: 25 },
    );
  });
});

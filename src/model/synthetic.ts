/**
 * Synthetic worlds for tests and benchmarks: deterministic generators of valid `ModelInput`s (the
 * fast-check arbitraries built on them live in src/testing/arbitraries.ts, exported by reesim/testing). Nothing here is calibrated: the numbers are plausible in shape
 * (reference prices 5–300 USD/kg, cost bands below the reference price, chokes 4–15× reference) so that
 * the engine meets every situation it must handle — joint production, processing chains, surplus,
 * shortage, every policy type — not so that the results mean anything.
 *
 * Randomness comes only from `seedrandom.alea(\`${seed}:synthetic\`)`: the same parameters give the same
 * world, bit for bit.
 */
import seedrandom from 'seedrandom';
import type {
  DemandDef,
  DynamicsParams,
  MarketParams,
  ModelInput,
  PeriodKind,
  PlantDef,
  PolicyInput,
  PolicyType,
  ProductDef,
  RegionDef,
  StockDef,
} from './types.js';

/** Parameters of a synthetic world. */
export interface SyntheticParams {
  readonly seed: number;
  readonly regions: number;
  readonly products: number;
  readonly periods: number;
  readonly periodKind?: PeriodKind;
  /** Products after the first may be made from the one before (a processing chain); otherwise all are mined. */
  readonly processes?: boolean;
  /** Number of random scenario policies. */
  readonly scenarioPolicies?: number;
  /** Number of random world policies (in force in the baseline too). */
  readonly worldPolicies?: number;
  /** Policy types to draw from (default: all). */
  readonly policyTypes?: readonly PolicyType[];
  /** Enable inventory, capacity and demand dynamics (default true). */
  readonly dynamics?: boolean;
  /** Price grid ratio (default 1.05: coarse and fast for tests). */
  readonly tierRatio?: number;
  /**
   * Draw the situations where policy semantics can leak (default true): destination lists that include
   * the origin, several origins, a second policy on the same links, policies in force from before the
   * run, alternative recipes sharing a plant's lines, and free re-export.
   */
  readonly edgeCases?: boolean;
  /**
   * Products that keep their origin (default false): each product, with probability ½, gets an
   * elasticity of substitution between origins (0.5–12), and some of those a qualification lag and
   * contracts; some destinations get observed import shares; some export restrictions reach foreign-made
   * goods. Drawn from separate streams (`${seed}:armington`, `${seed}:reach`), so the rest of the world
   * is the one the same seed gives without them.
   */
  readonly substitution?: boolean;
}

/** Every policy type. */
export const ALL_POLICY_TYPES: readonly PolicyType[] = [
  'export_ban', 'export_quota', 'export_license', 'export_tax', 'tariff', 'import_ban',
  'stockpile_release', 'stockpile_build', 'capacity', 'price_floor', 'demand_shock',
];

/** Dynamics with plausible monthly defaults; `enabled` switches all three on or off. */
export function defaultDynamics(enabled = true): DynamicsParams {
  return {
    inventory: {
      enabled,
      adjustmentPeriods: 4,
      priceResponse: 1,
      momentumCoverage: 1,
      announcementCoverage: 2,
      expectationWeight: 0.3,
      normalPriceWeight: 0.05,
      carryingCost: 0.01,
    },
    capacity: { enabled, lookbackPeriods: 3 },
    demand: { enabled, adjustmentPerPeriod: 0.05, priceSmoothing: 0.2 },
    leakage: { extraCostShare: 0.15 },
  };
}

/** Market settings: geometric price grid from 20 % of the reference price, fixed point to 1e-4. */
export function defaultMarket(tierRatio = 1.05): MarketParams {
  return { tierRatio, tierFloor: 0.2, fixedPointTolerance: 1e-4, maxFixedPointIterations: 40 };
}

/** ISO labels of `periods` periods from January 2025. */
export function periodLabels(kind: PeriodKind, periods: number): string[] {
  return Array.from({ length: periods }, (_, t) => {
    if (kind === 'year') return String(2025 + t);
    if (kind === 'quarter') return `${2025 + Math.floor(t / 4)}-Q${(t % 4) + 1}`;
    return `${2025 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
  });
}

/** A constant series. */
export function constant(periods: number, value: number): Float64Array {
  return new Float64Array(Math.max(1, periods)).fill(value);
}

type Rng = () => number;

function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng();
}
function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[Math.floor(rng() * xs.length)];
}
function subset(rng: Rng, n: number, min: number): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  const chosen = all.filter(() => rng() < 0.5);
  while (chosen.length < Math.min(min, n)) {
    const i = Math.floor(rng() * n);
    if (!chosen.includes(i)) chosen.push(i);
  }
  return chosen.sort((a, b) => a - b);
}

/** A deterministic random world (see the module comment). */
export function syntheticWorld(params: SyntheticParams): ModelInput {
  const rng: Rng = seedrandom.alea(`${params.seed}:synthetic`);
  const R = params.regions;
  const P = params.products;
  const T = params.periods;
  const kind = params.periodKind ?? 'month';
  const perYear = kind === 'month' ? 12 : kind === 'quarter' ? 4 : 1;

  const regions: RegionDef[] = Array.from({ length: R }, (_, r) => ({ id: `R${r}`, name: `Region ${r}` }));
  const products: ProductDef[] = Array.from({ length: P }, (_, p) => ({
    id: `P${p}`,
    name: `Product ${p}`,
    unit: 't',
    referencePrice: Math.round(Math.exp(uniform(rng, Math.log(5), Math.log(300))) * 100) / 100,
    disposalCost: rng() < 0.5 ? null : Math.round(uniform(rng, 0, 0.3) * 100) / 100,
  }));

  const demands: DemandDef[] = [];
  const volume = new Float64Array(P); // total reference demand per product
  for (let r = 0; r < R; r++)
    for (let p = 0; p < P; p++) {
      if (rng() < 0.35) continue;
      const sectors = rng() < 0.3 ? 2 : 1;
      for (let s = 0; s < sectors; s++) {
        const q0 = Math.exp(uniform(rng, Math.log(10), Math.log(1000)));
        const growth = uniform(rng, -0.005, 0.01);
        const sr = -uniform(rng, 0, 0.8);
        const pref = products[p].referencePrice * uniform(rng, 0.8, 1.2);
        demands.push({
          region: r,
          product: p,
          sector: `S${s}`,
          referenceQuantity: Float64Array.from({ length: Math.max(1, T) }, (_, t) => q0 * Math.pow(1 + growth, t)),
          referencePrice: pref,
          shortRunElasticity: sr,
          longRunElasticity: sr - uniform(rng, 0, 0.6),
          criticalShare: rng() < 0.3 ? 0 : uniform(rng, 0, 0.6),
          chokePrice: pref * uniform(rng, 4, 15),
        });
        volume[p] += q0;
      }
    }

  // Plants: each product is mined somewhere, or (in a chain) made from the product before it.
  const plants: PlantDef[] = [];
  for (let p = 0; p < P; p++) {
    const made = params.processes && p > 0 && rng() < 0.6;
    const sites = subset(rng, R, 1).slice(0, 3);
    const need = Math.max(volume[p], 50) * uniform(rng, 0.7, 1.6);
    for (const r of sites) {
      const bandCount = 1 + Math.floor(rng() * 3);
      const pref = products[p].referencePrice;
      let unit = pref * uniform(rng, 0.15, 0.5);
      const bands = Array.from({ length: bandCount }, () => {
        const b = { share: 1 / bandCount, unitCost: Math.round(unit * 100) / 100 };
        unit *= uniform(rng, 1.1, 1.6);
        return b;
      });
      const outputs = [{ product: p, perUnit: 1 }];
      if (!made && p + 1 < P && rng() < 0.3) outputs.push({ product: p + 1, perUnit: uniform(rng, 0.1, 0.5) }); // joint by-product
      const inputs = made ? [{ product: p - 1, perUnit: uniform(rng, 1, 1.3) }] : [];
      plants.push({
        id: `R${r}.make.P${p}`,
        process: made ? `make.P${p}` : `mine.P${p}`,
        stage: made ? 'processing' : 'mine',
        region: r,
        inputs,
        outputs,
        capacity: need / sites.length,
        bands,
        expansion: {
          enabled: rng() < 0.7,
          leadTimePeriods: Math.floor(uniform(rng, 0, 2 * perYear)),
          maxGrowthPerPeriod: uniform(rng, 0, 0.05),
          minStep: need * 0.02,
          fullUnitCost: pref * uniform(rng, 0.4, 1.1),
        },
      });
      if (made) volume[p - 1] += need / sites.length; // upstream must feed this plant
    }
  }

  const edge = params.edgeCases ?? true;
  if (edge) addAlternativeRecipes(rng, plants);

  const stocks: StockDef[] = [];
  for (let r = 0; r < R; r++)
    for (let p = 0; p < P; p++) {
      if (rng() < 0.5) continue;
      const coverage = uniform(rng, 0.5, 3);
      const use = demands.filter((d) => d.region === r && d.product === p).reduce((s, d) => s + d.referenceQuantity[0], 0);
      stocks.push({
        region: r,
        product: p,
        commercial: use * coverage * uniform(rng, 0.5, 1.5),
        coverage,
        strategic: rng() < 0.3 ? use * uniform(rng, 1, 6) : 0,
      });
    }

  const transportCost = new Float64Array(P * R * R);
  for (let p = 0; p < P; p++)
    for (let o = 0; o < R; o++)
      for (let d = 0; d < R; d++) if (o !== d) transportCost[(p * R + o) * R + d] = products[p].referencePrice * uniform(rng, 0.01, 0.1);

  const world: ModelInput = {
    name: `synthetic-${params.seed}`,
    timeline: { kind, periodsPerYear: perYear as 12 | 4 | 1, labels: periodLabels(kind, T) },
    regions,
    products,
    plants,
    demands,
    stocks,
    transportCost,
    worldPolicies: [],
    scenarioPolicies: [],
    dynamics: defaultDynamics(params.dynamics ?? true),
    market: { ...defaultMarket(params.tierRatio ?? 1.05), ...(edge && rng() < 0.2 ? { reexport: true } : {}) },
  };
  const types = params.policyTypes ?? ALL_POLICY_TYPES;
  const draw = (id: string) => randomPolicy(rng, world, pick(rng, types), id, edge);
  const worldPolicies = Array.from({ length: params.worldPolicies ?? 0 }, (_, i) => draw(`w${i}`));
  const scenarioPolicies = Array.from({ length: params.scenarioPolicies ?? 0 }, (_, i) => draw(`s${i}`));
  // A second policy on the links of the first (another type, another window): combinations on one link.
  if (edge && scenarioPolicies.length > 0 && rng() < 0.4) {
    const first = scenarioPolicies[0];
    const second = draw(`s${scenarioPolicies.length}`);
    if ('from' in first && 'from' in second) scenarioPolicies.push({ ...second, from: first.from, to: first.to, products: first.products } as PolicyInput);
  }
  const armington = params.substitution ? withSubstitution(`${params.seed}:armington`, world) : world;
  const reach = params.substitution ? withForeignMadeReach(`${params.seed}:reach`, scenarioPolicies) : scenarioPolicies;
  return { ...armington, worldPolicies, scenarioPolicies: reach };
}

/** Some export restrictions also reach foreign-made goods (a separate stream: the rest of the world is unchanged). */
function withForeignMadeReach(seed: string, policies: readonly PolicyInput[]): PolicyInput[] {
  const rng: Rng = seedrandom.alea(seed);
  return policies.map((pol) => {
    if ((pol.type !== 'export_ban' && pol.type !== 'export_license' && pol.type !== 'export_quota') || rng() < 0.6) return pol;
    return { ...pol, foreignMade: { deMinimis: rng() < 0.5 ? 0.001 : uniform(rng, 0, 0.3) } };
  });
}

/** Origin-keeping products, qualification, contracts and observed shares on a world (see SyntheticParams.substitution). */
function withSubstitution(seed: string, world: ModelInput): ModelInput {
  const rng: Rng = seedrandom.alea(seed);
  const R = world.regions.length;
  const P = world.products.length;
  const products = world.products.map((p) => {
    if (rng() < 0.5) return p;
    return {
      ...p,
      substitution: Math.round(Math.exp(uniform(rng, Math.log(0.5), Math.log(12))) * 100) / 100,
      qualification: rng() < 0.4 ? { leadTimePeriods: 1 + Math.floor(rng() * 6), premium: uniform(rng, 0, 0.5) } : null,
      contracts: rng() < 0.4 ? { share: uniform(rng, 0, 1), lagPeriods: 1 + Math.floor(rng() * 6) } : null,
    };
  });
  const observedShares = new Float64Array(P * R * R).fill(NaN);
  for (let p = 0; p < P; p++)
    for (let d = 0; d < R; d++) {
      if (products[p].substitution == null || rng() < 0.7) continue;
      for (let o = 0; o < R; o++) if (rng() < 0.5) observedShares[(p * R + d) * R + o] = uniform(rng, 0, 0.8);
    }
  return { ...world, products, observedShares };
}

/**
 * Alternative recipes on shared lines: for some processing plants, a second plant in the same region
 * making the same outputs from more of the same inputs at a higher cost, sharing the first's capacity.
 */
function addAlternativeRecipes(rng: Rng, plants: PlantDef[]): void {
  for (const base of [...plants]) {
    if (base.inputs.length === 0 || rng() < 0.6) continue;
    plants.push({
      ...base,
      id: `${base.id}.alt`,
      process: `${base.process}.alt`,
      inputs: base.inputs.map((t) => ({ product: t.product, perUnit: t.perUnit * uniform(rng, 1.05, 1.3) })),
      bands: base.bands.map((b) => ({ share: b.share, unitCost: Math.round(b.unitCost * uniform(rng, 0.7, 1.1) * 100) / 100 })),
      expansion: { ...base.expansion, enabled: false },
      sharesCapacityOf: base.id, // its own capacity is the base's: the shared row is what binds
    });
  }
}

/**
 * A random policy of the given type on a world (window inside the run, sometimes announced early). With
 * `edgeCases`, it may also start before the run, name several origins, and list its origin among its
 * destinations (as `to: "*"` does).
 */
export function randomPolicy(rng: Rng, world: ModelInput, type: PolicyType, id: string, edgeCases = false): PolicyInput {
  const R = world.regions.length;
  const P = world.products.length;
  const T = world.timeline.labels.length;
  const start = edgeCases && rng() < 0.15 ? -1 - Math.floor(rng() * 3) : Math.floor(rng() * Math.max(1, T));
  const end = rng() < 0.5 ? Number.MAX_SAFE_INTEGER : Math.max(0, start) + 1 + Math.floor(rng() * Math.max(1, T));
  const announce = rng() < 0.4 ? Math.max(0, start - 1 - Math.floor(rng() * 3)) : null;
  const window = { id, start, end, announce: announce !== null && announce > start ? start : announce };
  const o = Math.floor(rng() * R);
  const origins = edgeCases && R > 2 && rng() < 0.25 ? [o, (o + 1) % R] : [o];
  const links = {
    from: origins,
    to: Array.from({ length: R }, (_, d) => d).filter((d) => (edgeCases && rng() < 0.3) || (!origins.includes(d) && rng() < 0.7)),
    products: subset(rng, P, 1),
  };
  if (links.to.filter((d) => !origins.includes(d)).length === 0) links.to.push((o + origins.length) % R);
  const series = (lo: number, hi: number) => constant(T, uniform(rng, lo, hi));
  const region = Math.floor(rng() * R);
  const product = Math.floor(rng() * P);
  switch (type) {
    case 'export_ban':
      return { ...window, ...links, type, leakage: series(0, 0.3) };
    case 'export_quota':
      return { ...window, ...links, type, limit: series(0, 300), leakage: series(0, 0.3) };
    case 'export_license':
      return { ...window, ...links, type, approval: series(0, 1), delay: Math.floor(rng() * 3), leakage: series(0, 0.2) };
    case 'export_tax':
      return { ...window, ...links, type, rate: series(0, 0.5) };
    case 'tariff':
      return { ...window, ...links, type, rate: series(0, 1.5) };
    case 'import_ban':
      return { ...window, ...links, type };
    case 'stockpile_release':
      return { ...window, type, region, product, rate: series(0, 200) };
    case 'stockpile_build':
      return { ...window, type, region, product, rate: series(0, 200) };
    case 'capacity': {
      const plant = Math.floor(rng() * Math.max(1, world.plants.length));
      const cap = world.plants[plant]?.capacity ?? 0;
      return { ...window, type, plant, added: Float64Array.from({ length: Math.max(1, T) }, (_, t) => (t >= start ? cap * uniform(rng, -0.5, 0.5) : 0)) };
    }
    case 'price_floor':
      return { ...window, type, regions: [region], product, price: series(0.3, 1.2).map((v) => v * world.products[product].referencePrice) };
    case 'demand_shock':
      return { ...window, type, regions: [region], products: [product], factor: series(0.5, 1.8) };
  }
}

/** The world with `policies` as its scenario policies. */
export function withScenarioPolicies(world: ModelInput, policies: readonly PolicyInput[]): ModelInput {
  return { ...world, scenarioPolicies: policies };
}

/**
 * The Armington benchmark: each destination's benchmark mix of origins, and the preference weights that
 * make that mix the buyers' choice at the reference prices (calibrated-share form).
 *
 * Why a clearing. A benchmark mix must be consistent with the world's own capacities and costs: a mix
 * that asks Japan's buyers for more Japanese magnets than Japan makes at its costs would raise Japan's
 * price in the baseline already. So the engine clears period 0 once with every product homogeneous,
 * passive stocks and the world's policies (the tariffs under which trade was observed; caps in force
 * from before the run referenced to an unrestricted clearing, as in the runs), no scenario policy, and
 * reads the benchmark off it: destination d's supply from origin o is the flow o → d, its home supply its
 * production less its exports. Observed shares (`trade.sources`) then replace what they state: a home
 * share, and import shares of the origins they name, the other origins sharing the rest of the imports
 * as in the clearing, or where the clearing has them send nothing there, by their capacity left unused
 * in the clearing (what they could add without raising their costs), else by capacity. A destination the
 * clearing does not supply takes world capacity shares. Every origin keeps a small share (MIN_SHARE,
 * scaled down where the destination dwarfs the origin), so no possible supplier is ruled out (a share of
 * 0 would make its goods worthless there). Observed shares the clearing did not reproduce may ask an
 * origin for more than it made: the destinations whose share of it is only the clearing's (its own home
 * market, typically) then give up the excess (balanceOrigins), so the benchmark can be supplied at the
 * reference prices.
 *
 * Weights. With CES aggregate Z(u) = (Σ a_o^{1/σ} u_o^{(σ−1)/σ})^{σ/(σ−1)}, buyers facing landed prices
 * π choose u_o ∝ a_o·π_o^{−σ}; so a_o ∝ s_o·π_o^σ makes the benchmark mix s their choice at the reference
 * landed prices π (origin price × (1 + ad valorem wedges in force) + transport; the home price at home). Observed shares that the clearing
 * does not reproduce (the US buying Japanese magnets dearer than Chinese ones) are thus what buyers want
 * at the reference prices, not a departure from them.
 */
import type { ModelInput, PlantDef } from '../model/types.js';
import { normalisedOver } from './armington.js';
import { buildLayout, linkIndex, possibleOrigins, shareIndex, type ArmingtonBenchmark } from './layout.js';
import { clearPassive, NO_REFERENCES, referenceState } from './passive.js';
import type { SolverFactory } from './solver.js';

/** Smallest benchmark share of a possible origin (a generic floor, not a fact about any product). */
const MIN_SHARE = 0.01;

/** Whether any product is differentiated by origin. */
function hasSubstitution(input: ModelInput): boolean {
  return input.products.some((p) => p.substitution != null);
}

/** The benchmark of a world with products that keep their origin (see the module comment); null when none does. */
export function armingtonBenchmark(input: ModelInput, solvers: SolverFactory): ArmingtonBenchmark | null {
  if (!hasSubstitution(input)) return null;
  const R = input.regions.length;
  const P = input.products.length;
  const homogeneous: ModelInput = {
    ...input,
    products: input.products.map((p) => ({ ...p, substitution: null, qualification: null })),
    scenarioPolicies: [],
  };
  const layout = buildLayout(homogeneous);
  const period = solvers.create(layout, input.market.solver);
  let flow: Float64Array;
  let production: Float64Array;
  let price: Float64Array;
  let wedge: Float64Array;
  try {
    const solver = { period, oneShot: solvers.oneShot };
    const state = referenceState(homogeneous, layout);
    const before = clearPassive(solver, homogeneous, layout, state, [], NO_REFERENCES).result;
    const world = layout.policies.map((_, i) => i);
    const { result } = clearPassive(solver, homogeneous, layout, state, world, { flow: (_i, l) => before.flow[l], content: (_i, l) => before.contentFlow[l] });
    ({ flow, production, price } = result);
    wedge = result.tariffRate;
  } finally {
    period.dispose();
  }
  const capacity = originCapacity(input.plants, R, P);
  const canMake = possibleOrigins(input);
  const shares = new Float64Array(P * R * R);
  const weights = new Float64Array(P * R * R);
  const landedPrice = new Float64Array(P * R * R);
  const active = new Uint8Array(P * R * R);
  for (let p = 0; p < P; p++) {
    const sigma = input.products[p].substitution;
    if (sigma == null) continue;
    const origins = Array.from({ length: R }, (_, r) => r).filter((r) => canMake[r * P + p] === 1);
    if (origins.length === 0) continue;
    const room = {
      capacity: Float64Array.from({ length: R }, (_, o) => capacity[o * P + p]),
      spare: Float64Array.from({ length: R }, (_, o) => Math.max(0, capacity[o * P + p] - production[o * P + p])),
    };
    const use = usedByOrigin(R, (o, d) => flow[linkIndex(R, p, o, d)], (r) => production[r * P + p]);
    const mix: ProductMix = { total: new Float64Array(R), share: Array.from({ length: R }, () => new Float64Array(R)), fixed: Array.from({ length: R }, () => new Uint8Array(R)) };
    const supplied = Array.from({ length: R }, () => new Uint8Array(R));
    for (let d = 0; d < R; d++) {
      const supply = new Float64Array(R);
      for (const o of origins) supply[o] = use[d][o];
      mix.total[d] = origins.reduce((sum, o) => sum + supply[o], 0);
      const raw = withObserved(input.observedShares, p, d, origins, supply, room);
      for (const o of origins) supplied[d][o] = raw[o] > 0 ? 1 : 0;
      mix.share[d] = flooredShares(origins, raw, Float64Array.from({ length: R }, (_, o) => floorShare(room.capacity[o], mix.total[d])));
      for (const o of origins) mix.fixed[d][o] = Number.isFinite(input.observedShares?.[shareIndex(R, p, d, o)] ?? NaN) ? 1 : 0;
    }
    balanceOrigins(mix, origins, Float64Array.from({ length: R }, (_, o) => production[o * P + p]), room.capacity);
    for (let d = 0; d < R; d++) {
      const landed = (o: number) => {
        const l = linkIndex(R, p, o, d);
        const value = o === d ? price[d * P + p] : Math.max(0, price[o * P + p]) * (1 + wedge[l]) + Math.max(0, input.transportCost[l]);
        return Math.max(0.01 * input.products[p].referencePrice, value);
      };
      const top = Math.max(...origins.map(landed));
      for (const o of origins) {
        if (o !== d) landedPrice[linkIndex(R, p, o, d)] = landed(o);
        active[shareIndex(R, p, d, o)] = supplied[d][o];
        shares[shareIndex(R, p, d, o)] = mix.share[d][o];
        weights[shareIndex(R, p, d, o)] = mix.share[d][o] * Math.pow(landed(o) / top, sigma);
      }
    }
  }
  return { shares, weights, active, price, landed: landedPrice };
}

/**
 * What each region used of each origin's output in the clearing: use[d][o] (t per period). A region's
 * supply (its production and imports) is a mix of origins, and so are its exports: goods a region
 * imports and sends on (the homogeneous clearing may route a product through a third region) are
 * traced back to where they were made, in proportion, layer by layer (at most R layers deep).
 */
function usedByOrigin(R: number, flow: (o: number, d: number) => number, made: (r: number) => number): Float64Array[] {
  const inflow = Float64Array.from({ length: R }, (_, r) => {
    let sum = 0;
    for (let k = 0; k < R; k++) if (k !== r) sum += flow(k, r);
    return sum;
  });
  const supply = Float64Array.from({ length: R }, (_, r) => Math.max(0, made(r)) + inflow[r]);
  // Composition of each region's supply by origin: own output, plus imports at their source's composition.
  let mixOf = Array.from({ length: R }, (_, r) => Float64Array.from({ length: R }, (_, o) => (o === r && supply[r] > 0 ? Math.max(0, made(r)) / supply[r] : 0)));
  for (let layer = 0; layer < R; layer++) {
    mixOf = mixOf.map((_, r) => {
      const c = new Float64Array(R);
      if (supply[r] <= 0) return c;
      c[r] = Math.max(0, made(r)) / supply[r];
      for (let k = 0; k < R; k++) {
        if (k === r) continue;
        const f = flow(k, r);
        if (f > 0) for (let o = 0; o < R; o++) c[o] += (f * mixOf[k][o]) / supply[r];
      }
      return c;
    });
  }
  return Array.from({ length: R }, (_, d) => {
    let exported = 0;
    for (let k = 0; k < R; k++) if (k !== d) exported += flow(d, k);
    const kept = Math.max(0, supply[d] - exported);
    return Float64Array.from(mixOf[d], (c) => c * kept);
  });
}

/** Every destination's benchmark of one product: its total supply (t per period), shares per origin, which shares are fixed. */
interface ProductMix {
  readonly total: Float64Array;
  share: Float64Array[];
  /** Observed shares: the balancing leaves them alone. */
  readonly fixed: Uint8Array[];
}

/**
 * Keeps each origin's benchmark sales within what it made in the clearing: where the shares the
 * destinations ask of an origin add up to more (observed shares that the clearing did not reproduce,
 * the floors), the destinations whose share of it was not observed — its home market included — give up
 * the excess in proportion, and take it from their other origins whose shares were not observed either,
 * in proportion to those shares. Two passes: an origin that receives may itself be over-asked (rarely:
 * the largest origins have room).
 */
function balanceOrigins(mix: ProductMix, origins: readonly number[], made: Float64Array, capacity: Float64Array): void {
  const R = mix.total.length;
  for (let pass = 0; pass < 2; pass++)
    for (const o of origins) {
      if (!(made[o] > 0)) continue;
      let asked = 0;
      let fixed = 0;
      for (let d = 0; d < R; d++) {
        const q = mix.share[d][o] * mix.total[d];
        asked += q;
        if (mix.fixed[d][o]) fixed += q;
      }
      if (asked <= made[o] * (1 + 1e-9) || asked - fixed <= 0) continue;
      const keep = Math.max(0, (made[o] - fixed) / (asked - fixed));
      for (let d = 0; d < R; d++) {
        if (mix.fixed[d][o] || mix.total[d] <= 0 || mix.share[d][o] <= 0) continue;
        const s = mix.share[d];
        const floor = floorShare(capacity[o], mix.total[d]);
        const cut = s[o] - Math.max(floor, s[o] * keep);
        if (cut <= 0) continue;
        const free = origins.filter((x) => x !== o && !mix.fixed[d][x]);
        const others = free.some((x) => s[x] > 0) ? free : origins.filter((x) => x !== o);
        const base = others.reduce((sum, x) => sum + s[x], 0);
        if (base <= 0) continue;
        s[o] -= cut;
        for (const x of others) s[x] += (cut * s[x]) / base;
      }
    }
}

/**
 * Destination d's benchmark shares over `origins` before the floors: the clearing's supply, with the
 * observed home share and import shares put in (see the module comment), normalised. `supply` is per origin
 * region; `spare` and `capacity` per origin region for this product.
 */
function withObserved(
  observed: Float64Array | undefined,
  p: number,
  d: number,
  origins: readonly number[],
  supply: Float64Array,
  room: { readonly capacity: Float64Array; readonly spare: Float64Array },
): Float64Array {
  const R = supply.length;
  const at = (o: number) => (observed ? observed[shareIndex(R, p, d, o)] : NaN);
  const total = origins.reduce((sum, o) => sum + supply[o], 0);
  const raw = new Float64Array(R);
  if (total <= 0) {
    for (const o of origins) raw[o] = room.capacity[o];
    return normalisedOver(origins, raw);
  }
  const home = Number.isFinite(at(d)) ? at(d) : supply[d] / total;
  const importers = origins.filter((o) => o !== d);
  const named = importers.filter((o) => Number.isFinite(at(o)));
  const others = importers.filter((o) => !Number.isFinite(at(o)));
  const namedTotal = named.reduce((sum, o) => sum + at(o), 0);
  const importShare = new Float64Array(R);
  if (named.length === 0) {
    const imported = total - supply[d];
    for (const o of importers) importShare[o] = imported > 0 ? supply[o] / imported : 0;
  } else {
    // The named import shares as stated; the rest among the others as cleared, else by room to supply.
    for (const o of named) importShare[o] = namedTotal > 1 ? at(o) / namedTotal : at(o);
    const rest = Math.max(0, 1 - namedTotal);
    const basis = [supply, room.spare, room.capacity].find((b) => others.some((o) => b[o] > 0));
    const basisTotal = basis ? others.reduce((sum, o) => sum + basis[o], 0) : 0;
    for (const o of others) importShare[o] = rest * (basis ? basis[o] / basisTotal : 1 / others.length);
  }
  if (origins.includes(d)) raw[d] = home;
  for (const o of importers) raw[o] = (origins.includes(d) ? 1 - home : 1) * importShare[o];
  return normalisedOver(origins, raw);
}

/**
 * The smallest benchmark share of an origin at a destination: MIN_SHARE, scaled down where the
 * destination's supply is larger than the origin's capacity (a 1 % floor of a market fifty times an
 * origin's size would ask that origin for half its output). An origin with no capacity yet (one a
 * policy or expansion may build) is a MIN_SHARE variety everywhere.
 */
function floorShare(capacity: number, total: number): number {
  if (!(capacity > 0) || !(total > 0)) return MIN_SHARE;
  return MIN_SHARE * Math.min(1, capacity / total);
}

/** Shares over `origins`, normalised, each at least its floor (equal shares when all are 0). */
function flooredShares(origins: readonly number[], raw: Float64Array, floors: Float64Array): Float64Array {
  const out = new Float64Array(raw.length);
  const total = origins.reduce((s, o) => s + raw[o], 0);
  for (const o of origins) out[o] = Math.max(total > 0 ? raw[o] / total : 1 / origins.length, floors[o]);
  const again = origins.reduce((s, o) => s + out[o], 0);
  for (const o of origins) out[o] /= again;
  return out;
}

/**
 * Capacity (t of output per period) of each region to make each product. Plants that run alternative
 * recipes on another plant's lines (PlantDef.sharesCapacityOf) share those lines, so a set of lines
 * counts once per product: the most any of its recipes can make of it.
 */
function originCapacity(plants: readonly PlantDef[], R: number, P: number): Float64Array {
  const out = new Float64Array(R * P);
  const byLines = new Map<string, Map<number, number>>();
  for (const plant of plants) {
    const lines = plant.sharesCapacityOf ?? plant.id;
    const most = byLines.get(lines) ?? new Map<number, number>();
    byLines.set(lines, most);
    for (const o of plant.outputs) {
      if (!(o.perUnit > 0)) continue;
      const rp = plant.region * P + o.product;
      most.set(rp, Math.max(most.get(rp) ?? 0, Math.max(0, plant.capacity) * o.perUnit));
    }
  }
  for (const most of byLines.values()) for (const [rp, t] of most) out[rp] += t;
  return out;
}

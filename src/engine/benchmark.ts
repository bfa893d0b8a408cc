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
 * in the clearing (what they could add without raising their costs), else by capacity. A destination the clearing does not
 * supply takes world capacity shares. Every origin keeps at least MIN_SHARE, so no possible supplier is
 * ruled out (a share of 0 would make its goods worthless there).
 *
 * Weights. With CES aggregate Z(u) = (Σ a_o^{1/σ} u_o^{(σ−1)/σ})^{σ/(σ−1)}, buyers facing landed prices
 * π choose u_o ∝ a_o·π_o^{−σ}; so a_o ∝ s_o·π_o^σ makes the benchmark mix s their choice at the reference
 * landed prices π (origin price × (1 + ad valorem wedges in force) + transport; the home price at home). Observed shares that the clearing
 * does not reproduce (the US buying Japanese magnets dearer than Chinese ones) are thus what buyers want
 * at the reference prices, not a departure from them.
 */
import type { ModelInput, PlantDef } from '../model/types.js';
import { buildLayout, linkIndex, type ArmingtonBenchmark } from './layout.js';
import { clearPassive, referenceState } from './passive.js';
import type { SolverFactory } from './solver.js';

/** Smallest benchmark share of a possible origin (a generic floor, not a fact about any product). */
export const MIN_SHARE = 0.01;

/** Whether any product is differentiated by origin. */
export function hasSubstitution(input: ModelInput): boolean {
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
  const period = solvers.create(layout);
  let flow: Float64Array;
  let production: Float64Array;
  let price: Float64Array;
  let wedge: Float64Array;
  try {
    const solver = { period, oneShot: solvers.oneShot };
    const state = referenceState(homogeneous, layout);
    const before = clearPassive(solver, homogeneous, layout, state, [], () => 0).result.flow;
    const world = layout.policies.map((_, i) => i);
    const { result } = clearPassive(solver, homogeneous, layout, state, world, (_i, l) => before[l]);
    ({ flow, production, price } = result);
    wedge = result.tariffRate;
  } finally {
    period.dispose();
  }
  const capacity = originCapacity(input.plants, R, P);
  const shares = new Float64Array(P * R * R);
  const weights = new Float64Array(P * R * R);
  for (let p = 0; p < P; p++) {
    const sigma = input.products[p].substitution;
    if (sigma == null) continue;
    const origins = Array.from({ length: R }, (_, r) => r).filter((r) => capacity[r * P + p] >= 0);
    if (origins.length === 0) continue;
    const room = {
      capacity: Float64Array.from({ length: R }, (_, o) => Math.max(0, capacity[o * P + p])),
      spare: Float64Array.from({ length: R }, (_, o) => Math.max(0, capacity[o * P + p] - production[o * P + p])),
    };
    const exports = (o: number) => origins.reduce((sum, d) => (d === o ? sum : sum + flow[linkIndex(R, p, o, d)]), 0);
    for (let d = 0; d < R; d++) {
      const supply = new Float64Array(R);
      for (const o of origins) supply[o] = o === d ? Math.max(0, production[d * P + p] - exports(d)) : flow[linkIndex(R, p, o, d)];
      const s = withObserved(input.observedShares, p, d, origins, supply, room);
      const landed = (o: number) => {
        const l = linkIndex(R, p, o, d);
        const value = o === d ? price[d * P + p] : Math.max(0, price[o * P + p]) * (1 + wedge[l]) + Math.max(0, input.transportCost[l]);
        return Math.max(0.01 * input.products[p].referencePrice, value);
      };
      const top = Math.max(...origins.map(landed));
      for (const o of origins) {
        shares[(p * R + d) * R + o] = s[o];
        weights[(p * R + d) * R + o] = s[o] * Math.pow(landed(o) / top, sigma);
      }
    }
  }
  return { shares, weights };
}

/**
 * Destination d's benchmark shares over `origins`: the clearing's supply, with the observed home share
 * and import shares put in (see the module comment), floored at MIN_SHARE and normalised. `supply` is
 * per origin region; `spare` and `capacity` per origin region for this product.
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
  const at = (o: number) => (observed ? observed[(p * R + d) * R + o] : NaN);
  const total = origins.reduce((sum, o) => sum + supply[o], 0);
  const raw = new Float64Array(R);
  if (total <= 0) {
    for (const o of origins) raw[o] = room.capacity[o];
    return flooredShares(origins, raw);
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
  return flooredShares(origins, raw);
}

/** Shares over `origins`, normalised, each at least MIN_SHARE (equal shares when all are 0). */
function flooredShares(origins: readonly number[], raw: Float64Array): Float64Array {
  const out = new Float64Array(raw.length);
  const total = origins.reduce((s, o) => s + raw[o], 0);
  for (const o of origins) out[o] = Math.max(total > 0 ? raw[o] / total : 1 / origins.length, MIN_SHARE);
  const again = origins.reduce((s, o) => s + out[o], 0);
  for (const o of origins) out[o] /= again;
  return out;
}

/**
 * Capacity (t of output per period) of each region to make each product, summed over its plants that
 * run on lines of their own (alternative recipes share their primary's lines and are not counted
 * again); −1 where the region has no plant making the product (capacity 0 included: a plant a policy
 * may build makes its region a possible origin).
 */
function originCapacity(plants: readonly PlantDef[], R: number, P: number): Float64Array {
  const out = new Float64Array(R * P).fill(-1);
  for (const plant of plants)
    for (const o of plant.outputs) {
      if (!(o.perUnit > 0)) continue;
      const rp = plant.region * P + o.product;
      out[rp] = Math.max(0, out[rp]) + (plant.sharesCapacityOf ? 0 : Math.max(0, plant.capacity) * o.perUnit);
    }
  return out;
}

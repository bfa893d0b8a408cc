/**
 * The state a run carries from one period to the next, all in typed arrays. A state is never mutated:
 * `advanceState` (dynamics.ts) computes the next one from the frozen current one (two-phase update), so
 * results do not depend on the order in which the parts of the state are updated.
 */
import type { ModelInput } from '../model/types.js';
import type { LpLayout } from './layout.js';

/** A run's state at the beginning of a period. */
export interface RunState {
  /** Commercial stock (t) per region × product. */
  readonly stock: Float64Array;
  /** Strategic stock (t) per region × product. */
  readonly strategic: Float64Array;
  /** Holders' exponentially smoothed expected price (USD/kg). */
  readonly expectedPrice: Float64Array;
  /** Holders' slow normal price (USD/kg), against which ordinary restocking is valued. */
  readonly normalPrice: Float64Array;
  /** Prices of the previous period (USD/kg), every row (market rows: balance, pool, variety; side rows 0). */
  readonly lastPrice: Float64Array;
  /** Established level of each link (t per period): qualified volume; new volume above it pays a premium. */
  readonly established: Float64Array;
  /** Qualification progress of each link's new volume, 0…1: its premium is premium × (1 − progress). */
  readonly qualifying: Float64Array;
  /** Contract price of each region × product (USD/kg): follows the spot price with the product's lag. */
  readonly contractPrice: Float64Array;
  /** Recent relative price rise max(0, p/p_expected − 1), which raises coverage targets. */
  readonly momentum: Float64Array;
  /** Smoothed use per period (reference final demand + process input, t) that coverage targets multiply. */
  readonly use: Float64Array;
  /** Endogenous capacity per plant (initial + expansions arrived), before scheduled policy changes. */
  readonly capacity: Float64Array;
  /** Capacity on order: slot (a mod H)·plants + i holds what arrives for plant i in period a. */
  readonly capacityRing: Float64Array;
  /** Operating margins of the last `lookback` periods: slot (t mod lookback)·plants + i. */
  readonly marginRing: Float64Array;
  /** Number of margins recorded so far (capped at lookback). */
  readonly marginCount: number;
  /** Structural (long-run substitution) factor per demand definition. */
  readonly structural: Float64Array;
  /** Smoothed price per demand definition that drives substitution (USD/kg). */
  readonly smoothedPrice: Float64Array;
  /** Licensed shipments in transit: slot (a mod S)·links + l holds what arrives on link l in period a. */
  readonly transitRing: Float64Array;
}

/** Sizes of a run's ring buffers. */
export interface RingSizes {
  readonly capacitySlots: number;
  readonly marginSlots: number;
  readonly transitSlots: number;
  readonly links: number;
}

/** Ring sizes derived from the world and the layout. */
export function ringSizes(input: ModelInput, layout: LpLayout): RingSizes {
  let maxLead = 0;
  for (const plant of input.plants) maxLead = Math.max(maxLead, Math.round(plant.expansion.leadTimePeriods));
  return {
    capacitySlots: maxLead + 2,
    marginSlots: Math.max(1, Math.round(input.dynamics.capacity.lookbackPeriods)),
    transitSlots: layout.maxShipDelay + 1,
    links: layout.regions * layout.regions * layout.products,
  };
}

/**
 * The state at the start of the first period. Prices, use and established links come from a warm-up
 * clearing of the first period with passive stocks (see simulate.ts): holders start out expecting the
 * prices the world starts at, and the links the world trades on are qualified. `warmPrice` has a price
 * for every row; `warmFlow` is each link's legal flow.
 */
export function initialState(input: ModelInput, layout: LpLayout, warmPrice: Float64Array, warmUse: Float64Array, warmFlow: Float64Array): RunState {
  const rings = ringSizes(input, layout);
  const plants = input.plants.length;
  const balance = warmPrice.subarray(0, layout.balanceRows);
  return {
    stock: Float64Array.from(layout.initialStock),
    strategic: Float64Array.from(layout.initialStrategic),
    expectedPrice: Float64Array.from(balance),
    normalPrice: Float64Array.from(balance),
    lastPrice: Float64Array.from(warmPrice),
    established: Float64Array.from(warmFlow),
    qualifying: new Float64Array(warmFlow.length),
    contractPrice: Float64Array.from(balance),
    momentum: new Float64Array(layout.balanceRows),
    use: Float64Array.from(warmUse),
    capacity: Float64Array.from(input.plants, (p) => Math.max(0, p.capacity)),
    capacityRing: new Float64Array(rings.capacitySlots * plants),
    marginRing: new Float64Array(rings.marginSlots * plants),
    marginCount: 0,
    structural: new Float64Array(input.demands.length).fill(1),
    smoothedPrice: Float64Array.from(input.demands, (d) => d.referencePrice),
    transitRing: new Float64Array(rings.transitSlots * rings.links),
  };
}

/** Tonnes in transit (licensed shipments not yet arrived), per product. */
export function inTransitByProduct(state: RunState, layout: LpLayout): Float64Array {
  const R = layout.regions;
  const L = R * R * layout.products;
  const out = new Float64Array(layout.products);
  for (let i = 0; i < state.transitRing.length; i++) out[Math.floor((i % L) / (R * R))] += state.transitRing[i];
  return out;
}

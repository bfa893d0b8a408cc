/**
 * Between periods: the next state from the frozen current one (two-phase update). Each part can be
 * switched off with `input.dynamics.*.enabled`; switched off, it keeps its initial values.
 *
 * - Inventories: holders' expected price is exponentially smoothed (weight `expectationWeight`), and
 *   so is a slow normal price (weight `normalPriceWeight`) for valuing ordinary restocking;
 *   momentum = max(0, p / p_expected − 1) measured against the expectation before it updates (capped at
 *   MAX_MOMENTUM); use per period = smoothed (reference final demand + process input). Stocks carry over
 *   as cleared (never negative: they are LP columns ≥ 0). Strategic stocks move only by policy.
 * - Capacity: each plant's operating margin (output value − input value + floor subsidy − full unit cost,
 *   at this period's prices) enters a `lookbackPeriods` window. When the window is full and its mean is
 *   positive (beyond round-off: MARGIN_TOLERANCE), the plant orders max(maxGrowthPerPeriod × capacity in force, minStep) that arrives
 *   `leadTimePeriods` later (at least the next period). Orders are not netted against capacity already on
 *   order: a margin that persists through the lead time keeps ordering, which is how investment cycles
 *   overshoot (as after 2011).
 * - Demand: per definition, p̄ ← (1 − w)·p̄ + w·p (w = priceSmoothing, p floored at 1 % of the reference
 *   price); the structural factor closes `adjustmentPerPeriod` of the gap to (p̄/p_ref)^(ε_LR − ε_SR), so
 *   that in the long run demand responds with ε_LR in total (the short-run response is in the curve
 *   itself). The target is capped at MAX_STRUCTURAL.
 * - Licensed shipments move along the pipeline ring and arrive the delay in force when they left later.
 * - Qualification: a link whose buyers want new volume (they buy some, or would at no premium) makes
 *   1/leadTime of progress each period and its premium falls with it; when progress is complete the
 *   link's volume is established. A link that stops being wanted starts over. A link carrying less than
 *   its established level loses 1/leadTime of the gap each period (old suppliers lapse).
 * - Contracts: the contract price closes 1/lag of its gap to spot each period (report.ts computes it).
 */
import type { ModelInput, PeriodResult } from '../model/types.js';
import type { LpLayout } from './layout.js';
import type { PeriodSummary } from './report.js';
import { ringSizes, type RunState } from './state.js';

/** Momentum above this (a tripling of price over expectation) adds no further coverage. */
export const MAX_MOMENTUM = 2;
/** Cap on the structural demand factor (guard against p̄ → 0 with a negative exponent). */
export const MAX_STRUCTURAL = 10;
/**
 * A mean margin within this fraction of the plant's full unit cost (at least of 1 USD/kg) counts as zero.
 * Why: the price-setting plant's margin is exactly zero in exact arithmetic, and its sign in floating
 * point follows the solver's path (+9e-16 or −3e-16 on the shipped world), which must not decide an
 * investment. Margins that mean anything are many orders of magnitude larger.
 */
export const MARGIN_TOLERANCE = 1e-9;

/** The state at the beginning of period t + 1, from the state at the beginning of t and t's outcome. */
export function advanceState(
  input: ModelInput,
  layout: LpLayout,
  state: RunState,
  t: number,
  summary: PeriodSummary,
): RunState {
  const res = summary.result;
  const inv = advanceInventories(input, state, res);
  const cap = advanceCapacity(input, layout, state, t, summary);
  const dem = advanceDemand(input, state, res.price, layout.products);
  return {
    stock: Float64Array.from(res.stock),
    strategic: Float64Array.from(res.strategicStock),
    ...inv,
    lastPrice: summary.rowPrice, // a fresh array per period (report.ts), never written to
    ...advanceQualification(input, layout, state, summary),
    contractPrice: summary.contractPrice,
    ...cap,
    ...dem,
    transitRing: advanceTransit(state.transitRing, t, summary.shipments, summary.shipDelay, ringSizes(input, layout).transitSlots),
  };
}

function advanceInventories(
  input: ModelInput,
  state: RunState,
  res: PeriodResult,
): Pick<RunState, 'expectedPrice' | 'normalPrice' | 'momentum' | 'use'> {
  const p = input.dynamics.inventory;
  if (!p.enabled) return { expectedPrice: state.expectedPrice, normalPrice: state.normalPrice, momentum: state.momentum, use: state.use };
  const w = Math.min(1, Math.max(0, p.expectationWeight));
  const wn = Math.min(1, Math.max(0, p.normalPriceWeight));
  const n = state.expectedPrice.length;
  const expectedPrice = new Float64Array(n);
  const normalPrice = new Float64Array(n);
  const momentum = new Float64Array(n);
  const use = new Float64Array(n);
  for (let rp = 0; rp < n; rp++) {
    const pe = state.expectedPrice[rp];
    momentum[rp] = pe > 0 ? Math.min(MAX_MOMENTUM, Math.max(0, res.price[rp] / pe - 1)) : 0;
    expectedPrice[rp] = (1 - w) * pe + w * res.price[rp];
    normalPrice[rp] = (1 - wn) * state.normalPrice[rp] + wn * res.price[rp];
    use[rp] = (1 - w) * state.use[rp] + w * (res.demand[rp] + res.processInput[rp]);
  }
  return { expectedPrice, normalPrice, momentum, use };
}

function advanceCapacity(
  input: ModelInput,
  layout: LpLayout,
  state: RunState,
  t: number,
  summary: PeriodSummary,
): Pick<RunState, 'capacity' | 'capacityRing' | 'marginRing' | 'marginCount'> {
  if (!input.dynamics.capacity.enabled)
    return { capacity: state.capacity, capacityRing: state.capacityRing, marginRing: state.marginRing, marginCount: state.marginCount };
  const rings = ringSizes(input, layout);
  const plants = input.plants.length;
  const marginRing = Float64Array.from(state.marginRing);
  const slot = t % rings.marginSlots;
  for (let i = 0; i < plants; i++) marginRing[slot * plants + i] = summary.margin[i];
  const marginCount = Math.min(rings.marginSlots, state.marginCount + 1);

  const capacityRing = Float64Array.from(state.capacityRing);
  if (marginCount >= rings.marginSlots)
    input.plants.forEach((plant, i) => {
      if (!plant.expansion.enabled) return;
      let sum = 0;
      for (let k = 0; k < rings.marginSlots; k++) sum += marginRing[k * plants + i];
      if (sum / rings.marginSlots <= MARGIN_TOLERANCE * Math.max(1, Math.abs(plant.expansion.fullUnitCost))) return;
      const inForce = summary.result.capacity[i];
      const order = Math.max(Math.max(0, plant.expansion.maxGrowthPerPeriod) * inForce, Math.max(0, plant.expansion.minStep));
      const arrival = t + Math.max(1, Math.round(plant.expansion.leadTimePeriods));
      capacityRing[(arrival % rings.capacitySlots) * plants + i] += order;
    });
  const capacity = Float64Array.from(state.capacity);
  const next = (t + 1) % rings.capacitySlots;
  for (let i = 0; i < plants; i++) {
    capacity[i] += capacityRing[next * plants + i];
    capacityRing[next * plants + i] = 0;
  }
  return { capacity, capacityRing, marginRing, marginCount };
}

function advanceDemand(input: ModelInput, state: RunState, price: Float64Array, P: number): Pick<RunState, 'structural' | 'smoothedPrice'> {
  const p = input.dynamics.demand;
  if (!p.enabled) return { structural: state.structural, smoothedPrice: state.smoothedPrice };
  const w = Math.min(1, Math.max(0, p.priceSmoothing));
  const a = Math.min(1, Math.max(0, p.adjustmentPerPeriod));
  const structural = new Float64Array(state.structural.length);
  const smoothedPrice = new Float64Array(state.smoothedPrice.length);
  input.demands.forEach((dem, s) => {
    const local = Math.max(0.01 * dem.referencePrice, price[dem.region * P + dem.product]);
    smoothedPrice[s] = (1 - w) * state.smoothedPrice[s] + w * local;
    const exponent = dem.longRunElasticity - dem.shortRunElasticity;
    const target = Math.min(MAX_STRUCTURAL, Math.pow(smoothedPrice[s] / dem.referencePrice, exponent));
    structural[s] = state.structural[s] + a * (target - state.structural[s]);
  });
  return { structural, smoothedPrice };
}

/** Established levels and qualification progress of the links of products that must qualify (see the module comment). */
function advanceQualification(input: ModelInput, layout: LpLayout, state: RunState, summary: PeriodSummary): { established: Float64Array; qualifying: Float64Array } {
  const established = Float64Array.from(state.established);
  const qualifying = Float64Array.from(state.qualifying);
  for (let l = 0; l < established.length; l++) {
    if (layout.routeFresh[l] < 0) continue;
    const lead = Math.max(1, input.products[layout.rowProduct[layout.routeFrom[l]]].qualification!.leadTimePeriods);
    const flow = summary.legalFlow[l];
    const e = Number.isFinite(established[l]) ? established[l] : flow;
    if (summary.wantsNewVolume[l]) {
      qualifying[l] = Math.min(1, qualifying[l] + 1 / lead);
      if (qualifying[l] >= 1 - 1e-12) {
        established[l] = Math.max(e, flow);
        qualifying[l] = 0;
        continue;
      }
    } else qualifying[l] = 0;
    established[l] = flow < e ? e + (flow - e) / lead : e;
  }
  return { established, qualifying };
}

/** Empties the slot that arrived in period t and books the shipments leaving in t for t + their delay. */
function advanceTransit(ring: Float64Array, t: number, shipments: Float64Array, delay: Int32Array, slots: number): Float64Array {
  const L = shipments.length;
  const out = Float64Array.from(ring);
  const here = t % slots;
  for (let l = 0; l < L; l++) out[here * L + l] = 0;
  for (let l = 0; l < L; l++) {
    if (shipments[l] === 0) continue;
    const slot = (t + delay[l]) % slots;
    out[slot * L + l] += shipments[l];
  }
  return out;
}

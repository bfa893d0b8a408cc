/**
 * From a cleared market to the reported `PeriodResult` (all quantities t per period, prices USD/kg, money
 * USD: USD/kg × t = kUSD, hence the factor 1000).
 *
 * Reporting rules
 * - Consumption is what final demand is physically served: the critical requirement minus the backstop
 *   (shortage) plus the elastic tiers bought. A tier column shared by final demand and stock holding is
 *   split pro rata between them (they have the same willingness to pay, so the LP cannot tell them apart).
 * - Flows count same-period trade, leakage via third countries and licensed shipments leaving the origin.
 *   Exports include shipments entering the pipeline; imports exclude arrivals (reported separately).
 * - Tariff revenue = τ · max(0, p̂_o) · flow, with p̂ the settled wedge price.
 * - Quota rent, on links with a cap in force: (value at destination − landed cost) × capped flow, where the
 *   value is p_d for same-period trade and the destination's previous-period price for delayed shipments.
 * - Blocked, on links with a cap in force: max(0, reference flow − allowed), where allowed = trade cap +
 *   shipment cap + leakage cap for per-link caps and the flow that got through for quota-only links.
 */
import type { ModelInput, PeriodResult } from '../model/types.js';
import { COL, type LpLayout } from './layout.js';
import { plantSubsidy, type MarketOutcome, type MarketSetup } from './market.js';

/** Relative distance within which a solver value is snapped onto its bound (solver tolerance noise). */
const SNAP = 1e-7;
const KUSD_TO_USD = 1000;

/** The period's report and what the dynamics need from it. */
export interface PeriodSummary {
  readonly result: PeriodResult;
  /** Licensed shipments that left on each link this period (t). */
  readonly shipments: Float64Array;
  /** Operating margin per unit of activity of each plant (USD/kg), net of its full unit cost. */
  readonly margin: Float64Array;
}

/** Column values snapped onto [0, upper] when they are within solver tolerance of a bound. */
export function snapToBounds(x: Float64Array, upper: Float64Array): Float64Array {
  const out = Float64Array.from(x);
  for (let j = 0; j < out.length; j++) {
    const tol = SNAP * Math.max(1, Number.isFinite(upper[j]) ? Math.abs(upper[j]) : Math.abs(out[j]));
    if (out[j] < 0 && out[j] > -tol) out[j] = 0;
    if (out[j] > upper[j] && out[j] < upper[j] + tol) out[j] = upper[j];
  }
  return out;
}

/** Builds the period's report from the cleared market. */
export function summarisePeriod(
  input: ModelInput,
  layout: LpLayout,
  setup: MarketSetup,
  outcome: MarketOutcome,
  strategicBegin: Float64Array,
): PeriodSummary {
  const R = layout.regions;
  const P = layout.products;
  const N = layout.balanceRows;
  const L = R * R * P;
  const c = setup.controls;
  const x = snapToBounds(outcome.colValue, outcome.lp.colUpper);
  const price = outcome.price;
  const wp = outcome.wedgePrice;

  const production = new Float64Array(N);
  const processInput = new Float64Array(N);
  const consumption = new Float64Array(N);
  const demand = new Float64Array(N);
  const shortage = new Float64Array(N);
  const unmet = new Float64Array(N);
  const imports = new Float64Array(N);
  const exports = new Float64Array(N);
  const stock = new Float64Array(N);
  const disposal = new Float64Array(N);
  const subsidyUsd = new Float64Array(N);
  const flow = new Float64Array(L);
  const tariffUsd = new Float64Array(L);
  const quotaRentUsd = new Float64Array(L);
  const blocked = new Float64Array(L);
  const shipments = new Float64Array(L);
  const activity = new Float64Array(input.plants.length);

  for (let j = 0; j < layout.numCols; j++) {
    const v = x[j];
    const ref = layout.colRef[j];
    switch (layout.colKind[j]) {
      case COL.band:
        activity[ref] += v;
        break;
      case COL.trade:
      case COL.leak:
      case COL.ship: {
        const d = ref % R;
        const o = Math.floor(ref / R) % R;
        const p = Math.floor(ref / (R * R));
        flow[ref] += v;
        exports[o * P + p] += v;
        if (layout.colKind[j] === COL.ship) shipments[ref] += v;
        else imports[d * P + p] += v;
        const landed = price[o * P + p] + layout.baseCost[j] + c.adValorem[ref] * Math.max(0, wp[o * P + p]);
        tariffUsd[ref] += c.adValorem[ref] * Math.max(0, wp[o * P + p]) * v * KUSD_TO_USD;
        if (c.capKind[ref] && v > 0 && layout.colKind[j] !== COL.leak) {
          const value = layout.colKind[j] === COL.ship ? setup.prevPrice[d * P + p] : price[d * P + p];
          quotaRentUsd[ref] += Math.max(0, value - landed) * v * KUSD_TO_USD;
        }
        break;
      }
      case COL.tier: {
        const total = outcome.demandTier[j] + outcome.stockTier[j];
        const toDemand = total > 0 ? (v * outcome.demandTier[j]) / total : 0;
        consumption[ref] += toDemand;
        stock[ref] += v - toDemand;
        break;
      }
      case COL.backstop:
        shortage[input.demands[ref].region * P + input.demands[ref].product] += v;
        break;
      case COL.hold:
        stock[ref] += v;
        break;
      case COL.dispose:
        disposal[ref] += v;
        break;
      case COL.build:
        break;
    }
  }
  if (setup.holding.every((h) => h === null)) for (let rp = 0; rp < N; rp++) stock[rp] += setup.stockBegin[rp]; // passive stocks

  input.demands.forEach((dem, s) => {
    const rp = dem.region * P + dem.product;
    demand[rp] += setup.q[s];
    consumption[rp] += dem.criticalShare * setup.q[s];
  });
  for (let rp = 0; rp < N; rp++) {
    consumption[rp] = Math.max(0, consumption[rp] - shortage[rp]);
    unmet[rp] = Math.max(0, demand[rp] - consumption[rp]);
  }

  const capacity = new Float64Array(input.plants.length);
  const margin = new Float64Array(input.plants.length);
  input.plants.forEach((plant, i) => {
    capacity[i] = Math.max(0, setup.capacity[i]);
    let value = 0;
    for (const out of plant.outputs) {
      const rp = plant.region * P + out.product;
      production[rp] += out.perUnit * activity[i];
      value += out.perUnit * price[rp];
      if (c.hasFloor[rp]) subsidyUsd[rp] += Math.max(0, c.floor[rp] - wp[rp]) * out.perUnit * activity[i] * KUSD_TO_USD;
    }
    for (const inp of plant.inputs) {
      const rp = plant.region * P + inp.product;
      processInput[rp] += inp.perUnit * activity[i];
      value -= inp.perUnit * price[rp];
    }
    margin[i] = value + plantSubsidy(plant.region, plant.outputs, P, c, wp) - plant.expansion.fullUnitCost;
  });

  const strategicStock = new Float64Array(N);
  for (let rp = 0; rp < N; rp++) {
    const build = layout.buildCol[rp] >= 0 ? x[layout.buildCol[rp]] : 0;
    strategicStock[rp] = Math.max(0, strategicBegin[rp] - setup.release[rp] + build);
  }
  for (let l = 0; l < L; l++) {
    if (c.capKind[l] === 0) continue;
    const allowed = c.capKind[l] === 1 ? c.linkCap[l] + c.shipCap[l] + c.leakCap[l] : flow[l];
    blocked[l] = Math.max(0, c.referenceFlow[l] - allowed);
  }

  const result: PeriodResult = {
    period: setup.period,
    price: Float64Array.from(price),
    production,
    consumption,
    demand,
    shortage,
    unmet,
    imports,
    exports,
    processInput,
    stock,
    strategicStock,
    disposal,
    arrivals: Float64Array.from(setup.arrivals),
    subsidyUsd,
    flow,
    tariffRate: Float64Array.from(c.adValorem),
    tariffUsd,
    quotaRentUsd,
    blocked,
    activity,
    capacity,
    iterations: outcome.iterations,
  };
  return { result, shipments, margin };
}

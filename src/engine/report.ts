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
 * - Quota rent, on links with a cap in force: (p_d − landed cost) × capped flow (same-period trade and
 *   delayed shipments alike; a shipment is valued at the destination's price of the period it leaves in).
 * - Blocked, on links with a cap in force: max(0, reference flow − allowed), where allowed = the legal
 *   cap + the leakage cap for per-link caps and the flow that got through for quota-only links.
 */
import type { ModelInput, PeriodResult } from '../model/types.js';
import { COL, outputRow, splitLink, type LpLayout } from './layout.js';
import { contentFrom, plantSubsidy, qualificationPremium, type MarketOutcome, type MarketSetup } from './market.js';
import { KUSD_TO_USD, periodWelfare } from './welfare.js';

/** Relative distance within which a solver value is snapped onto its bound (solver tolerance noise). */
const SNAP = 1e-7;

/** The period's report and what the dynamics need from it. */
export interface PeriodSummary {
  readonly result: PeriodResult;
  /** Licensed shipments that left on each link this period (t). */
  readonly shipments: Float64Array;
  /** Periods until each link's shipments of this period arrive (the licensing delay in force). */
  readonly shipDelay: Int32Array;
  /** Operating margin per unit of activity of each plant (USD/kg), net of its full unit cost. */
  readonly margin: Float64Array;
  /** Canonical prices of every row (USD/kg): the next period's `lastPrice`. */
  readonly rowPrice: Float64Array;
  /** Same-period legal flow of each qualification route (trade and new volume, t): what its established level follows. */
  readonly legalFlow: Float64Array;
  /** Contract price of each region × product at the end of the period (USD/kg). */
  readonly contractPrice: Float64Array;
  /** Per link: buyers want new volume (they bought some, or would have at no qualification premium). */
  readonly wantsNewVolume: Uint8Array;
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

/** Per-link and per-row totals read off the LP columns. */
interface ColumnTotals {
  readonly activity: Float64Array;
  readonly flow: Float64Array;
  readonly leaked: Float64Array;
  readonly shipments: Float64Array;
  readonly legalFlow: Float64Array;
  readonly contentFlow: Float64Array;
  readonly imports: Float64Array;
  readonly exports: Float64Array;
  readonly tariffUsd: Float64Array;
  readonly quotaRentUsd: Float64Array;
  readonly elasticConsumption: Float64Array;
  readonly stock: Float64Array;
  readonly shortage: Float64Array;
  readonly disposal: Float64Array;
}

/** Sums the columns into activity, link flows and money, tier purchases, shortages and sinks. */
function columnTotals(input: ModelInput, layout: LpLayout, setup: MarketSetup, outcome: MarketOutcome, x: Float64Array): ColumnTotals {
  const P = layout.products;
  const N = layout.balanceRows;
  const L = layout.linkFromRow.length;
  const c = setup.controls;
  const price = outcome.price;
  const wp = outcome.wedgePrice;
  const t: ColumnTotals = {
    activity: new Float64Array(input.plants.length),
    flow: new Float64Array(L),
    leaked: new Float64Array(L),
    shipments: new Float64Array(L),
    legalFlow: new Float64Array(2 * L),
    contentFlow: new Float64Array(L),
    imports: new Float64Array(N),
    exports: new Float64Array(N),
    tariffUsd: new Float64Array(L),
    quotaRentUsd: new Float64Array(L),
    elasticConsumption: new Float64Array(N),
    stock: new Float64Array(N),
    shortage: new Float64Array(N),
    disposal: new Float64Array(N),
  };
  for (let j = 0; j < layout.numCols; j++) {
    const v = x[j];
    const ref = layout.colRef[j];
    const kind = layout.colKind[j];
    switch (kind) {
      case COL.band:
        t.activity[ref] += v;
        break;
      case COL.trade:
      case COL.fresh:
      case COL.leak:
      case COL.ship: {
        const from = layout.linkFromRow[ref];
        const to = layout.linkToRow[ref];
        const [p, o, d] = splitLink(layout.regions, ref);
        t.flow[ref] += v;
        t.exports[o * P + p] += v;
        if (kind === COL.ship) t.shipments[ref] += v;
        else t.imports[d * P + p] += v;
        if (kind === COL.leak) t.leaked[ref] += v;
        if (kind === COL.trade || kind === COL.fresh) t.legalFlow[ref] += v;
        if (layout.tracked[p] && layout.contentOrigins[o]) t.contentFlow[ref] += v; // a tracked origin's own goods
        const wedge = c.adValorem[ref] * Math.max(0, wp[from]);
        t.tariffUsd[ref] += wedge * v * KUSD_TO_USD;
        // A capped link's rent per tonne: the destination's value less the origin's price and the column's
        // cost (a shipment's cost already subtracts the destination's value: its value here is 0). A quota
        // rent on new volume counts the premium as a cost like transport (baseCost + premium is in colCost).
        if (c.capKind[ref] && v > 0 && kind !== COL.leak) {
          const value = kind === COL.ship ? 0 : price[to];
          t.quotaRentUsd[ref] += Math.max(0, value - (price[from] + outcome.lp.colCost[j])) * v * KUSD_TO_USD;
        }
        break;
      }
      case COL.content:
      case COL.contentFresh: {
        // Goods with tracked material from a region outside the tracked origins.
        const [p, o, d] = splitLink(layout.regions, ref);
        t.flow[ref] += v;
        t.contentFlow[ref] += v;
        t.legalFlow[L + ref] += v;
        t.exports[o * P + p] += v;
        t.imports[d * P + p] += v;
        t.tariffUsd[ref] += c.adValorem[ref] * Math.max(0, wp[contentFrom(layout, ref)]) * v * KUSD_TO_USD;
        break;
      }
      case COL.tier: {
        const total = outcome.demandTier[j] + outcome.stockTier[j];
        const toDemand = total > 0 ? (v * outcome.demandTier[j]) / total : 0;
        t.elasticConsumption[ref] += toDemand;
        t.stock[ref] += v - toDemand;
        break;
      }
      case COL.backstop:
        t.shortage[input.demands[ref].region * P + input.demands[ref].product] += v;
        break;
      case COL.hold:
        t.stock[ref] += v;
        break;
      case COL.dispose:
        t.disposal[ref] += v;
        break;
    }
  }
  if (setup.holding.every((h) => h === null)) for (let rp = 0; rp < N; rp++) t.stock[rp] += setup.stockBegin[rp]; // passive stocks
  return t;
}

/** Reference demand, served consumption (critical requirement − shortage + elastic purchases) and unmet demand. */
function demandTotals(input: ModelInput, layout: LpLayout, setup: MarketSetup, cols: ColumnTotals) {
  const N = layout.balanceRows;
  const P = layout.products;
  const demand = new Float64Array(N);
  const consumption = Float64Array.from(cols.elasticConsumption);
  const unmet = new Float64Array(N);
  input.demands.forEach((dem, s) => {
    const rp = dem.region * P + dem.product;
    demand[rp] += setup.q[s];
    consumption[rp] += dem.criticalShare * setup.q[s];
  });
  for (let rp = 0; rp < N; rp++) {
    consumption[rp] = Math.max(0, consumption[rp] - cols.shortage[rp]);
    unmet[rp] = Math.max(0, demand[rp] - consumption[rp]);
  }
  return { demand, consumption, unmet };
}

/** Production, process input, floor subsidies, capacity in force and operating margins of the plants. */
function plantTotals(input: ModelInput, layout: LpLayout, setup: MarketSetup, outcome: MarketOutcome, activity: Float64Array) {
  const N = layout.balanceRows;
  const P = layout.products;
  const c = setup.controls;
  const price = outcome.price;
  const wp = outcome.wedgePrice;
  const production = new Float64Array(N);
  const processInput = new Float64Array(N);
  const subsidyUsd = new Float64Array(N);
  const capacity = new Float64Array(input.plants.length);
  const margin = new Float64Array(input.plants.length);
  input.plants.forEach((plant, i) => {
    capacity[i] = Math.max(0, setup.capacity[i]);
    let value = 0;
    for (const out of plant.outputs) {
      const rp = plant.region * P + out.product;
      const row = outputRow(layout, rp);
      production[rp] += out.perUnit * activity[i];
      value += out.perUnit * price[row];
      if (c.hasFloor[rp]) subsidyUsd[rp] += Math.max(0, c.floor[rp] - wp[row]) * out.perUnit * activity[i] * KUSD_TO_USD;
    }
    for (const inp of plant.inputs) {
      const rp = plant.region * P + inp.product;
      processInput[rp] += inp.perUnit * activity[i];
      value -= inp.perUnit * price[rp];
    }
    margin[i] = value + plantSubsidy(layout, plant.region, plant.outputs, c, wp) - plant.expansion.fullUnitCost;
  });
  return { production, processInput, subsidyUsd, capacity, margin };
}

/** Strategic stock at the end of the period: beginning − release + purchases. */
function strategicEnd(layout: LpLayout, setup: MarketSetup, x: Float64Array, strategicBegin: Float64Array): Float64Array {
  return Float64Array.from(strategicBegin, (begin, rp) => {
    const build = layout.buildCol[rp] >= 0 ? x[layout.buildCol[rp]] : 0;
    return Math.max(0, begin - setup.release[rp] + build);
  });
}

/** Quantity kept off each capped link: reference flow − what the caps allow (see the module comment). */
function blockedFlows(setup: MarketSetup, flow: Float64Array): Float64Array {
  const c = setup.controls;
  return Float64Array.from(flow, (f, l) => {
    if (c.capKind[l] === 0) return 0;
    const allowed = c.capKind[l] === 1 ? c.linkCap[l] + c.shipCap[l] + c.leakCap[l] : f;
    return Math.max(0, c.referenceFlow[l] - allowed);
  });
}

/** Licensed shipments that arrived, per region × product (variety rows summed into their destination). */
function arrivalsByRegion(layout: LpLayout, arrivals: Float64Array): Float64Array {
  const out = new Float64Array(layout.balanceRows);
  for (let i = 0; i < layout.marketRows; i++) if (arrivals[i] !== 0) out[layout.rowRegion[i] * layout.products + layout.rowProduct[i]] += arrivals[i];
  return out;
}

/**
 * The prices reported beside the market (users') price: the producer price (a differentiated product's
 * pool row, else the market price), the landed price of each link's goods at its destination (its variety
 * row, else the destination's price), and the average price paid: contract share × the contract price
 * (which closes 1/lag of its gap to spot each period) + the rest at spot.
 */
function reportedPrices(input: ModelInput, layout: LpLayout, setup: MarketSetup, outcome: MarketOutcome) {
  const N = layout.balanceRows;
  const P = layout.products;
  const price = outcome.price;
  const producer = Float64Array.from({ length: N }, (_, rp) => price[outputRow(layout, rp)]);
  const landed = Float64Array.from(layout.linkToRow, (row) => (row >= 0 ? price[row] : 0));
  const contract = new Float64Array(N);
  const average = new Float64Array(N);
  for (let rp = 0; rp < N; rp++) {
    const terms = input.products[rp % P].contracts;
    const spot = price[rp];
    contract[rp] = terms ? setup.contractPrice[rp] + (spot - setup.contractPrice[rp]) / Math.max(1, terms.lagPeriods) : spot;
    average[rp] = terms ? terms.share * contract[rp] + (1 - terms.share) * spot : spot;
  }
  return { producer, landed, contract, average };
}

/**
 * Links whose buyers want new volume: their new-volume column is used, or would pay at no premium (the
 * landed value exceeds the origin price plus its costs without the premium). Qualification progresses on them.
 */
function wantedNewVolume(input: ModelInput, layout: LpLayout, setup: MarketSetup, outcome: MarketOutcome, x: Float64Array): Uint8Array {
  const out = new Uint8Array(layout.routeFresh.length);
  const price = outcome.price;
  layout.routeFresh.forEach((j, q) => {
    if (j < 0 || outcome.lp.colUpper[j] <= 0) return;
    const costWithoutPremium = outcome.lp.colCost[j] - qualificationPremium(input, layout, q, setup);
    const to = layout.routeTo[q];
    const gain = price[to] - price[layout.routeFrom[q]] - costWithoutPremium;
    const upper = outcome.lp.colUpper[j];
    if (x[j] > SNAP * Math.max(1, Number.isFinite(upper) ? upper : 1) || gain > 1e-9 * Math.max(1, Math.abs(price[to]))) out[q] = 1;
  });
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
  const x = snapToBounds(outcome.colValue, outcome.lp.colUpper);
  const cols = columnTotals(input, layout, setup, outcome, x);
  const dem = demandTotals(input, layout, setup, cols);
  const plants = plantTotals(input, layout, setup, outcome, cols.activity);
  const prices = reportedPrices(input, layout, setup, outcome);
  const welfare = periodWelfare(input, layout, setup, outcome, x, cols.activity);
  const result: PeriodResult = {
    period: setup.period,
    price: outcome.price.slice(0, layout.balanceRows),
    producerPrice: prices.producer,
    averagePrice: prices.average,
    landedPrice: prices.landed,
    production: plants.production,
    consumption: dem.consumption,
    demand: dem.demand,
    shortage: cols.shortage,
    unmet: dem.unmet,
    imports: cols.imports,
    exports: cols.exports,
    processInput: plants.processInput,
    stock: cols.stock,
    strategicStock: strategicEnd(layout, setup, x, strategicBegin),
    disposal: cols.disposal,
    arrivals: arrivalsByRegion(layout, setup.arrivals),
    subsidyUsd: plants.subsidyUsd,
    flow: cols.flow,
    leaked: cols.leaked,
    contentFlow: cols.contentFlow,
    shipped: Float64Array.from(cols.shipments),
    tariffRate: Float64Array.from(setup.controls.adValorem),
    tariffUsd: cols.tariffUsd,
    quotaRentUsd: cols.quotaRentUsd,
    blocked: blockedFlows(setup, cols.flow),
    activity: cols.activity,
    capacity: plants.capacity,
    iterations: outcome.iterations,
    converged: outcome.converged,
    freeDuals: outcome.freeRows,
    welfareUsd: welfare.byRegion,
    objectiveUsd: welfare.objectiveUsd,
    welfareIdentityUsd: welfare.identityUsd,
  };
  return {
    result,
    shipments: cols.shipments,
    shipDelay: Int32Array.from(setup.controls.shipDelay),
    margin: plants.margin,
    rowPrice: Float64Array.from(outcome.price),
    legalFlow: cols.legalFlow,
    contractPrice: prices.contract,
    wantsNewVolume: wantedNewVolume(input, layout, setup, outcome, x),
  };
}

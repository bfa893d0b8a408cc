/**
 * The invariants of every solved period (docs/spec/model.md §3), stated in domain terms. They are public API
 * (`simulate(..., { check: true })` runs them every period) and the oracle of the property tests. Each
 * returns the list of violations found (empty when the period is sound).
 *
 * - checkBalance works on the reported `PeriodResult` alone: physical mass balance per region × product.
 * - checkNonNegative: every reported number finite, quantities ≥ 0, activity ≤ capacity, and (given the
 *   audit) every LP column within its bounds and every quota, rule-of-origin and shared-capacity row respected.
 * - checkEquilibrium recomputes each column's economic cost from the world data, the policy controls and
 *   the settled wedge prices — not from the LP the engine built — and checks the optimality conditions
 *   against the reported prices: a band runs full when output value − input value > its cost and idles
 *   when below; a tier is served in full when its WTP > price and not at all when below; on a link with
 *   flow p_d = p_o + c + τ·p̂_o (+ the leakage surcharge), on an open link without flow p_d ≤ that, and at a
 *   cap p_d ≥ that (the difference is the quota rent). Rents of quota, rule-of-origin and shared-capacity
 *   rows are their LP duals: they enter each column's surplus, and each row's own conditions are checked
 *   (rent ≥ 0, and 0 on a row with slack or not in force) (layout.ts).
 *   It also checks that the wedges τ·p̂_o match the final prices within the fixed-point tolerance.
 */
import type { ModelInput, PeriodResult } from '../model/types.js';
import { anyContentCost, COL, COL_NAMES, outputRow, splitLink, type LpLayout } from './layout.js';
import { contentFrom, fixedPointRows, plantSubsidy, priceLevel, qualificationPremium, type MarketOutcome, type MarketSetup } from './market.js';
import { WELFARE_TERMS } from './welfare.js';

/** Everything needed to audit one cleared period. */
export interface MarketAudit {
  readonly run: 'baseline' | 'scenario';
  readonly period: number;
  readonly layout: LpLayout;
  readonly setup: MarketSetup;
  readonly outcome: MarketOutcome;
  /** Strategic stock at the beginning of the period (t). */
  readonly strategicBegin: Float64Array;
}

/** An invariant was violated; `problems` lists every violation found. */
export class EquilibriumError extends Error {
  override name = 'EquilibriumError';
  /** One message per violation. */
  readonly problems: readonly string[];
  constructor(message: string, problems: readonly string[] = []) {
    super(message);
    this.problems = problems;
  }
}

/** Default relative tolerance of the invariants. */
export const INVARIANT_TOLERANCE = 1e-6;

function near(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Mass balance per region × product: production + imports + arrivals + stock_begin + strategic_begin =
 * consumption (served) + exports (incl. shipments entering the pipeline) + process input + stock_end +
 * disposal + strategic_end. (Strategic release and build are the change of the strategic stock.)
 * `previous` is the period before (null for the first period: stocks from the input).
 */
export function checkBalance(input: ModelInput, previous: PeriodResult | null, current: PeriodResult, tolerance = INVARIANT_TOLERANCE): string[] {
  const P = input.products.length;
  const N = input.regions.length * P;
  let stockBegin = previous?.stock;
  let strategicBegin = previous?.strategicStock;
  if (!stockBegin || !strategicBegin) {
    const s = new Float64Array(N);
    const g = new Float64Array(N);
    for (const def of input.stocks) {
      s[def.region * P + def.product] += def.commercial;
      g[def.region * P + def.product] += def.strategic;
    }
    stockBegin = s;
    strategicBegin = g;
  }
  const out: string[] = [];
  for (let rp = 0; rp < N; rp++) {
    const c = current;
    const supply = c.production[rp] + c.imports[rp] + c.arrivals[rp] + stockBegin[rp] + strategicBegin[rp];
    const use = c.consumption[rp] + c.exports[rp] + c.processInput[rp] + c.stock[rp] + c.disposal[rp] + c.strategicStock[rp];
    if (!near(supply, use, tolerance))
      out.push(`balance ${label(input, rp)}: supply ${supply} (production ${c.production[rp]}, imports ${c.imports[rp]}, arrivals ${c.arrivals[rp]}, stock ${stockBegin[rp]}, strategic ${strategicBegin[rp]}) ≠ use ${use} (consumption ${c.consumption[rp]}, exports ${c.exports[rp]}, process input ${c.processInput[rp]}, stock ${c.stock[rp]}, disposal ${c.disposal[rp]}, strategic ${c.strategicStock[rp]})`);
    if (!near(c.unmet[rp], Math.max(0, c.demand[rp] - c.consumption[rp]), tolerance))
      out.push(`unmet ${label(input, rp)}: ${c.unmet[rp]} ≠ max(0, demand ${c.demand[rp]} − consumption ${c.consumption[rp]})`);
  }
  return out;
}

/** Finite numbers, non-negative quantities, activity ≤ capacity; with an audit, LP column and row bounds too. */
export function checkNonNegative(result: PeriodResult, audit?: MarketAudit, tolerance = INVARIANT_TOLERANCE): string[] {
  const out: string[] = [];
  const quantities = [
    'production', 'consumption', 'demand', 'shortage', 'unmet', 'imports', 'exports', 'processInput', 'stock',
    'strategicStock', 'disposal', 'arrivals', 'subsidyUsd', 'flow', 'leaked', 'contentFlow', 'shipped', 'tariffRate', 'tariffUsd', 'quotaRentUsd',
    'blocked', 'activity', 'capacity',
  ] as const;
  for (const name of quantities) {
    const a = result[name];
    for (let i = 0; i < a.length; i++) {
      if (!Number.isFinite(a[i])) out.push(`${name}[${i}] = ${a[i]} is not finite`);
      else if (a[i] < -tolerance * Math.max(1, maxAbs(a))) out.push(`${name}[${i}] = ${a[i]} < 0`);
    }
  }
  for (const name of ['price', 'producerPrice', 'averagePrice', 'landedPrice', 'welfareUsd'] as const) {
    const a = result[name];
    for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) out.push(`${name}[${i}] = ${a[i]} is not finite`);
  }
  if (!Number.isInteger(result.iterations) || result.iterations < 1) out.push(`iterations = ${result.iterations}`);
  for (let i = 0; i < result.activity.length; i++)
    if (result.activity[i] > result.capacity[i] + tolerance * Math.max(1, result.capacity[i]))
      out.push(`plant ${i}: activity ${result.activity[i]} > capacity ${result.capacity[i]}`);
  if (audit) {
    const { layout } = audit;
    const x = audit.outcome.colValue;
    const ub = audit.outcome.lp.colUpper;
    for (let j = 0; j < layout.numCols; j++) {
      const tol = tolerance * Math.max(1, Number.isFinite(ub[j]) ? ub[j] : 0);
      if (!Number.isFinite(x[j])) out.push(`${describeColumn(layout, j)}: value ${x[j]} not finite`);
      else if (x[j] < -tol || x[j] > ub[j] + tol) out.push(`${describeColumn(layout, j)}: value ${x[j]} outside [0, ${ub[j]}]`);
    }
    // Quotas, rules of origin and shared lines: every non-balance row within its upper bound.
    for (const [row, list] of rowEntries(layout)) {
      const upper = audit.outcome.lp.rowUpper[row];
      const activity = list.reduce((sum, [j, a]) => sum + a * x[j], 0);
      const size = list.reduce((sum, [j, a]) => sum + Math.abs(a * x[j]), 0);
      if (activity > upper + tolerance * Math.max(1, size, Math.abs(upper))) out.push(`${rowLabel(layout, row)}: ${activity} > its limit ${upper}`);
    }
  }
  return out;
}

/** The optimality conditions of the period in domain terms (see the module comment). */
export function checkEquilibrium(input: ModelInput, audit: MarketAudit, tolerance = INVARIANT_TOLERANCE): string[] {
  const { layout, setup, outcome } = audit;
  const out: string[] = [];
  const price = outcome.price;
  const x = outcome.colValue;
  const ub = outcome.lp.colUpper;
  const N = layout.marketRows;
  const cost = economicCosts(input, layout, setup, outcome.wedgePrice);
  // Surplus of a column = value of what it delivers at the reported prices − its economic cost.
  const surplus = new Float64Array(layout.numCols);
  const scale = new Float64Array(layout.numCols);
  for (let j = 0; j < layout.numCols; j++) {
    let v = 0;
    let s = Math.abs(cost[j]);
    for (let e = layout.starts[j]; e < layout.starts[j + 1]; e++) {
      const r = layout.indices[e];
      if (r >= N) continue;
      v += layout.values[e] * price[r];
      s += Math.abs(layout.values[e] * price[r]);
    }
    surplus[j] = v - cost[j];
    scale[j] = Math.max(1, s);
  }
  // Quotas, rules of origin and shared lines: their rents are the duals of their rows (≤ rows, so a dual
  // is ≤ 0: the value a binding row takes from each unit that uses it). Columns may sit in several such
  // rows (a plant's bands count against the origin row of every restricted destination of its region),
  // so the rents are read from the LP rather than inferred, and the rows' own conditions are checked
  // instead: rent never negative, zero on a row with slack or not in force.
  for (const [row, list] of rowEntries(layout)) {
    const y = outcome.rowDual[row];
    let activity = 0;
    let size = 0;
    for (const [j, a] of list) {
      activity += a * x[j];
      size += Math.abs(a * x[j]);
      surplus[j] += a * y;
    }
    const upper = outcome.lp.rowUpper[row];
    const rowScale = Math.max(1, ...list.map(([j]) => scale[j]));
    if (y > tolerance * rowScale) out.push(`${rowLabel(layout, row)}: rent ${-y} < 0`);
    else if (Number.isFinite(upper) && activity < upper - tolerance * Math.max(1, size, Math.abs(upper)) && y < -tolerance * rowScale)
      out.push(`${rowLabel(layout, row)} has slack (${activity} < ${upper}) but a rent ${-y}`);
    else if (!Number.isFinite(upper) && y < -tolerance * rowScale) out.push(`${rowLabel(layout, row)} is not in force but has a rent ${-y}`);
  }
  for (let j = 0; j < layout.numCols; j++) {
    const lo = x[j] <= primalTol(ub[j]);
    const hi = x[j] >= ub[j] - primalTol(ub[j]);
    if (lo && hi) continue;
    const tol = tolerance * scale[j];
    if (lo && surplus[j] > tol) out.push(`${describeColumn(layout, j)} is unused although its surplus ${surplus[j]} > 0 (${explain(layout, j)})`);
    else if (hi && surplus[j] < -tol) out.push(`${describeColumn(layout, j)} is at its cap ${ub[j]} although its surplus ${surplus[j]} < 0 (${explain(layout, j)})`);
    else if (!lo && !hi && Math.abs(surplus[j]) > tol)
      out.push(`${describeColumn(layout, j)} is partly used (${x[j]} of ${ub[j]}) although its surplus ${surplus[j]} ≠ 0 (${explain(layout, j)})`);
  }
  out.push(...checkWedges(input, audit));
  return out;
}

/**
 * Welfare adds up: the regions' welfare terms sum to −objective + Σ choke × critical requirement + tariff
 * and tax revenue − subsidies (engine/welfare.ts). Money is neither created nor lost in the accounts.
 */
export function checkWelfare(result: PeriodResult, tolerance = INVARIANT_TOLERANCE): string[] {
  let total = 0;
  let size = Math.abs(result.objectiveUsd);
  for (let i = 0; i < result.welfareUsd.length; i++) {
    total += result.welfareUsd[i];
    size += Math.abs(result.welfareUsd[i]);
  }
  if (Math.abs(total - result.welfareIdentityUsd) <= tolerance * Math.max(1, size)) return [];
  return [`welfare: the ${WELFARE_TERMS.length} terms over all regions sum to ${total} USD, not the ${result.welfareIdentityUsd} USD the period's LP implies`];
}

/** The fixed point: wedges and floor subsidies were computed from prices within tolerance of the final ones. */
function checkWedges(input: ModelInput, audit: MarketAudit): string[] {
  const { layout, setup, outcome } = audit;
  const out: string[] = [];
  const tol = input.market.fixedPointTolerance * (1 + 1e-9);
  const rel = (row: number) => {
    const a = outcome.price[row];
    const b = outcome.wedgePrice[row];
    const scale = Math.max(Math.abs(a), Math.abs(b), 1e-3 * input.products[layout.rowProduct[row]].referencePrice, 1e-12);
    return Math.abs(a - b) / scale;
  };
  const extra = input.dynamics.leakage.extraCostShare;
  // Rows whose price binds a cost (a pool no plant can feed this period exports nothing: its wedges bind nothing).
  const binding = fixedPointRows(input, layout, setup.controls, outcome.lp.colUpper);
  for (let j = 0; j < layout.numCols; j++) {
    const kind = layout.colKind[j];
    if ((kind !== COL.trade && kind !== COL.leak && kind !== COL.ship && kind !== COL.fresh) || outcome.lp.colUpper[j] <= 0) continue;
    const l = layout.colRef[j];
    const tau = setup.controls.adValorem[l] + (kind === COL.leak ? extra : 0);
    const rp = layout.linkFromRow[l];
    if (!binding[rp]) continue;
    if (tau !== 0 && rel(rp) > tol)
      out.push(`${describeColumn(layout, j)}: wedge ${tau}·${outcome.wedgePrice[rp]} was set from a price ${outcome.wedgePrice[rp]} that differs from the final ${outcome.price[rp]} by more than the fixed-point tolerance`);
    const to = layout.linkToRow[l];
    if (kind === COL.ship && rel(to) > tol)
      out.push(`${describeColumn(layout, j)}: valued at a destination price ${outcome.wedgePrice[to]} that differs from the final ${outcome.price[to]} by more than the fixed-point tolerance`);
  }
  for (const j of layout.contentCols) {
    const l = layout.colRef[j];
    const from = contentFrom(layout, l);
    if (outcome.lp.colUpper[j] > 0 && binding[from] && setup.controls.adValorem[l] !== 0 && rel(from) > tol)
      out.push(`${describeColumn(layout, j)}: wedge set from a price ${outcome.wedgePrice[from]} that differs from the final ${outcome.price[from]} by more than the fixed-point tolerance`);
  }
  for (let rp = 0; rp < layout.balanceRows; rp++) {
    const row = outputRow(layout, rp);
    if (setup.controls.hasFloor[rp] && rel(row) > tol)
      out.push(`price floor ${label(input, rp)}: subsidy set from price ${outcome.wedgePrice[row]}, final price ${outcome.price[row]}`);
  }
  return out;
}

/**
 * Economic cost (USD/kg) of every column, recomputed from the world, the controls, the wedge prices and
 * the previous period's prices (switching costs and qualification premiums are set from them).
 */
function economicCosts(input: ModelInput, layout: LpLayout, setup: MarketSetup, wedgePrice: Float64Array): Float64Array {
  const P = layout.products;
  const c = setup.controls;
  const cost = new Float64Array(layout.numCols);
  for (let j = 0; j < layout.numCols; j++) {
    const ref = layout.colRef[j];
    switch (layout.colKind[j]) {
      case COL.band: {
        const plant = input.plants[ref];
        const nb = plant.bands.length;
        const unitCost = plant.bands[layout.colSub[j] % nb].unitCost;
        // A plant's second (any-content) recipe costs a millionth more (layout.ts, anyContentCost).
        cost[j] = (layout.colSub[j] >= nb ? anyContentCost(unitCost) : unitCost) - plantSubsidy(layout, plant.region, plant.outputs, c, wedgePrice);
        break;
      }
      case COL.trade:
      case COL.leak:
      case COL.ship:
      case COL.fresh: {
        const po = Math.max(0, wedgePrice[layout.linkFromRow[ref]]);
        cost[j] = Math.max(0, input.transportCost[ref]) + c.adValorem[ref] * po;
        if (layout.colKind[j] === COL.leak) cost[j] += input.dynamics.leakage.extraCostShare * po;
        if (layout.colKind[j] === COL.ship) cost[j] -= wedgePrice[layout.linkToRow[ref]];
        if (layout.colKind[j] === COL.fresh) cost[j] += qualificationPremium(input, layout, ref, setup);
        break;
      }
      case COL.mix:
        cost[j] = layout.mixFriction[j] * priceLevel(layout, ref, setup.lastPrice);
        break;
      case COL.content:
      case COL.contentFresh:
        cost[j] = Math.max(0, input.transportCost[ref]) + c.adValorem[ref] * Math.max(0, wedgePrice[contentFrom(layout, ref)]);
        if (layout.colKind[j] === COL.contentFresh) cost[j] += qualificationPremium(input, layout, layout.linkFromRow.length + ref, setup);
        break;
      case COL.downgrade:
        cost[j] = 0;
        break;
      case COL.tier:
        cost[j] = -layout.tierWtp[j];
        break;
      case COL.backstop:
        cost[j] = input.demands[ref].chokePrice;
        break;
      case COL.hold:
        cost[j] = 0;
        break;
      case COL.dispose:
        cost[j] = input.products[ref % P].disposalCost ?? 0;
        break;
      case COL.build:
        cost[j] = -layout.chokeMax[ref % P];
        break;
    }
  }
  return cost;
}

function primalTol(ub: number): number {
  return 1e-9 * Math.max(1, Number.isFinite(ub) ? Math.abs(ub) : 1);
}

/** What a non-balance row is, for messages. */
function rowLabel(layout: LpLayout, row: number): string {
  if (row >= layout.bandRowStart) return `band ${layout.bandRowBand[row - layout.bandRowStart]} of plant ${layout.bandRowPlant[row - layout.bandRowStart]} (both recipes)`;
  if (row >= layout.sharedRowStart) return `shared capacity of plant ${layout.sharedPrimary[row - layout.sharedRowStart]}`;
  if (row >= layout.originRowStart) return `rule of origin (row ${row})`;
  const policy = layout.quotaRow.indexOf(row);
  return `quota ${policy >= 0 ? layout.policies[policy].id : `row ${row}`}`;
}

/** The [column, coefficient] entries of every non-balance row (quota, origin and shared-capacity rows). */
function rowEntries(layout: LpLayout): Map<number, [number, number][]> {
  const out = new Map<number, [number, number][]>();
  for (let j = 0; j < layout.numCols; j++)
    for (let e = layout.starts[j]; e < layout.starts[j + 1]; e++) {
      const row = layout.indices[e];
      if (row < layout.marketRows) continue;
      let list = out.get(row);
      if (!list) out.set(row, (list = []));
      list.push([j, layout.values[e]]);
    }
  return out;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i])) m = Math.max(m, Math.abs(a[i]));
  return m;
}

function label(input: ModelInput, rp: number): string {
  const P = input.products.length;
  return `${input.regions[Math.floor(rp / P)]?.id ?? Math.floor(rp / P)}/${input.products[rp % P]?.id ?? rp % P}`;
}

/** A column in words: kind and what it refers to (numeric ids; the layout does not know names). */
export function describeColumn(layout: LpLayout, j: number): string {
  const kind = COL_NAMES[layout.colKind[j]];
  const ref = layout.colRef[j];
  const R = layout.regions;
  const P = layout.products;
  switch (layout.colKind[j]) {
    case COL.band:
      return `band ${layout.colSub[j]} of plant ${ref}`;
    case COL.trade:
    case COL.leak:
    case COL.ship:
    case COL.fresh:
    case COL.content:
    case COL.contentFresh: {
      const [p, o, d] = splitLink(R, ref);
      return `${kind} of product ${p} from region ${o} to ${d}`;
    }
    case COL.tier:
      return `demand tier ${layout.colSub[j]} (WTP ${layout.tierWtp[j]}) of region ${Math.floor(ref / P)} product ${ref % P}`;
    case COL.backstop:
      return `backstop of demand definition ${ref}`;
    default:
      return `${kind} of region ${Math.floor(ref / P)} product ${ref % P}`;
  }
}

function explain(layout: LpLayout, j: number): string {
  switch (layout.colKind[j]) {
    case COL.band:
      return 'surplus = output value − input value − unit cost + floor subsidy';
    case COL.trade:
      return 'surplus = p_d − p_o − transport − τ·p_o (− quota rent)';
    case COL.leak:
      return 'surplus = p_d − p_o − transport − τ·p_o − leakage surcharge';
    case COL.ship:
      return 'surplus = p_d − p_o − transport − τ·p_o (shipped now, delivered later)';
    case COL.tier:
      return 'surplus = willingness to pay − price';
    case COL.backstop:
      return 'surplus = price − choke price';
    case COL.fresh:
      return 'surplus = p_d − p_o − transport − τ·p_o − qualification premium (new volume)';
    case COL.mix:
      return 'surplus = composite price − Σ variety prices × mix − switching cost';
    case COL.content:
      return 'surplus = p_d (any content) − p_o (any content) − transport − τ·p_o';
    case COL.contentFresh:
      return 'surplus = p_d (any content) − p_o (any content) − transport − τ·p_o − qualification premium (new volume)';
    case COL.downgrade:
      return 'surplus = any-content price − certified-free price';
    default:
      return 'surplus = value − cost';
  }
}

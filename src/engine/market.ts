/**
 * Clearing the markets of one period: one welfare-maximising LP over all products (spatial price
 * equilibrium, Takayama–Judge, with activity analysis), written as a cost minimisation in kUSD.
 *
 * Ad valorem wedges and price floors — fixed point within the period.
 * A tariff or export tax τ is levied on the origin price: on a link with flow p_d = p_o·(1+τ) + c. That
 * is not linear in an LP whose prices are duals, so each period solves a short fixed point: the link's
 * cost is c + τ·p̂_o with p̂ the current estimate of the origin price (the previous period's price on the
 * first iteration), the LP is solved, p̂ is updated from the new duals, and this repeats until the largest
 * relative change of p̂ over the prices that enter a cost is ≤ `market.fixedPointTolerance` or
 * `maxFixedPointIterations` solves were made. The update is a secant step per price (exact in one step
 * when the origin price responds linearly to its own wedge, e.g. p_o = (p_d − c)/(1 + τ) when the
 * destination sets the price), with damping when the response is non-monotone; the iteration count is
 * reported. The same loop settles the leakage surcharge (extraCostShare · p_o) and price-floor subsidies
 * s = max(0, floor − p). Wedges use max(0, p̂_o): a tax on a negative price (surplus that costs money to
 * dispose of) is zero, which also rules out unbounded "trade in circles".
 *
 * Licensed shipments with a delay leave the origin now and arrive later; the shipping decision is valued
 * at the destination's price of the period it is shipped in (the exporter ships into the market it sees),
 * settled by the same fixed point as the wedges. (Valuing it at the previous period's price made the
 * first month of every licence a break-even decision: before a restriction the destination's price is
 * the origin's plus transport.)
 *
 * Canonical prices. Where the LP's optimal duals are not unique (degenerate periods, regions that neither
 * make nor use a product), the reported prices are the canonical ones of canonical.ts — the highest
 * equilibrium prices, capped at the product's highest choke price — so that they depend on the period's
 * data alone, not on the solver's warm-start path. The fixed point iterates on canonical prices.
 */
import type { ModelInput } from '../model/types.js';
import { canonicalDuals, canonicalFromDirection, canonicalPrimal } from './canonical.js';
import { fillTiers, type HoldingCurve } from './curves.js';
import { COL, outputRow, type LpLayout } from './layout.js';
import type { PeriodControls } from './policies/index.js';
import type { MarketSolver, OneShotLp, PeriodLp } from './solver.js';
/** Bounds of the secant slope: keeps a step between 1/51 and 2 times the plain substitution step. */
const SLOPE_MIN = -50;
const SLOPE_MAX = 0.5;

/** What the market of one period is given, besides the layout and the policies' controls. */
export interface MarketSetup {
  readonly period: number;
  readonly controls: PeriodControls;
  /** Effective reference quantity of each demand definition (t). */
  readonly q: Float64Array;
  /** Capacity of each plant in force this period (t activity). */
  readonly capacity: Float64Array;
  /** Commercial stock at the beginning of the period (t). */
  readonly stockBegin: Float64Array;
  /** Holding curve per region × product; all null makes stocks passive (they neither enter nor leave). */
  readonly holding: readonly (HoldingCurve | null)[];
  /** Licensed shipments arriving this period (t), per market row (a balance row, or a variety row). */
  readonly arrivals: Float64Array;
  /** Strategic release actually sold this period (t), per region × product. */
  readonly release: Float64Array;
  /** First estimate of the prices that enter wedges, floors and delayed shipments (USD/kg), per row. */
  readonly priceGuess: Float64Array;
  /**
   * Prices of the previous period (USD/kg), per row: the price level of switching costs (mix columns)
   * and qualification premiums, which buyers and suppliers set from the market they last saw.
   */
  readonly lastPrice: Float64Array;
  /** Established level of each link (t per period): legal volume above it is new volume (qualification). */
  readonly established: Float64Array;
  /** Qualification progress of each link's new volume (0…1): the premium falls with it. */
  readonly qualifying: Float64Array;
  /** Contract price of each region × product at the beginning of the period (USD/kg). */
  readonly contractPrice: Float64Array;
}

/** The cleared market of one period. */
export interface MarketOutcome {
  /** Bounds and costs of the final LP. */
  readonly lp: PeriodLp;
  readonly colValue: Float64Array;
  /** Canonical row duals of the final LP (market rows: prices; side rows: minus their rents). */
  readonly rowDual: Float64Array;
  /**
   * Canonical prices (USD/kg) of every row: the duals of the market rows (balance rows: what users pay;
   * pool rows: producer prices; variety rows: an origin's goods at a destination), 0 for side rows.
   */
  readonly price: Float64Array;
  /** Price estimate that set the wedges and subsidies of the final LP. */
  readonly wedgePrice: Float64Array;
  /** Final-demand and holding parts of each tier column's upper bound (t). */
  readonly demandTier: Float64Array;
  readonly stockTier: Float64Array;
  /** Fixed-point solves made (1 when no wedge or floor is in force). */
  readonly iterations: number;
  /** Whether the fixed point met its tolerance (false: stopped at the iteration limit). */
  readonly converged: boolean;
  /** Rows whose dual the optimal primal did not pin in the final LP (0: a non-degenerate period). */
  readonly freeRows: number;
  /** True when the canonical selection failed numerically and the solver's own duals were kept. */
  readonly canonicalFellBack: boolean;
}

/** The solvers one run clears its periods with. */
export interface MarketSolvers {
  /** The run's persistent period-LP solver (warm-started). */
  readonly period: MarketSolver;
  /** Cold solves of the canonical price selection. */
  readonly oneShot: OneShotLp;
}

/** Clears the period's markets (see the module comment). */
export function clearMarket(solvers: MarketSolvers, input: ModelInput, layout: LpLayout, setup: MarketSetup): MarketOutcome {
  const n = layout.numCols;
  const demandTier = new Float64Array(n);
  const stockTier = new Float64Array(n);
  fillTiers(input, layout, setup.q, setup.holding, demandTier, stockTier);
  const colLower = new Float64Array(n);
  const colUpper = new Float64Array(n);
  periodColumnBounds(input, layout, setup, demandTier, stockTier, colUpper);
  const { rowLower, rowUpper } = periodRowBounds(input, layout, setup);
  const fpRows = fixedPointRows(input, layout, setup.controls, colUpper);
  const setsWedge = fpRows.includes(1);
  const baseCost = costsBeforeWedges(layout, setup);

  const tol = input.market.fixedPointTolerance;
  const maxIter = Math.max(1, Math.floor(input.market.maxFixedPointIterations));
  let guess: Float64Array = Float64Array.from(setup.priceGuess);
  let prevGuess: Float64Array | null = null;
  let prevOut: Float64Array | null = null;
  let iterations = 0;
  for (;;) {
    const colCost = periodCosts(input, layout, setup, guess, baseCost);
    const lp: PeriodLp = { colCost, colLower, colUpper, rowLower, rowUpper };
    const sol = solvers.period.solve(lp);
    iterations++;
    // The solver selects from its own optimal basis where it can (the native solver): the market rows'
    // prices are then canonical at once, and the rest of the selection (the rents of side rows that may
    // fall without bound, the statistics: passes over the whole layout) is only made for the iterate
    // kept. Otherwise a selection LP does, and on the way only the prices that set wedges are made
    // canonical; the final iterate is canonical in full (at once when no price sets a wedge: the first
    // iterate is then the last).
    const direction = solvers.period.selectDuals?.() ?? null;
    const selection = direction ? null : canonicalDuals(layout, lp, sol.colValue, sol.rowDual, solvers.oneShot, setsWedge ? fpRows : undefined);
    let price = marketPrices(layout, direction ?? selection!.dual);
    const change = largestRelativeChange(layout, fpRows, guess, price);
    const converged = change <= tol;
    if (converged || iterations >= maxIter) {
      // Complete the selection: with a selection LP, the components selected on the way are kept and the
      // others selected.
      const { dual, stats } = direction ? canonicalFromDirection(layout, lp, sol.colValue, direction) : (selection!.complete?.() ?? selection!);
      price = marketPrices(layout, dual);
      const primal = canonicalPrimal(layout, lp, sol.colValue, dual, solvers.oneShot);
      return {
        lp, colValue: primal.colValue, rowDual: dual, price, wedgePrice: guess, demandTier, stockTier,
        iterations, converged, freeRows: stats.freeRows,
        canonicalFellBack: stats.fellBack || primal.fellBack,
      };
    }
    const next = secantStep(fpRows, guess, price, prevGuess, prevOut);
    prevGuess = guess;
    prevOut = price;
    guess = next;
  }
}

/** The market rows' prices of a dual vector (side-row duals are rents, not prices: 0 here). */
function marketPrices(layout: LpLayout, dual: Float64Array): Float64Array {
  const price = dual.slice();
  price.fill(0, layout.marketRows);
  return price;
}

/** Column upper bounds of the period (lower bounds are all zero). */
function periodColumnBounds(
  input: ModelInput,
  layout: LpLayout,
  setup: MarketSetup,
  demandTier: Float64Array,
  stockTier: Float64Array,
  colUpper: Float64Array,
): void {
  const c = setup.controls;
  for (let j = 0; j < layout.numCols; j++) {
    const ref = layout.colRef[j];
    switch (layout.colKind[j]) {
      case COL.band: {
        const bands = input.plants[ref].bands;
        const band = bands[layout.colSub[j] % bands.length]; // a second recipe's bands repeat the first's
        colUpper[j] = Math.max(0, band.share * Math.max(0, setup.capacity[ref]));
        break;
      }
      case COL.trade:
        // Under qualification the established part of the legal cap is trade, the rest new volume.
        colUpper[j] = layout.freshCol[ref] >= 0 ? Math.min(c.linkCap[ref], Math.max(0, setup.established[ref])) : c.linkCap[ref];
        break;
      case COL.fresh:
        colUpper[j] = newVolumeCap(c.linkCap[ref], setup.established[ref]);
        break;
      case COL.mix:
      case COL.downgrade:
        colUpper[j] = Infinity;
        break;
      case COL.content: {
        // Like ordinary trade under qualification: the established part of the cap here, the rest new volume.
        const q = layout.linkFromRow.length + ref;
        colUpper[j] = layout.routeFresh[q] >= 0 ? Math.min(c.contentCap[ref], Math.max(0, setup.established[q])) : c.contentCap[ref];
        break;
      }
      case COL.contentFresh:
        colUpper[j] = newVolumeCap(c.contentCap[ref], setup.established[layout.linkFromRow.length + ref]);
        break;
      case COL.leak:
        colUpper[j] = c.leakCap[ref];
        break;
      case COL.ship:
        colUpper[j] = c.shipCap[ref];
        break;
      case COL.tier:
        colUpper[j] = demandTier[j] + stockTier[j];
        break;
      case COL.backstop:
        colUpper[j] = input.demands[ref].criticalShare * setup.q[ref];
        break;
      case COL.hold:
      case COL.dispose:
        colUpper[j] = Infinity;
        break;
      case COL.build:
        colUpper[j] = c.build[ref];
        break;
    }
  }
}

/** Room for new volume on a link: its legal cap above its established level (none when that is unbounded). */
function newVolumeCap(cap: number, established: number): number {
  const e = Math.max(0, established);
  if (e === Infinity) return 0;
  return Math.max(0, cap - e);
}

/**
 * Balance rows: Σ supply − Σ use = critical requirement − beginning stock − arrivals − release. Pool
 * rows: = 0. Variety rows: = − arrivals. Quota rows: ≤ limit.
 */
function periodRowBounds(input: ModelInput, layout: LpLayout, setup: MarketSetup): { rowLower: Float64Array; rowUpper: Float64Array } {
  const rowLower = new Float64Array(layout.numRows);
  const rowUpper = new Float64Array(layout.numRows);
  const N = layout.balanceRows;
  for (let i = N; i < layout.marketRows; i++) {
    rowLower[i] = -setup.arrivals[i];
    rowUpper[i] = -setup.arrivals[i];
  }
  for (let rp = 0; rp < N; rp++) {
    let rhs = -setup.arrivals[rp] - setup.release[rp];
    if (setup.holding[rp]) rhs -= setup.stockBegin[rp];
    for (let i = layout.defsStart[rp]; i < layout.defsStart[rp + 1]; i++) {
      const s = layout.defsOf[i];
      rhs += input.demands[s].criticalShare * setup.q[s];
    }
    rowLower[rp] = rhs;
    rowUpper[rp] = rhs;
  }
  layout.quotaRow.forEach((row, i) => {
    if (row < 0) return;
    rowLower[row] = -Infinity;
    rowUpper[row] = setup.controls.quotaLimit[i];
  });
  // Rules of origin: exports to a restricted destination ≤ own production while a restriction is in force.
  for (let row = layout.originRowStart; row < layout.sharedRowStart; row++) {
    rowLower[row] = -Infinity;
    rowUpper[row] = setup.controls.originActive[row - layout.originRowStart] ? 0 : Infinity;
  }
  // Alternative recipes share their primary plant's capacity in force (band by band, or all of it).
  layout.sharedPrimary.forEach((primary, k) => {
    const band = layout.sharedBand[k];
    const share = band < 0 ? 1 : input.plants[primary].bands[band].share;
    rowLower[layout.sharedRowStart + k] = -Infinity;
    rowUpper[layout.sharedRowStart + k] = Math.max(0, share * Math.max(0, setup.capacity[primary]));
  });
  // A plant's clean and any-content recipes share each band's capacity.
  layout.bandRowPlant.forEach((plant, k) => {
    rowLower[layout.bandRowStart + k] = -Infinity;
    rowUpper[layout.bandRowStart + k] = Math.max(0, input.plants[plant].bands[layout.bandRowBand[k]].share * Math.max(0, setup.capacity[plant]));
  });
  return { rowLower, rowUpper };
}

/**
 * The period's column costs that no price estimate moves: the layout's base costs, with the mixes'
 * switching costs at the previous period's prices (computed once per period, not per iteration).
 */
function costsBeforeWedges(layout: LpLayout, setup: MarketSetup): Float64Array {
  const cost = layout.baseCost.slice();
  const mixCols = layout.mixCols;
  for (let i = 0; i < mixCols.length; i++) {
    const j = mixCols[i];
    cost[j] += layout.mixFriction[j] * priceLevel(layout, layout.colRef[j], setup.lastPrice);
  }
  return cost;
}

/**
 * Column costs (USD/kg): `base` (costsBeforeWedges) plus what the price estimate sets — wedges, leakage
 * surcharges, floor subsidies and the value of delayed shipments at their destination — and the
 * qualification premiums at the previous period's prices.
 */
function periodCosts(input: ModelInput, layout: LpLayout, setup: MarketSetup, wedgePrice: Float64Array, base: Float64Array): Float64Array {
  const { controls } = setup;
  const cost = base.slice();
  const extra = input.dynamics.leakage.extraCostShare;
  const linkCols = layout.linkCols;
  for (let i = 0; i < linkCols.length; i++) {
    const j = linkCols[i];
    const kind = layout.colKind[j];
    const l = layout.colRef[j];
    const from = layout.linkFromRow[l];
    const po = Math.max(0, wedgePrice[from]);
    cost[j] += controls.adValorem[l] * po;
    if (kind === COL.leak) cost[j] += extra * po;
    if (kind === COL.ship) cost[j] -= wedgePrice[layout.linkToRow[l]];
    if (kind === COL.fresh) cost[j] += qualificationPremium(input, layout, l, setup);
  }
  // Content trade: goods with tracked material pay the link's wedge on their own (any-content) producer price.
  const contentCols = layout.contentCols;
  for (let i = 0; i < contentCols.length; i++) {
    const j = contentCols[i];
    const l = layout.colRef[j];
    if (controls.adValorem[l] !== 0) cost[j] += controls.adValorem[l] * Math.max(0, wedgePrice[contentFrom(layout, l)]);
    if (layout.colKind[j] === COL.contentFresh) cost[j] += qualificationPremium(input, layout, layout.linkFromRow.length + l, setup);
  }
  input.plants.forEach((plant, i) => {
    const subsidy = plantSubsidy(layout, plant.region, plant.outputs, controls, wedgePrice);
    if (subsidy === 0) return;
    for (let j = layout.plantBandStart[i]; j < layout.plantBandStart[i + 1]; j++) cost[j] -= subsidy;
  });
  return cost;
}

/** The row a link's content-trade column leaves: the origin's any-content pool (its qualification route's origin). */
export function contentFrom(layout: LpLayout, l: number): number {
  return layout.routeFrom[layout.linkFromRow.length + l];
}

/** The price level of a composite's switching costs: its last price, at least 1 % of the reference price. */
export function priceLevel(layout: LpLayout, rp: number, lastPrice: Float64Array): number {
  return Math.max(0.01 * layout.referencePrice[rp % layout.products], lastPrice[rp]);
}

/**
 * Premium (USD/kg) on a route's new volume (layout.routeFresh: route l < L is link l's ordinary trade,
 * L + l its content trade): the product's qualification premium × the origin's last price × the share of
 * qualification still to do.
 */
export function qualificationPremium(input: ModelInput, layout: LpLayout, route: number, setup: Pick<MarketSetup, 'lastPrice' | 'qualifying'>): number {
  const from = layout.routeFrom[route];
  const q = input.products[layout.rowProduct[from]].qualification;
  return q ? q.premium * Math.max(0, setup.lastPrice[from]) * Math.max(0, 1 - setup.qualifying[route]) : 0;
}

/**
 * Floor subsidy per unit of a plant's activity (USD/kg): Σ over its floored outputs of perUnit ·
 * max(0, floor − p̂), with p̂ the producer price (the pool row of a differentiated product).
 */
export function plantSubsidy(
  layout: LpLayout,
  region: number,
  outputs: readonly { readonly product: number; readonly perUnit: number }[],
  controls: PeriodControls,
  wedgePrice: Float64Array,
): number {
  let s = 0;
  for (const out of outputs) {
    const rp = region * layout.products + out.product;
    if (controls.hasFloor[rp]) s += out.perUnit * Math.max(0, controls.floor[rp] - wedgePrice[outputRow(layout, rp)]);
  }
  return s;
}

/**
 * Rows whose price enters a cost this period: origins of open links with a wedge or leakage route,
 * destinations of open delayed-shipment routes, and floored rows.
 */
export function fixedPointRows(input: ModelInput, layout: LpLayout, controls: PeriodControls, colUpper: Float64Array): Uint8Array {
  const rows = new Uint8Array(layout.marketRows);
  // A pool row that no plant can feed this period exports nothing: the wedges on its links bind nothing.
  const fed = new Uint8Array(layout.marketRows);
  for (let j = layout.plantBandStart[0]; j < layout.plantBandStart[input.plants.length]; j++) {
    if (layout.colKind[j] !== COL.band || colUpper[j] <= 0) continue;
    for (let e = layout.starts[j]; e < layout.starts[j + 1]; e++) if (layout.values[e] > 0 && layout.indices[e] < layout.marketRows) fed[layout.indices[e]] = 1;
  }
  // An any-content pool is also fed by its certified-free pool.
  layout.anyPool.forEach((row, rp) => {
    if (row >= 0 && fed[layout.poolRow[rp]]) fed[row] = 1;
  });
  const extra = input.dynamics.leakage.extraCostShare;
  const linkCols = layout.linkCols;
  for (let i = 0; i < linkCols.length; i++) {
    const j = linkCols[i];
    const kind = layout.colKind[j];
    if (colUpper[j] <= 0) continue;
    const l = layout.colRef[j];
    const from = layout.linkFromRow[l];
    if (from >= layout.balanceRows && !fed[from]) continue;
    if (kind === COL.ship) rows[layout.linkToRow[l]] = 1;
    if (controls.adValorem[l] !== 0 || (kind === COL.leak && extra !== 0)) rows[from] = 1;
  }
  const contentCols = layout.contentCols;
  for (let i = 0; i < contentCols.length; i++) {
    const j = contentCols[i];
    const l = layout.colRef[j];
    const from = contentFrom(layout, l);
    if (colUpper[j] > 0 && fed[from] && controls.adValorem[l] !== 0) rows[from] = 1;
  }
  for (let rp = 0; rp < layout.balanceRows; rp++) if (controls.hasFloor[rp]) rows[outputRow(layout, rp)] = 1;
  return rows;
}

/** Largest |p − p̂| / max(|p|, |p̂|, 0.1 % of the reference price) over the fixed-point rows. */
export function largestRelativeChange(
  layout: LpLayout,
  rows: Uint8Array,
  guess: Float64Array,
  price: Float64Array,
): number {
  let worst = 0;
  for (let rp = 0; rp < rows.length; rp++) {
    if (!rows[rp]) continue;
    const scale = Math.max(Math.abs(price[rp]), Math.abs(guess[rp]), 1e-3 * layout.referencePrice[layout.rowProduct[rp]], 1e-12);
    worst = Math.max(worst, Math.abs(price[rp] - guess[rp]) / scale);
  }
  return worst;
}

/**
 * Next price estimate: a secant step per fixed-point row, plain substitution on the first iteration.
 * Every other row keeps its estimate (the previous period's canonical price): on the way the solver's
 * duals of those rows are not canonical, and an estimate is still read where a wedge binds nothing (a
 * link from a pool no plant feeds, a delayed shipment from one), so carrying them would let the
 * solver's path into the next LP's costs and from there into the canonical prices.
 */
function secantStep(
  rows: Uint8Array,
  guess: Float64Array,
  out: Float64Array,
  prevGuess: Float64Array | null,
  prevOut: Float64Array | null,
): Float64Array {
  const next = Float64Array.from(guess);
  for (let rp = 0; rp < rows.length; rp++) {
    if (!rows[rp]) continue;
    if (!prevGuess || !prevOut) {
      next[rp] = out[rp];
      continue;
    }
    const dg = guess[rp] - prevGuess[rp];
    let slope = dg !== 0 ? (out[rp] - prevOut[rp]) / dg : 0;
    if (!Number.isFinite(slope)) slope = 0;
    slope = Math.min(SLOPE_MAX, Math.max(SLOPE_MIN, slope));
    next[rp] = guess[rp] + (out[rp] - guess[rp]) / (1 - slope);
  }
  return next;
}

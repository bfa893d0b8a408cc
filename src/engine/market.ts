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
 * at the destination's price of the previous period (what the exporter can observe when it ships).
 *
 * Well-defined prices. Where the LP's duals are not unique because a balance row has no activity at all
 * (nothing produced, consumed, held or traded there, zero right-hand side), the region gets its
 * import-parity price: the highest price compatible with every open way of supplying it (min over open
 * links of p_o + c + wedge, over idle plant bands of their break-even, over backstops of the choke),
 * computed as a shortest path from the active rows. Rows with no open supply route get the product's
 * highest choke price (not to be had there at any price a buyer would pay).
 * Raising such a price to that bound keeps every optimality condition true (nothing is bought there).
 */
import type { ModelInput } from '../model/types.js';
import { fillTiers, type HoldingCurve } from './curves.js';
import { COL, type LpLayout } from './layout.js';
import type { PeriodControls } from './policies/index.js';
import type { LpSolution, MarketSolver, PeriodLp } from './solver.js';

/** Quantities below this (t) count as zero when deciding whether a row has activity. */
const ACTIVITY_EPS = 1e-9;
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
  /** Licensed shipments arriving this period (t), per region × product. */
  readonly arrivals: Float64Array;
  /** Strategic release actually sold this period (t), per region × product. */
  readonly release: Float64Array;
  /** First estimate of the prices that enter wedges and floors (USD/kg). */
  readonly priceGuess: Float64Array;
  /** Prices of the previous period (USD/kg): value of delayed shipments at their destination. */
  readonly prevPrice: Float64Array;
}

/** The cleared market of one period. */
export interface MarketOutcome {
  /** Bounds and costs of the final LP. */
  readonly lp: PeriodLp;
  readonly colValue: Float64Array;
  /** Row duals of the final LP (balance rows: raw duals before the parity rule; quota rows: their duals). */
  readonly rowDual: Float64Array;
  /** Reported prices (USD/kg), after the parity rule. */
  readonly price: Float64Array;
  /** Price estimate that set the wedges and subsidies of the final LP. */
  readonly wedgePrice: Float64Array;
  /** Final-demand and holding parts of each tier column's upper bound (t). */
  readonly demandTier: Float64Array;
  readonly stockTier: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Clears the period's markets (see the module comment). */
export function clearMarket(solver: MarketSolver, input: ModelInput, layout: LpLayout, setup: MarketSetup): MarketOutcome {
  const n = layout.numCols;
  const demandTier = new Float64Array(n);
  const stockTier = new Float64Array(n);
  fillTiers(input, layout, setup.q, setup.holding, demandTier, stockTier);
  const colLower = new Float64Array(n);
  const colUpper = new Float64Array(n);
  periodColumnBounds(input, layout, setup, demandTier, stockTier, colUpper);
  const { rowLower, rowUpper } = periodRowBounds(input, layout, setup);
  const fpRows = fixedPointRows(layout, setup.controls, colUpper);

  const tol = input.market.fixedPointTolerance;
  const maxIter = Math.max(1, Math.floor(input.market.maxFixedPointIterations));
  let guess: Float64Array = Float64Array.from(setup.priceGuess);
  let prevGuess: Float64Array | null = null;
  let prevOut: Float64Array | null = null;
  let iterations = 0;
  for (;;) {
    const colCost = periodCosts(input, layout, setup.controls, guess, setup.prevPrice);
    const lp: PeriodLp = { colCost, colLower, colUpper, rowLower, rowUpper };
    const sol = solver.solve(lp);
    iterations++;
    const price = settlePrices(layout, lp, sol);
    const change = largestRelativeChange(input, layout, fpRows, guess, price);
    const converged = change <= tol;
    if (converged || iterations >= maxIter) {
      return { lp, colValue: sol.colValue, rowDual: sol.rowDual, price, wedgePrice: guess, demandTier, stockTier, iterations, converged };
    }
    const next = secantStep(fpRows, guess, price, prevGuess, prevOut);
    prevGuess = guess;
    prevOut = price;
    guess = next;
  }
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
        const band = input.plants[ref].bands[layout.colSub[j]];
        colUpper[j] = Math.max(0, band.share * Math.max(0, setup.capacity[ref]));
        break;
      }
      case COL.trade:
        colUpper[j] = c.linkCap[ref];
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

/** Balance rows: Σ supply − Σ use = critical requirement − beginning stock − arrivals − release. Quota rows: ≤ limit. */
function periodRowBounds(input: ModelInput, layout: LpLayout, setup: MarketSetup): { rowLower: Float64Array; rowUpper: Float64Array } {
  const rowLower = new Float64Array(layout.numRows);
  const rowUpper = new Float64Array(layout.numRows);
  const N = layout.balanceRows;
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
  // Alternative recipes share their primary plant's capacity in force.
  layout.sharedPrimary.forEach((primary, k) => {
    rowLower[layout.sharedRowStart + k] = -Infinity;
    rowUpper[layout.sharedRowStart + k] = Math.max(0, setup.capacity[primary]);
  });
  return { rowLower, rowUpper };
}

/** Column costs (USD/kg) given the price estimate that sets wedges, leakage surcharges and floor subsidies. */
export function periodCosts(
  input: ModelInput,
  layout: LpLayout,
  controls: PeriodControls,
  wedgePrice: Float64Array,
  prevPrice: Float64Array,
): Float64Array {
  const cost = layout.baseCost.slice();
  const R = layout.regions;
  const P = layout.products;
  const extra = input.dynamics.leakage.extraCostShare;
  const linkCols = layout.linkCols;
  for (let i = 0; i < linkCols.length; i++) {
    const j = linkCols[i];
    const kind = layout.colKind[j];
    const l = layout.colRef[j];
    const d = l % R;
    const o = Math.floor(l / R) % R;
    const p = Math.floor(l / (R * R));
    const po = Math.max(0, wedgePrice[o * P + p]);
    cost[j] += controls.adValorem[l] * po;
    if (kind === COL.leak) cost[j] += extra * po;
    if (kind === COL.ship) cost[j] -= prevPrice[d * P + p];
  }
  input.plants.forEach((plant, i) => {
    const subsidy = plantSubsidy(plant.region, plant.outputs, P, controls, wedgePrice);
    if (subsidy === 0) return;
    for (let j = layout.plantBandStart[i]; j < layout.plantBandStart[i + 1]; j++) cost[j] -= subsidy;
  });
  return cost;
}

/** Floor subsidy per unit of a plant's activity (USD/kg): Σ over its floored outputs of perUnit · max(0, floor − p̂). */
export function plantSubsidy(
  region: number,
  outputs: readonly { readonly product: number; readonly perUnit: number }[],
  P: number,
  controls: PeriodControls,
  wedgePrice: Float64Array,
): number {
  let s = 0;
  for (const out of outputs) {
    const rp = region * P + out.product;
    if (controls.hasFloor[rp]) s += out.perUnit * Math.max(0, controls.floor[rp] - wedgePrice[rp]);
  }
  return s;
}

/** Rows whose price enters a cost this period: origins of open links with a wedge or leakage route, and floored rows. */
function fixedPointRows(layout: LpLayout, controls: PeriodControls, colUpper: Float64Array): Uint8Array {
  const R = layout.regions;
  const P = layout.products;
  const rows = new Uint8Array(layout.balanceRows);
  const linkCols = layout.linkCols;
  for (let i = 0; i < linkCols.length; i++) {
    const j = linkCols[i];
    const kind = layout.colKind[j];
    if (colUpper[j] <= 0) continue;
    const l = layout.colRef[j];
    if (kind === COL.trade && controls.adValorem[l] === 0) continue;
    const o = Math.floor(l / R) % R;
    const p = Math.floor(l / (R * R));
    rows[o * P + p] = 1;
  }
  for (let rp = 0; rp < layout.balanceRows; rp++) if (controls.hasFloor[rp]) rows[rp] = 1;
  return rows;
}

/** Largest |p − p̂| / max(|p|, |p̂|, 0.1 % of the reference price) over the fixed-point rows. */
export function largestRelativeChange(
  input: ModelInput,
  layout: LpLayout,
  rows: Uint8Array,
  guess: Float64Array,
  price: Float64Array,
): number {
  let worst = 0;
  for (let rp = 0; rp < rows.length; rp++) {
    if (!rows[rp]) continue;
    const scale = Math.max(Math.abs(price[rp]), Math.abs(guess[rp]), 1e-3 * input.products[rp % layout.products].referencePrice, 1e-12);
    worst = Math.max(worst, Math.abs(price[rp] - guess[rp]) / scale);
  }
  return worst;
}

/** Next price estimate: a secant step per fixed-point row, plain substitution on the first iteration. */
function secantStep(
  rows: Uint8Array,
  guess: Float64Array,
  out: Float64Array,
  prevGuess: Float64Array | null,
  prevOut: Float64Array | null,
): Float64Array {
  const next = Float64Array.from(out);
  for (let rp = 0; rp < rows.length; rp++) {
    if (!rows[rp] || !prevGuess || !prevOut) continue;
    const dg = guess[rp] - prevGuess[rp];
    let slope = dg !== 0 ? (out[rp] - prevOut[rp]) / dg : 0;
    if (!Number.isFinite(slope)) slope = 0;
    slope = Math.min(SLOPE_MAX, Math.max(SLOPE_MIN, slope));
    next[rp] = guess[rp] + (out[rp] - guess[rp]) / (1 - slope);
  }
  return next;
}

/**
 * Prices from the LP duals, with the parity rule for rows without activity (see the module comment).
 * Exported for tests.
 */
export function settlePrices(layout: LpLayout, lp: PeriodLp, sol: LpSolution): Float64Array {
  const N = layout.balanceRows;
  const price = sol.rowDual.slice(0, N);
  const active = activeRows(layout, lp, sol.colValue);
  if (active.every((a) => a === 1)) return price.map((v) => v + 0);

  // Rows that no open supply route bounds (a region cut off from a product it neither makes nor uses)
  // get the product's highest choke price: the product is not to be had there at any price anyone pays.
  // (Their LP dual is arbitrary; the choke is the rule's upper bound, so a ban that cuts the last route
  // can only raise the reported price.) They are anchored first, then the others are relaxed again
  // from +∞ (their bounds may run through an anchored row).
  const P = layout.products;
  const y = Float64Array.from(sol.rowDual);
  const fixed = Uint8Array.from(active);
  for (let round = 0; round <= N; round++) {
    for (let rp = 0; rp < N; rp++) if (!fixed[rp]) y[rp] = Infinity;
    relaxParity(layout, lp, sol.colValue, fixed, y);
    let anchored = 0;
    for (let rp = 0; rp < N; rp++)
      if (!fixed[rp] && !Number.isFinite(y[rp])) {
        y[rp] = Math.max(sol.rowDual[rp], layout.chokeMax[rp % P]);
        fixed[rp] = 1;
        anchored++;
      }
    if (anchored === 0) break;
  }
  for (let rp = 0; rp < N; rp++) price[rp] = y[rp] + 0; // + 0 turns −0 into 0
  return price;
}

/** Relaxes "y_r ≤ (c_j − Σ_{i≠r} a_ij y_i) / a_rj" over idle open supply columns of unfixed rows until stable. */
function relaxParity(layout: LpLayout, lp: PeriodLp, x: Float64Array, fixed: Uint8Array, y: Float64Array): void {
  const N = layout.balanceRows;
  for (let pass = 0; pass <= N; pass++) {
    let changed = false;
    const supplyCols = layout.supplyCols; // only columns with a positive coefficient can bound a price
    for (let i = 0; i < supplyCols.length; i++) {
      const j = supplyCols[i];
      if (lp.colUpper[j] <= ACTIVITY_EPS || Math.abs(x[j]) > ACTIVITY_EPS) continue;
      for (let e = layout.starts[j]; e < layout.starts[j + 1]; e++) {
        const r = layout.indices[e];
        const a = layout.values[e];
        if (r >= N || fixed[r] || a <= 0) continue;
        let other = 0;
        for (let f = layout.starts[j]; f < layout.starts[j + 1]; f++) if (f !== e) other += layout.values[f] * y[layout.indices[f]];
        const bound = (lp.colCost[j] - other) / a;
        if (Number.isFinite(bound) && bound < y[r]) {
          y[r] = bound;
          changed = true;
        }
      }
    }
    if (!changed) return;
  }
}

/** A balance row is active when its right-hand side is non-zero or some column touching it is non-zero. */
export function activeRows(layout: LpLayout, lp: PeriodLp, x: Float64Array): Uint8Array {
  const N = layout.balanceRows;
  const active = new Uint8Array(N);
  for (let rp = 0; rp < N; rp++) if (Math.abs(lp.rowLower[rp]) > ACTIVITY_EPS) active[rp] = 1;
  for (let j = 0; j < layout.numCols; j++) {
    if (Math.abs(x[j]) <= ACTIVITY_EPS) continue;
    for (let e = layout.starts[j]; e < layout.starts[j + 1]; e++) if (layout.indices[e] < N) active[layout.indices[e]] = 1;
  }
  return active;
}

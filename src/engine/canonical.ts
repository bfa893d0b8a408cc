/**
 * Canonical prices and quantities: one answer per period, whatever path the solver took to its optimum.
 *
 * Why. Prices are the duals of the balance rows, and in a degenerate period (a region whose supply is
 * fixed exactly at a step of its demand curve, a third country exporting exactly its output under a
 * rule of origin, a region that neither makes nor uses a product) the optimal duals form a set, not a
 * point. A simplex solver returns whichever vertex of that set it reaches from its warm start, and the
 * dynamics carry that choice forward. Results must not depend on warm-start history, so the engine picks
 * one point of the set by a rule that depends only on the period's LP.
 *
 * The rule. Among all optimal duals, the prices are the highest ones, weighted by 1 / reference price
 * (each product counts alike), but not above the product's highest choke price where a lower one is also
 * an equilibrium price:
 *
 *   maximise Σ_r w_r·y_r − M·Σ_r w_r·e_r   over y in the optimal dual set, e_r ≥ y_r − cap_r, e_r ≥ 0
 *
 * (M = 2: above its cap a price is pushed down, not up). For a region that neither makes nor uses a
 * product this is its import parity (the cheapest open way of supplying it), for a row cut off from
 * every route the product's highest choke price, and where a fixed supply meets a vertical step of the
 * demand curve it is the top of that step — the price at which buyers still take the whole supply. The
 * weights carry a tiny fixed factor per row (1 + 10⁻³·frac(r·φ)) only to make exact ties impossible.
 *
 * The pool and variety rows of products that keep their origin (layout.ts) take the opposite end: the
 * lowest prices (minimise Σ w·y, with e_r ≥ −cap_r − y_r penalised alike). A producer price that no flow
 * pins is then the netback of the producer's best outlet, and the price of an origin's goods at a
 * destination that buys none is what the buyers there would pay for the first tonne — the value that
 * goods arriving there (licensed shipments) fetch. The highest would be the supply price instead, which
 * for a region that makes nothing is unbounded (capped only by the choke price) and made the fixed point
 * of shipment values cycle between such caps.
 *
 * How. The optimal dual set is {y : every column's reduced cost is consistent with its value in an
 * optimal primal x} (complementary slackness: the set is the same whichever optimal x is used): a column
 * strictly between its bounds needs a_j'y = c_j, one at its lower bound a_j'y ≤ c_j, one at its upper
 * bound a_j'y ≥ c_j, a fixed one nothing; a ≤ side row with slack has y = 0, a binding one y ≤ 0.
 * Duals pinned by the equalities are found by propagation (a column with one unknown dual fixes it);
 * what is left is a small LP (`OneShotLp`: HiGHS, from scratch, or warm from the optimal basis of a recent
 * LP of the same structure). Its prices are its unique optimum (the weights below), so the answer depends
 * on the period's data alone, whatever the start. A non-degenerate period needs no LP at all.
 *
 * Quantities. Where several optimal solutions share those prices (two suppliers at exactly the same
 * landed cost, a plant whose cost equals the price), the solver's choice would again follow its path,
 * and the dynamics carry quantities forward as much as prices. Given the canonical prices, the optimal
 * solutions are exactly those that use no column with a positive reduced cost, fill every column with a
 * negative one and keep every rent-bearing side row tight; among them the engine takes the one with the
 * least total quantity Σ x_j (tonnes of activity, trade, purchases and holding), a small LP over the
 * columns left free, solved as the price selection's LP is. Its weights carry the same tiny fixed factor
 * per column as the price rule's, so that exact ties (two suppliers alike in every number) go to one of
 * them deterministically.
 * (A strictly convex choice that splits such ties evenly, a QP, was tried: HiGHS's QP solvers took
 * 60 ms to over 10 s on these badly scaled problems, against ~1 ms for the LP.)
 */
import { transpose, type LpLayout } from './layout.js';
import type { OneShotLp, PeriodLp, SmallLp } from './solver.js';

/** Penalty slope beyond a row's cap (relative to its weight). */
const BEYOND_CAP_PENALTY = 2;
/** Relative slack of the reduced-cost conditions in the selection LP, tried in turn (see canonicalDuals). */
const SELECTION_SLACKS = [0, 1e-9, 1e-7, 1e-5] as const;
/** Relative size of the per-row tie-breaking factor of the weights. */
const TIE_BREAK = 1e-3;
/** The golden ratio's fractional part: spreads the tie-breaking factors evenly over rows. */
const PHI = 0.6180339887498949;

const FIXED = 0;
const LOW = 1;
const UP = 2;
const INSIDE = 3;

/** How close to a bound of this size a value must be to count as at it: 10⁻⁹ of the bound, at least 10⁻⁹. */
export function atBoundTolerance(bound: number): number {
  return 1e-9 * Math.max(1, Number.isFinite(bound) ? Math.abs(bound) : 1);
}

/** Where a column sits against its bounds [0, upper]. */
function columnStatus(x: number, upper: number): number {
  const tol = atBoundTolerance(upper);
  if (upper <= tol) return FIXED;
  if (x <= tol) return LOW;
  if (x >= upper - tol) return UP;
  return INSIDE;
}

/** What the canonical selection found (for diagnostics). */
export interface CanonicalStats {
  /** Prices (balance-row duals) the optimal primal did not pin (0: unique prices before the rule). */
  readonly freeRows: number;
  /** True when the selection LP failed and the solver's own duals were kept for the free rows. */
  readonly fellBack: boolean;
}

/** Canonical duals; a partial selection can be completed (`complete`) without selecting its part again. */
export interface CanonicalSelection {
  readonly dual: Float64Array;
  readonly stats: CanonicalStats;
  /** With a partial selection: the full one, selecting only the components not selected yet. */
  readonly complete?: () => { dual: Float64Array; stats: CanonicalStats };
}

/**
 * The canonical duals of a period LP (see the module comment), given an optimal primal `x` and the
 * solver's own optimal duals `rawDual` (used only if the selection LP fails numerically). Returns duals of
 * every row (balance rows: prices, USD/kg; side rows: minus their rents). With `needed`, only the rows
 * it marks must be canonical: when the optimal quantities pin all of them, the selection LP is skipped
 * and the other free rows keep the solver's duals (the result then has `complete`) — what the price fixed point needs
 * on its way, where only the prices that set wedges matter. A partial result can be completed
 * (`complete`): the other components are selected on the same statuses and propagation (the components
 * do not interact, so this is the full selection without doing the needed part twice).
 */
export function canonicalDuals(
  layout: LpLayout,
  lp: PeriodLp,
  x: Float64Array,
  rawDual: Float64Array,
  oneShot: OneShotLp,
  needed?: Uint8Array,
): CanonicalSelection {
  const m = layout.numRows;
  const N = layout.marketRows;
  const { status, known, dual, free } = pinnedDuals(layout, lp, x);
  const freePrices = free.filter((i) => i < N).length;
  if (free.length === 0) return { dual: finite(dual), stats: { freeRows: 0, fellBack: false } };
  const relaxed = relaxableSideRows(layout, status, free);
  const inLp = free.filter((i) => !relaxed[i]);
  // The selection LP is separable: its objective is a sum over rows, and rows that no reduced-cost
  // condition links fall apart into components. On the fixed point's way only the components holding a
  // needed row are solved.
  const components = linkedComponents(layout, status, known, relaxed, inLp);
  // Rows on their own are set in closed form; the rest go to one selection LP (one model is cheaper
  // than many small ones, and the components do not interact in it).
  let fellBack = false;
  const select = (chosenComponents: readonly number[][]): void => {
    const inModel: number[] = [];
    for (const component of chosenComponents) {
      const single = component.length === 1 ? closedFormDual(layout, lp, status, dual, relaxed, component[0]) : null;
      if (single !== null) dual[component[0]] = single;
      else inModel.push(...component);
    }
    if (inModel.length === 0) return;
    inModel.sort((a, b) => a - b);
    // The conditions come from a solver's optimum, exact only to its tolerances: each is relaxed by a
    // tiny slack, widened if the LP still proves infeasible, before giving up on the rule.
    let chosen: Float64Array | null = null;
    for (const slack of SELECTION_SLACKS) {
      chosen = oneShot.solve(selectionLp(layout, lp, status, known, dual, relaxed, inModel, slack));
      if (chosen) break;
    }
    if (chosen) inModel.forEach((i, k) => (dual[i] = chosen[k]));
    else {
      fellBack = true;
      for (const i of inModel) dual[i] = rawDual[i];
    }
  };
  const full = () => {
    assignRelaxedRents(layout, lp, status, dual, free, relaxed);
    return { dual: finite(dual), stats: { freeRows: freePrices, fellBack } };
  };
  const wanted = needed ? components.filter((c) => c.some((i) => i < needed.length && needed[i] === 1)) : components;
  select(wanted);
  if (wanted.length === components.length) return full();
  // Partial: the other free rows keep the solver's duals, in a copy (the completion reads `dual`).
  const solved = new Uint8Array(m);
  for (const c of wanted) for (const i of c) solved[i] = 1;
  const partial = dual.slice();
  for (const i of free) if (!solved[i]) partial[i] = rawDual[i];
  return {
    dual: finite(partial),
    stats: { freeRows: freePrices, fellBack },
    complete: () => {
      select(components.filter((c) => !solved[c[0]]));
      return full();
    },
  };
}

/**
 * What the optimal primal x alone fixes: each column's status against its bounds, the side rows with
 * slack (dual 0), and the duals that propagation pins (a column strictly inside its bounds with one
 * unknown dual fixes it); `free` lists the rows left unknown, ascending.
 */
function pinnedDuals(layout: LpLayout, lp: PeriodLp, x: Float64Array): { status: Uint8Array; known: Uint8Array; dual: Float64Array; free: number[] } {
  const m = layout.numRows;
  const n = layout.numCols;
  const { starts, indices, values } = layout;
  const status = new Uint8Array(n);
  for (let j = 0; j < n; j++) status[j] = columnStatus(x[j], lp.colUpper[j]);

  const known = new Uint8Array(m);
  const dual = new Float64Array(m);
  markSlackSideRows(layout, lp, x, known);

  // Propagation: a column strictly inside its bounds with one unknown dual pins it.
  const unknownIn = new Int32Array(n);
  const queue: number[] = [];
  for (let j = 0; j < n; j++) {
    if (status[j] !== INSIDE) continue;
    let u = 0;
    for (let e = starts[j]; e < starts[j + 1]; e++) if (!known[indices[e]]) u++;
    unknownIn[j] = u;
    if (u === 1) queue.push(j);
  }
  const { rowStarts, rowCols } = layout;
  while (queue.length > 0) {
    const j = queue.pop()!;
    if (unknownIn[j] !== 1) continue;
    let row = -1;
    let coef = 0;
    let rest = lp.colCost[j];
    for (let e = starts[j]; e < starts[j + 1]; e++) {
      const r = indices[e];
      if (known[r]) rest -= values[e] * dual[r];
      else {
        row = r;
        coef = values[e];
      }
    }
    if (row < 0) continue;
    dual[row] = rest / coef;
    known[row] = 1;
    for (let k = rowStarts[row]; k < rowStarts[row + 1]; k++) {
      const c = rowCols[k];
      if (status[c] !== INSIDE) continue;
      unknownIn[c]--;
      if (unknownIn[c] === 1) queue.push(c);
    }
  }
  const free: number[] = [];
  for (let i = 0; i < m; i++) if (!known[i]) free.push(i);
  return { status, known, dual, free };
}

/** The selection weight of market row r: 1 / reference price, with its tie-breaking factor. */
function selectionWeight(layout: LpLayout, r: number): number {
  return (1 + TIE_BREAK * ((r * PHI) % 1)) / Math.max(1e-9, layout.referencePrice[layout.rowProduct[r]]);
}

/**
 * The selection rule as a direction LP on the period LP's own matrix (DualSimplex.selectDuals): δ per
 * row (+w for users' prices, the highest; −w for producer and landed prices, the lowest; 0 for side
 * rows), and per market row one cap column — coefficient +1 (a supply at the cap) on a balance row, −1
 * (a use) on the others, cost the product's highest choke price, bound M·w in the direction LP, fixed
 * at 0 in the period LP. δ and the bounds are scaled so that the largest weight is 1 (the rule is
 * unchanged by a common factor; the direction LP's values are then of order 1).
 */
export interface DirectionRule {
  readonly delta: Float64Array;
  readonly capCoef: Float64Array;
  readonly capCost: Float64Array;
  readonly capUpper: Float64Array;
}

export function directionRule(layout: LpLayout): DirectionRule {
  const N = layout.marketRows;
  const delta = new Float64Array(layout.numRows);
  const capCoef = new Float64Array(N);
  const capCost = new Float64Array(N);
  const capUpper = new Float64Array(N);
  let largest = 0;
  for (let r = 0; r < N; r++) largest = Math.max(largest, selectionWeight(layout, r));
  for (let r = 0; r < N; r++) {
    const w = selectionWeight(layout, r) / largest;
    const users = r < layout.balanceRows;
    delta[r] = users ? w : -w;
    capCoef[r] = users ? 1 : -1;
    // A product without a finite highest choke price has no cap: its column never opens.
    const cap = layout.chokeMax[layout.rowProduct[r]];
    capCost[r] = Number.isFinite(cap) ? cap : 0;
    capUpper[r] = Number.isFinite(cap) ? BEYOND_CAP_PENALTY * w : 0;
  }
  return { delta, capCoef, capCost, capUpper };
}

/**
 * Canonical duals from the duals of the direction LP (`direction`, DualSimplex.selectDuals), which come
 * from one basis and so agree with every column's condition to round-off (pinned values recomputed by
 * propagation would differ from them by the solver's tolerance, amplified along chains of small
 * coefficients, and leave columns strictly inside their bounds with reduced costs of 1e-6 — enough to
 * move the canonical quantities). Only the side rows that may fall without bound are set by the rule of
 * canonicalDuals (the largest value their conditions allow); `stats` counts the free prices as it does.
 */
export function canonicalFromDirection(layout: LpLayout, lp: PeriodLp, x: Float64Array, direction: Float64Array): { dual: Float64Array; stats: CanonicalStats } {
  const { status, free } = pinnedDuals(layout, lp, x);
  const dual = direction.slice();
  const relaxed = relaxableSideRows(layout, status, free);
  assignRelaxedRents(layout, lp, status, dual, free, relaxed);
  return { dual: finite(dual), stats: { freeRows: free.filter((i) => i < layout.marketRows).length, fellBack: false } };
}

/**
 * The free rows of the selection LP grouped by the reduced-cost conditions that link them: two rows are
 * in one component when a column that is not fixed (and touches no relaxed row) has both. Components
 * come in ascending order of their first row, rows ascending within each.
 */
function linkedComponents(layout: LpLayout, status: Uint8Array, known: Uint8Array, relaxed: Uint8Array, rows: readonly number[]): number[][] {
  // Union–find over row indices; −1 marks a row outside `rows`. Roots are the smallest row of a set.
  const parent = new Int32Array(layout.numRows).fill(-1);
  for (const i of rows) parent[i] = i;
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r];
    let k = i;
    while (parent[k] !== r) {
      const next = parent[k];
      parent[k] = r;
      k = next;
    }
    return r;
  };
  const { starts, indices, rowStarts, rowCols } = layout;
  const seen = new Uint8Array(layout.numCols);
  for (const i of rows)
    for (let t = rowStarts[i]; t < rowStarts[i + 1]; t++) {
      const j = rowCols[t];
      if (seen[j] || status[j] === FIXED) continue;
      seen[j] = 1;
      let first = -1;
      let vacuous = false;
      for (let e = starts[j]; e < starts[j + 1] && !vacuous; e++) vacuous = relaxed[indices[e]] === 1;
      if (vacuous) continue;
      for (let e = starts[j]; e < starts[j + 1]; e++) {
        const r = indices[e];
        if (known[r] || parent[r] < 0) continue;
        if (first < 0) first = find(r);
        else {
          const b = find(r);
          if (b !== first) parent[Math.max(b, first)] = Math.min(b, first);
          first = Math.min(b, first);
        }
      }
    }
  // Groups in ascending order of their first row (rows ascend, so a group is opened at its first row).
  const groupOf = new Int32Array(layout.numRows).fill(-1);
  const groups: number[][] = [];
  for (const i of [...rows].sort((a, b) => a - b)) {
    const r = find(i);
    if (groupOf[r] < 0) {
      groupOf[r] = groups.length;
      groups.push([]);
    }
    groups[groupOf[r]].push(i);
  }
  return groups;
}

/**
 * The canonical dual of a free row that no condition links to another free row: the interval its
 * conditions allow, and in it the point the selection LP would take — the cap for a users' price (the
 * highest, not above the cap), minus the cap for a producer or landed price (the lowest, not below it),
 * clamped into the interval. A side row is left to the LP. Null when the interval is empty to rounding.
 */
function closedFormDual(layout: LpLayout, lp: PeriodLp, status: Uint8Array, dual: Float64Array, relaxed: Uint8Array, row: number): number | null {
  if (row >= layout.marketRows) return null;
  const { starts, indices, values, rowStarts, rowCols } = layout;
  let lower = -Infinity;
  let upper = Infinity;
  let scale = 1;
  for (let t = rowStarts[row]; t < rowStarts[row + 1]; t++) {
    const j = rowCols[t];
    if (status[j] === FIXED) continue;
    let rhs = lp.colCost[j];
    let a = 0;
    let vacuous = false;
    for (let e = starts[j]; e < starts[j + 1]; e++) {
      const r = indices[e];
      if (relaxed[r]) vacuous = true;
      else if (r === row) a = values[e];
      else rhs -= values[e] * dual[r];
    }
    if (vacuous || a === 0) continue;
    scale = Math.max(scale, Math.abs(rhs / a));
    const lo = status[j] === LOW ? -Infinity : rhs; // a·y ≥ lo
    const hi = status[j] === UP ? Infinity : rhs; //   a·y ≤ hi
    const [l, u] = a > 0 ? [lo / a, hi / a] : [hi / a, lo / a];
    lower = Math.max(lower, l);
    upper = Math.min(upper, u);
  }
  if (lower > upper + 1e-9 * scale) return null;
  if (lower > upper) return (lower + upper) / 2;
  const cap = layout.chokeMax[layout.rowProduct[row]];
  const target = row < layout.balanceRows ? cap : -cap;
  return Math.min(upper, Math.max(lower, target));
}

/**
 * Free side rows whose dual may fall without bound without violating any reduced-cost condition: every
 * non-fixed column in them is at its lower bound with a positive coefficient or at its upper bound with
 * a negative one (typically the rule of origin of a third country that makes none of the product: its
 * export columns are idle). Such a row switches those columns' conditions off — the route it blocks
 * bounds no price — so neither the row nor those conditions enter the selection LP.
 */
function relaxableSideRows(layout: LpLayout, status: Uint8Array, free: readonly number[]): Uint8Array {
  const relaxed = new Uint8Array(layout.numRows);
  const { rowStarts, rowCols, rowVals } = layout;
  for (const i of free) {
    if (i < layout.marketRows) continue;
    let ok = true;
    for (let k = rowStarts[i]; k < rowStarts[i + 1] && ok; k++) {
      const s = status[rowCols[k]];
      const a = rowVals[k];
      ok = s === FIXED || (s === LOW && a > 0) || (s === UP && a < 0);
    }
    if (ok) relaxed[i] = 1;
  }
  return relaxed;
}

/**
 * Duals of the relaxed side rows, once every other dual is chosen: the largest value ≤ 0 that keeps the
 * reduced-cost conditions of their columns (rents are reported only through the equilibrium check).
 * Lowering one of them never breaks another's condition, so one pass in row order suffices.
 */
function assignRelaxedRents(layout: LpLayout, lp: PeriodLp, status: Uint8Array, dual: Float64Array, free: readonly number[], relaxed: Uint8Array): void {
  const { starts, indices, values, rowStarts, rowCols, rowVals } = layout;
  for (const i of free) {
    if (!relaxed[i]) continue;
    let y = 0;
    for (let k = rowStarts[i]; k < rowStarts[i + 1]; k++) {
      const j = rowCols[k];
      if (status[j] === FIXED) continue;
      let rest = lp.colCost[j];
      for (let e = starts[j]; e < starts[j + 1]; e++) if (indices[e] !== i) rest -= values[e] * dual[indices[e]];
      y = Math.min(y, rest / rowVals[k]);
    }
    dual[i] = y;
  }
}

/** Side rows (quota, origin, shared capacity) with slack or not in force have a zero dual: marks them known. */
function markSlackSideRows(layout: LpLayout, lp: PeriodLp, x: Float64Array, known: Uint8Array): void {
  const { rowStarts, rowCols, rowVals } = layout;
  for (let i = layout.marketRows; i < layout.numRows; i++) {
    const upper = lp.rowUpper[i];
    let activity = 0;
    let size = 0;
    for (let k = rowStarts[i]; k < rowStarts[i + 1]; k++) {
      const v = rowVals[k] * x[rowCols[k]];
      activity += v;
      size += Math.abs(v);
    }
    const binds = Number.isFinite(upper) && activity >= upper - 1e-9 * Math.max(1, size, Math.abs(upper));
    if (!binds) known[i] = 1; // dual 0; a binding row's dual (≤ 0) is free
  }
}

/**
 * The selection LP over the free duals that are left (columns 0..k−1; then one excess column e_r per
 * free market row), minimising −Σ w·y + M·Σ w·e. Each LP column that touches a free dual, is not fixed
 * and touches no relaxed row gives its reduced-cost condition (known duals moved to the right): a bound
 * on the dual when it is the only free one, a row otherwise. One cap row y_r − e_r ≤ cap_r per free
 * market row.
 */
function selectionLp(
  layout: LpLayout,
  lp: PeriodLp,
  status: Uint8Array,
  known: Uint8Array,
  dual: Float64Array,
  relaxed: Uint8Array,
  free: readonly number[],
  slack: number,
): SmallLp {
  const N = layout.marketRows;
  const pos = new Int32Array(layout.numRows);
  free.forEach((i, k) => (pos[i] = k));
  const balanceFree = free.filter((i) => i < N);
  const k = free.length;
  const numCols = k + balanceFree.length;
  const colCost = new Float64Array(numCols);
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols);
  free.forEach((i, c) => {
    colLower[c] = -Infinity;
    colUpper[c] = i < N ? Infinity : 0; // a binding ≤ row's dual is ≤ 0
  });

  // At most one row per multi-entry column of the free rows (a single-entry column gives a bound) plus
  // one cap row per free market row; entries likewise.
  const { starts, indices, values, rowStarts, rowCols } = layout;
  let maxRows = balanceFree.length;
  let maxEntries = 2 * balanceFree.length;
  for (const i of free)
    for (let t = rowStarts[i]; t < rowStarts[i + 1]; t++) {
      const size = starts[rowCols[t] + 1] - starts[rowCols[t]];
      if (size < 2) continue;
      maxRows++;
      maxEntries += size;
    }
  const rowLower = new Float64Array(maxRows);
  const rowUpper = new Float64Array(maxRows);
  // The matrix by rows (CSR), transposed at the end.
  const entryStart = new Int32Array(maxRows + 1);
  const entryCol = new Int32Array(maxEntries);
  const entryVal = new Float64Array(maxEntries);
  let rows = 0;
  let entries = 0;
  const seen = new Uint8Array(layout.numCols);
  const termCol = new Int32Array(layout.numRows);
  const termVal = new Float64Array(layout.numRows);
  for (const i of free)
    for (let t = rowStarts[i]; t < rowStarts[i + 1]; t++) {
      const j = rowCols[t];
      if (seen[j] || status[j] === FIXED) continue;
      seen[j] = 1;
      let rhs = lp.colCost[j];
      let scale = 1 + Math.abs(rhs);
      let vacuous = false;
      let terms = 0;
      for (let e = starts[j]; e < starts[j + 1]; e++) {
        const r = indices[e];
        if (relaxed[r]) vacuous = true;
        else if (known[r]) {
          rhs -= values[e] * dual[r];
          scale += Math.abs(values[e] * dual[r]);
        } else {
          termCol[terms] = pos[r];
          termVal[terms++] = values[e];
        }
      }
      if (vacuous) continue;
      const s = status[j];
      // No slack is no slack, also where the scale is infinite (an infinite cost; 0·∞ would be NaN).
      const pad = slack === 0 ? 0 : slack * scale;
      const lo = s === LOW ? -Infinity : rhs - pad; // a·y ≥ lo
      const hi = s === UP ? Infinity : rhs + pad; //   a·y ≤ hi
      if (terms === 1) {
        const c = termCol[0];
        const a = termVal[0];
        colLower[c] = Math.max(colLower[c], a > 0 ? lo / a : hi / a);
        colUpper[c] = Math.min(colUpper[c], a > 0 ? hi / a : lo / a);
        continue;
      }
      for (let q = 0; q < terms; q++) {
        entryCol[entries] = termCol[q];
        entryVal[entries++] = termVal[q];
      }
      rowLower[rows] = lo;
      rowUpper[rows++] = hi;
      entryStart[rows] = entries;
    }
  const entry = (col: number, val: number): void => {
    entryCol[entries] = col;
    entryVal[entries++] = val;
  };
  balanceFree.forEach((r, t) => {
    const c = pos[r];
    const p = layout.rowProduct[r];
    const w = selectionWeight(layout, r);
    const e = k + t;
    colCost[e] = BEYOND_CAP_PENALTY * w;
    colUpper[e] = Infinity;
    if (r < layout.balanceRows) {
      // Users' prices: the highest, y_r − e_r ≤ cap.
      colCost[c] = -w;
      entry(c, 1);
      entry(e, -1);
      rowLower[rows] = -Infinity;
      rowUpper[rows++] = layout.chokeMax[p];
    } else {
      // Producer and landed prices: the lowest, y_r + e_r ≥ −cap.
      colCost[c] = w;
      entry(c, 1);
      entry(e, 1);
      rowLower[rows] = -layout.chokeMax[p];
      rowUpper[rows++] = Infinity;
    }
    entryStart[rows] = entries;
  });
  const csc = transpose(numCols, entryStart.subarray(0, rows + 1), entryCol.subarray(0, entries), entryVal.subarray(0, entries));
  return {
    numCols,
    numRows: rows,
    colCost,
    colLower,
    colUpper,
    rowLower: rowLower.slice(0, rows),
    rowUpper: rowUpper.slice(0, rows),
    starts: csc.rowStarts,
    indices: csc.rowCols,
    values: csc.rowVals,
  };
}

/** −0 → 0 (a dual of −0 would print as "-0.0000"). */
function finite(dual: Float64Array): Float64Array {
  for (let i = 0; i < dual.length; i++) dual[i] += 0;
  return dual;
}

/**
 * The canonical quantities of a period LP (see the module comment), given an optimal primal `x` and the
 * canonical duals. Returns column values, and whether the QP failed (then `x` is kept).
 */
export function canonicalPrimal(
  layout: LpLayout,
  lp: PeriodLp,
  x: Float64Array,
  dual: Float64Array,
  oneShot: OneShotLp,
): { colValue: Float64Array; freeCols: number; fellBack: boolean } {
  const n = layout.numCols;
  const m = layout.numRows;
  const { starts, indices, values } = layout;
  const value = new Float64Array(n);
  const freeCol = new Int32Array(n).fill(-1);
  const freeCols: number[] = [];
  for (let j = 0; j < n; j++) {
    const upper = lp.colUpper[j];
    if (columnStatus(0, upper) === FIXED) continue;
    let d = lp.colCost[j];
    let scale = Math.max(1, Math.abs(d));
    for (let e = starts[j]; e < starts[j + 1]; e++) {
      const v = values[e] * dual[indices[e]];
      d -= v;
      scale += Math.abs(v);
    }
    const tol = 1e-9 * scale;
    if (d > tol) continue; // stays at 0
    if (d < -tol && Number.isFinite(upper)) value[j] = upper;
    else {
      freeCol[j] = freeCols.length;
      freeCols.push(j);
    }
  }
  if (freeCols.length === 0) return { colValue: x, freeCols: 0, fellBack: false };

  // Rows: every row the free columns touch, with the fixed columns' part moved to the bounds.
  const rowOf = new Int32Array(m).fill(-1);
  const rows: number[] = [];
  for (const j of freeCols)
    for (let e = starts[j]; e < starts[j + 1]; e++)
      if (rowOf[indices[e]] < 0) {
        rowOf[indices[e]] = rows.length;
        rows.push(indices[e]);
      }
  const rowLower = new Float64Array(rows.length);
  const rowUpper = new Float64Array(rows.length);
  rows.forEach((i, k) => {
    let fixedPart = 0;
    for (let t = layout.rowStarts[i]; t < layout.rowStarts[i + 1]; t++) {
      const j = layout.rowCols[t];
      if (freeCol[j] < 0) fixedPart += layout.rowVals[t] * value[j];
    }
    const tight = i >= layout.marketRows && dual[i] < -1e-9 * Math.max(1, Math.abs(lp.rowUpper[i]));
    rowLower[k] = (tight ? lp.rowUpper[i] : lp.rowLower[i]) - fixedPart;
    rowUpper[k] = lp.rowUpper[i] - fixedPart;
  });
  const k = freeCols.length;
  const colStarts = new Int32Array(k + 1);
  const entries: number[] = [];
  const coefs: number[] = [];
  const colUpper = new Float64Array(k);
  const colCost = new Float64Array(k);
  freeCols.forEach((j, c) => {
    for (let e = starts[j]; e < starts[j + 1]; e++) {
      entries.push(rowOf[indices[e]]);
      coefs.push(values[e]);
    }
    colStarts[c + 1] = entries.length;
    colUpper[c] = lp.colUpper[j];
    colCost[c] = 1 + TIE_BREAK * ((j * PHI) % 1);
  });
  const chosen = oneShot.solve({
    numCols: k,
    numRows: rows.length,
    colCost,
    colLower: new Float64Array(k),
    colUpper,
    rowLower,
    rowUpper,
    starts: colStarts,
    indices: Int32Array.from(entries),
    values: Float64Array.from(coefs),
  });
  if (!chosen) return { colValue: x, freeCols: k, fellBack: true };
  freeCols.forEach((j, c) => (value[j] = Math.min(colUpper[c], Math.max(0, chosen[c]))));
  return { colValue: value, freeCols: k, fellBack: false };
}

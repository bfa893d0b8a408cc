/**
 * A bounded dual simplex for the period LP: the engine's own market solver (HiGHS is the reference).
 *
 * Why a solver of our own. A run solves one LP per fixed-point iteration on a fixed matrix; successive
 * LPs differ only in bounds and costs, and most of them are optimal in the previous basis (no pivot at
 * all) or a few dozen pivots away. HiGHS in WebAssembly spends ~3 ms per solve even when no pivot is
 * needed (its set-up of a changed model), which is most of a period's solver time. Here the basis, its
 * factors and the reduced costs stay in typed arrays between solves: a solve that needs no pivot costs
 * one pass over the matrix.
 *
 * The method (textbook: Koberstein, "The dual simplex method, techniques for a fast and stable
 * implementation", 2005):
 * - rows become logical variables r = A·x with the row bounds, so the LP is [A −I]·(x, r) = 0 with bounds
 *   on every variable; the basis is m of the n + m variables;
 * - the basis inverse is a product of eta columns over B₀ = −I (the all-logical basis): reinversion
 *   brings the basic structural columns in one by one, sparsest first, so that triangular parts of the
 *   basis (singletons, transport chains) give etas as sparse as the columns;
 * - dual steepest-edge pricing (exact weights ‖eᵣᵀB⁻¹‖² updated by Forrest–Goldfarb's formula);
 * - the bound-flipping ratio test: a boxed column whose breakpoint the dual step passes flips to its
 *   other bound instead of entering (demand tiers are boxed: one price move crosses many of them);
 * - columns with one entry (demand tiers, holding, disposal, backstops: ~80 % of the period LP) are a
 *   price-step curve of their row: the dual simplex keeps them out of the pivot row and the dual update,
 *   and its ratio test walks each row's curve from the row's dual outwards (the columns sorted by the
 *   dual at which they break even), so a pivot costs what the multi-entry columns cost;
 * - a nonbasic column with a reduced cost of the wrong sign flips to its other bound when it has one;
 *   otherwise its cost is shifted for the duration of the dual simplex (d = 0), and a primal simplex
 *   from the then primal-feasible basis removes the shift (cost shifting, as HiGHS does: artificial
 *   bounds instead put values of the bound's size into x_B and their round-off into the answer);
 * - every solve ends with a recomputation from scratch of x_B, y and d and a check of primal and dual
 *   feasibility to the tolerances below; the solver reports failure (null) rather than a doubtful point,
 *   and the caller (`NativeMarketSolver`, solver.ts) then solves that LP with HiGHS.
 */
import { transpose, type LpLayout } from './layout.js';
import type { LpSolution, PeriodLp } from './solver.js';

/** What the dual simplex needs of an LP's matrix: by columns (CSC) and by rows (CSR). */
export type SparseMatrix = Pick<LpLayout, 'numCols' | 'numRows' | 'starts' | 'indices' | 'values' | 'rowStarts' | 'rowCols' | 'rowVals'>;

/** Primal feasibility tolerance (relative to 1 + |bound|): the canonical selection reads column values at 1e-9. */
const PRIMAL_TOL = 1e-9;
/** Dual feasibility tolerance (relative to 1 + |cost|). */
const DUAL_TOL = 1e-9;
/**
 * Dual feasibility tolerance of the canonical selection's direction LP: its duals are the reported
 * prices, and the canonical quantities read their reduced costs at 1e-9, so they must be exact well
 * below that (an optimum only to 1e-9 left prices 1e-8 off and moved quantities between tied suppliers).
 */
const SELECTION_DUAL_TOL = 1e-12;
/** Smallest |pivot| accepted in the ratio test. */
const PIVOT_TOL = 1e-9;
/** Etas added since the last reinversion before the basis is reinverted. */
const REINVERT_AFTER = 96;
/** Pivots per solve before giving up. */
const MAX_PIVOTS = 20000;

/** The dual simplex state of one run: a basis and its factors, carried from one solve to the next. */
export class DualSimplex {
  private readonly n: number;
  private readonly m: number;
  private readonly starts: Int32Array;
  private readonly indices: Int32Array;
  private readonly values: Float64Array;
  private readonly rowStarts: Int32Array;
  private readonly rowCols: Int32Array;
  private readonly rowVals: Float64Array;

  /** Bounds of the LP (n structural, then m logical variables); its costs, and the working (shifted) costs. */
  private readonly lo: Float64Array;
  private readonly up: Float64Array;
  private readonly trueCost: Float64Array;
  private readonly cost: Float64Array;
  /** Values of nonbasic variables (at a working bound, or 0 when free); basic values are in xB. */
  private readonly x: Float64Array;
  /** Side of each nonbasic variable: 0 at its lower bound (or free), 1 at its upper bound. */
  private readonly side: Uint8Array;
  /** Reduced costs (0 for basic variables). */
  private readonly d: Float64Array;
  /** Row duals y = B⁻ᵀ c_B. */
  private readonly y: Float64Array;
  /** head[p]: the variable basic at position p; pos[j]: its position, −1 when nonbasic. */
  private readonly head: Int32Array;
  private readonly pos: Int32Array;
  private readonly xB: Float64Array;
  /** Dual steepest-edge weights ‖e_pᵀ B⁻¹‖² per position. */
  private readonly weight: Float64Array;

  // Product-form inverse over B₀ = −I: eta k pivots at position etaPos[k] with value etaPivot[k]; its other
  // entries are etaIndex/etaValue[etaStart[k] .. etaStart[k + 1]).
  private etaPos: Int32Array;
  private etaPivot: Float64Array;
  private etaStart: Int32Array;
  private etaIndex: Int32Array;
  private etaValue: Float64Array;
  private etaCount = 0;
  private etasAtReinversion = 0;

  // Work vectors.
  private readonly rho: Float64Array;
  private readonly column: Float64Array;
  private readonly tau: Float64Array;
  private readonly flipWork: Float64Array;
  private readonly alpha: Float64Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  /** Membership marks of the primal simplex's candidate list. */
  private readonly listed: Uint8Array;

  // Columns with one entry: singleRow[j] (−1: several entries) and its coefficient; per row, its single-
  // entry columns sorted by breakpoint cost/coefficient (the row dual at which the column breaks even):
  // singleCols[singleStart[i] .. singleStart[i + 1]), breakpoints in singleBp, sorted with sortedCost.
  private readonly singleRow: Int32Array;
  private readonly singleCoef: Float64Array;
  private readonly singleStart: Int32Array;
  private readonly singleCols: Int32Array;
  private readonly singleBp: Float64Array;
  private readonly sortedCost: Float64Array;
  /** Rows whose single-entry columns sortSingles sorts again. */
  private readonly staleRows: Uint8Array;
  // The matrix by rows without the single-entry columns.
  private readonly multiStarts: Int32Array;
  private readonly multiCols: Int32Array;
  private readonly multiVals: Float64Array;
  /** Rows where ρ ≠ 0 in the current pivot row. */
  private readonly rhoRows: Int32Array;
  private rhoCount = 0;
  /** Per heap entry of a single-entry column: its index in singleCols and the walking direction (±1). */
  private readonly candPos: Int32Array;
  private readonly candDir: Int8Array;
  private readonly inTouched: Uint8Array;
  private readonly candJ: Int32Array;
  private readonly candR: Float64Array;
  private readonly heap: Int32Array;
  private readonly flips: Int32Array;

  /** Dual feasibility tolerance in force (relative to 1 + |cost|). */
  private dualTol = DUAL_TOL;
  /** Whether the last solve ended optimal (x_B, y, d then belong to its LP). */
  private settled = false;
  /** Pivots and bound flips of the last solve, dual and primal (the solver's iteration count). */
  lastPivots = 0;
  /** Why the last solve failed ('' when it did not). */
  lastFailure = '';

  /**
   * `auxCost`: the last auxCost.length columns of the matrix are auxiliary, fixed at 0 in every LP
   * solved (solve() takes bounds and costs of the others) with these costs; only the canonical
   * selection (selectDuals) opens them.
   */
  constructor(
    layout: SparseMatrix,
    private readonly auxCost: Float64Array = new Float64Array(0),
  ) {
    const n = layout.numCols;
    const m = layout.numRows;
    this.n = n;
    this.m = m;
    this.starts = layout.starts;
    this.indices = layout.indices;
    this.values = layout.values;
    this.rowStarts = layout.rowStarts;
    this.rowCols = layout.rowCols;
    this.rowVals = layout.rowVals;
    const N = n + m;
    this.lo = new Float64Array(N);
    this.up = new Float64Array(N);
    this.trueCost = new Float64Array(N);
    this.cost = new Float64Array(N);
    this.x = new Float64Array(N);
    this.side = new Uint8Array(N);
    this.d = new Float64Array(N);
    this.y = new Float64Array(m);
    this.head = new Int32Array(m);
    this.pos = new Int32Array(N);
    this.xB = new Float64Array(m);
    this.weight = new Float64Array(m);
    this.reset();
    const etaCap = m + REINVERT_AFTER + 16;
    this.etaPos = new Int32Array(etaCap);
    this.etaPivot = new Float64Array(etaCap);
    this.etaStart = new Int32Array(etaCap + 1);
    this.etaIndex = new Int32Array(8 * m + 64);
    this.etaValue = new Float64Array(8 * m + 64);
    this.rho = new Float64Array(m);
    this.column = new Float64Array(m);
    this.tau = new Float64Array(m);
    this.flipWork = new Float64Array(m);
    this.alpha = new Float64Array(N);
    this.touched = new Int32Array(N);
    this.inTouched = new Uint8Array(N);
    this.listed = new Uint8Array(N);
    this.rhoRows = new Int32Array(m);
    this.candPos = new Int32Array(N);
    this.candDir = new Int8Array(N);
    // Single-entry columns by row (their curves), and the other columns by row.
    this.singleRow = new Int32Array(n).fill(-1);
    this.singleCoef = new Float64Array(n);
    const single = (j: number) => this.starts[j + 1] - this.starts[j] === 1;
    for (let j = 0; j < n; j++) {
      if (!single(j)) continue;
      this.singleRow[j] = this.indices[this.starts[j]];
      this.singleCoef[j] = this.values[this.starts[j]];
    }
    const curves = transpose(m, this.starts, this.indices, this.values, single);
    this.singleStart = curves.rowStarts;
    this.singleCols = curves.rowCols;
    this.singleBp = new Float64Array(this.singleCols.length);
    this.sortedCost = new Float64Array(n).fill(NaN);
    this.staleRows = new Uint8Array(m);
    const multi = transpose(m, this.starts, this.indices, this.values, (j) => !single(j));
    this.multiStarts = multi.rowStarts;
    this.multiCols = multi.rowCols;
    this.multiVals = multi.rowVals;
    this.candJ = new Int32Array(N);
    this.candR = new Float64Array(N);
    this.heap = new Int32Array(N);
    this.flips = new Int32Array(N);
  }

  /** Solves the LP from the current basis; null when no optimum could be certified (the caller falls back). */
  solve(lp: PeriodLp): LpSolution | null {
    // Same bounds as the last LP, solved: x_B still holds (the fixed point's iterations change costs only).
    const keepPrimal = !this.load(lp) && this.settled;
    this.settled = false;
    this.lastPivots = 0;
    if (!this.optimise(keepPrimal)) return null;
    this.settled = true;
    return this.solution();
  }

  /**
   * The duals that maximise Σ δᵢ·yᵢ − Σ_k u_k·max(0, d_k) over the optimal duals of the LP just solved
   * (d_k the reduced cost of auxiliary column k, −d_k its shortfall), from its optimal basis; null when
   * the last solve did not end optimal or the selection could not be certified.
   *
   * Why this is the selection. For min cᵀx, Ax = b, the optimal value v(b) is convex and its directional
   * derivative in direction δ is max δᵀy over the optimal duals — and equally min cᵀz over the directions
   * z that stay feasible at the optimal x (A z = δ, z ≥ 0 where x is at its lower bound, z ≤ 0 at its
   * upper bound, z = 0 where both, z free strictly inside). That "direction LP" has this LP's matrix and
   * costs and only other bounds, and the optimal basis is dual feasible for it: the dual simplex carries on
   * from it, usually with a few pivots. An auxiliary column (fixed at 0 in every LP) gets the bounds
   * [0, u_k] in the direction LP: its cost caps the dual of its row, above which the dual pays u_k per
   * unit. `atBound(scale)`: how close to a bound of that size a value counts as at it (the statuses, read
   * as the caller reads them from a solution).
   */
  selectDuals(delta: Float64Array, auxUpper: Float64Array, atBound: (scale: number) => number): Float64Array | null {
    if (!this.settled) return null;
    this.settled = false; // the bounds below are the direction LP's; the next solve reloads its own
    const { n, m, lo, up, pos } = this;
    if (auxUpper.length !== this.auxCost.length) throw new Error('selectDuals: one bound per auxiliary column');
    const firstAux = n - auxUpper.length;
    for (let j = 0; j < n + m; j++) {
      const l = lo[j];
      const u = up[j];
      if (j >= firstAux && j < n) {
        lo[j] = 0;
        up[j] = auxUpper[j - firstAux];
      } else if (j >= n && l === u) {
        lo[j] = delta[j - n]; // an equality row: its right-hand side moves by δ
        up[j] = delta[j - n];
      } else {
        const v = this.valueOf(j);
        // The caller's tolerances (canonical.ts): columns relative to their bounds, a row to its terms too.
        const scale = j < n ? Math.max(finiteAbs(l), finiteAbs(u)) : Math.max(finiteAbs(u), finiteAbs(l), this.rowSize(j - n));
        const tol = atBound(scale);
        const atLower = v - l <= tol;
        const atUpper = u - v <= tol;
        lo[j] = atLower ? 0 : -Infinity;
        up[j] = atUpper ? 0 : Infinity;
      }
      if (pos[j] < 0) this.placeNonbasic(j);
    }
    this.lastPivots = 0;
    this.dualTol = SELECTION_DUAL_TOL;
    try {
      // Same basis and costs as the solve that just ended (its y and d are fresh): only x_B is new.
      if (!this.optimise(false, true)) return null;
    } finally {
      this.dualTol = DUAL_TOL;
    }
    return this.y.slice();
  }

  /** The current value of variable j (basic or not). */
  private valueOf(j: number): number {
    return this.pos[j] >= 0 ? this.xB[this.pos[j]] : this.x[j];
  }

  /** Σ|a_ij·x_j| over row i: the size of its activity's terms. */
  private rowSize(i: number): number {
    let size = 0;
    for (let k = this.rowStarts[i]; k < this.rowStarts[i + 1]; k++) size += Math.abs(this.rowVals[k] * this.valueOf(this.rowCols[k]));
    return size;
  }

  /**
   * Optimises the loaded LP from the current basis: dual simplex (after putting the nonbasic variables
   * on the sides their reduced costs ask for, shifting costs where there is no such bound), a primal
   * simplex when costs were shifted, and a check on values recomputed from the factors; retried on fresh
   * factors a few times. False when no optimum could be certified (lastFailure says why).
   */
  private optimise(keepPrimal: boolean, keepDual = false): boolean {
    this.lastFailure = '';
    for (let round = 0; round < 6; round++) {
      this.recompute(false, round === 0 && keepPrimal, round === 0 && keepDual);
      const { moved, shifted } = this.makeDualFeasible();
      if (moved) this.recomputePrimal();
      const pivotsBefore = this.lastPivots;
      if (this.dualSimplex() === 'fail') return false;
      if (shifted) {
        this.cost.set(this.trueCost);
        this.recomputeDual();
        if (this.primalSimplex() === 'fail') return false;
      }
      // Verify on values recomputed from the factors (already fresh when nothing moved since).
      if (shifted || this.lastPivots > pivotsBefore) this.recompute();
      // The checks compare with tolerances, which a NaN passes: a non-finite x_B or y is no optimum (and
      // fresh factors will not make it one).
      if (!this.xB.every(Number.isFinite) || !this.y.every(Number.isFinite)) {
        this.lastFailure = 'non-finite values';
        return false;
      }
      if (this.dualInfeasible() || this.primalInfeasible()) {
        this.lastFailure = 'not optimal when recomputed';
        if (this.etasSinceReinversion > 0) this.reinvert(); // the next round starts on fresh factors
        continue;
      }
      this.lastFailure = '';
      return true;
    }
    this.lastFailure ||= 'rounds exhausted';
    return false;
  }

  /** Discards the basis (back to all logical): after a failure, the next solve starts afresh. */
  reset(): void {
    const { n, m } = this;
    this.pos.fill(-1);
    for (let i = 0; i < m; i++) {
      this.head[i] = n + i;
      this.pos[n + i] = i;
    }
    this.side.fill(0);
    this.weight.fill(1);
    this.settled = false;
    this.etaCount = 0;
    this.etasAtReinversion = 0;
  }

  /** Loads the LP's bounds and costs; returns whether any bound changed since the last LP. */
  private load(lp: PeriodLp): boolean {
    const { n, m, lo, up, trueCost } = this;
    const own = n - this.auxCost.length;
    let changed = false;
    for (let j = 0; j < own; j++) {
      if (lo[j] !== lp.colLower[j] || up[j] !== lp.colUpper[j]) changed = true;
      lo[j] = lp.colLower[j];
      up[j] = lp.colUpper[j];
    }
    for (let j = own; j < n; j++) {
      if (lo[j] !== 0 || up[j] !== 0) changed = true;
      lo[j] = 0;
      up[j] = 0;
    }
    trueCost.set(lp.colCost);
    trueCost.set(this.auxCost, own);
    for (let i = 0; i < m; i++) {
      if (lo[n + i] !== lp.rowLower[i] || up[n + i] !== lp.rowUpper[i]) changed = true;
      lo[n + i] = lp.rowLower[i];
      up[n + i] = lp.rowUpper[i];
      trueCost[n + i] = 0;
    }
    this.cost.set(trueCost);
    if (changed) for (let j = 0; j < n + m; j++) if (this.pos[j] < 0) this.placeNonbasic(j);
    return changed;
  }

  /** Puts nonbasic j at the bound of its side (the other one when that side is infinite). */
  private placeNonbasic(j: number): void {
    const l = this.lo[j];
    const u = this.up[j];
    if (this.side[j] === 1 && u < Infinity) this.x[j] = u;
    else if (l > -Infinity) {
      this.side[j] = 0;
      this.x[j] = l;
    } else if (u < Infinity) {
      this.side[j] = 1;
      this.x[j] = u;
    } else {
      this.side[j] = 0;
      this.x[j] = 0;
    }
  }

  /**
   * x_B, y and d from scratch, after a reinversion when one is due (REINVERT_AFTER etas since the last)
   * or asked for (`fresh`: numerical trouble, decided on fresh factors). With `keepPrimal` x_B is kept,
   * with `keepDual` y and d, unless the factors were renewed (a reinversion renumbers the positions).
   */
  private recompute(fresh = false, keepPrimal = false, keepDual = false): void {
    const since = this.etasSinceReinversion;
    const reinvert = (fresh && since > 0) || since >= REINVERT_AFTER || this.etaCount === 0;
    if (reinvert) this.reinvert();
    if (reinvert || !keepPrimal) this.recomputePrimal();
    if (reinvert || !keepDual) this.recomputeDual();
  }

  private get etasSinceReinversion(): number {
    return this.etaCount - this.etasAtReinversion;
  }

  /** Whether j has no bound at all. */
  private isFree(j: number): boolean {
    return this.lo[j] === -Infinity && this.up[j] === Infinity;
  }

  /** x_B = B⁻¹(−N·x_N). */
  private recomputePrimal(): void {
    const { n, m, x, pos, starts, indices, values, singleRow, singleCoef } = this;
    const rhs = this.xB;
    rhs.fill(0);
    for (let j = 0; j < n; j++) {
      const v = x[j];
      if (v === 0 || pos[j] >= 0) continue;
      const i = singleRow[j];
      if (i >= 0) rhs[i] -= singleCoef[j] * v; // most columns: their one entry without the matrix's indirection
      else for (let e = starts[j]; e < starts[j + 1]; e++) rhs[indices[e]] -= values[e] * v;
    }
    for (let i = 0; i < m; i++) if (pos[n + i] < 0) rhs[i] += x[n + i];
    this.ftran(rhs);
  }

  /**
   * y = B⁻ᵀ c_B, with one step of iterative refinement, and d = c − [A −I]ᵀ y. The refinement matters:
   * bases of this LP chain processes with small coefficients (recipe shares of 1 %), and the product-form
   * factors alone gave duals 1e-8 off (relative), which the canonical selection reads as different
   * statuses.
   */
  private recomputeDual(): void {
    const { n, m, y, d, cost, head, pos, starts, indices, values, singleRow, singleCoef } = this;
    for (let p = 0; p < m; p++) y[p] = cost[head[p]];
    this.btran(y);
    // Residual of the basic columns' conditions c_B − Bᵀy (by position), solved on the same factors.
    const residual = this.tau;
    for (let p = 0; p < m; p++) {
      const j = head[p];
      let v = cost[j];
      if (j < n) for (let e = starts[j]; e < starts[j + 1]; e++) v -= values[e] * y[indices[e]];
      else v += y[j - n];
      residual[p] = v;
    }
    this.btran(residual);
    for (let i = 0; i < m; i++) y[i] += residual[i];
    for (let j = 0; j < n; j++) {
      if (pos[j] >= 0) {
        d[j] = 0;
        continue;
      }
      const i = singleRow[j];
      if (i >= 0) {
        d[j] = cost[j] - singleCoef[j] * y[i];
        continue;
      }
      let v = cost[j];
      for (let e = starts[j]; e < starts[j + 1]; e++) v -= values[e] * y[indices[e]];
      d[j] = v;
    }
    for (let i = 0; i < m; i++) d[n + i] = pos[n + i] >= 0 ? 0 : y[i];
  }

  /**
   * Puts every nonbasic variable on the side its reduced cost asks for; where that side has no bound,
   * shifts the variable's working cost instead so that its reduced cost is 0.
   */
  private makeDualFeasible(): { moved: boolean; shifted: boolean } {
    const { n, m, pos, d, lo, up, side, x, cost } = this;
    let moved = false;
    let shifted = false;
    const dualTol = this.dualTol;
    for (let j = 0; j < n + m; j++) {
      // Within the tolerance's floor (it is dualTol·(1 + |cost|)) nothing moves: most columns stop here.
      if ((d[j] <= dualTol && d[j] >= -dualTol) || pos[j] >= 0 || lo[j] === up[j]) continue;
      const tol = dualTol * (1 + Math.abs(cost[j]));
      const wantsUpper = d[j] < -tol && (side[j] === 0 || lo[j] === -Infinity);
      const wantsLower = d[j] > tol && (side[j] === 1 || lo[j] === -Infinity);
      if (!wantsUpper && !wantsLower) continue;
      const bound = wantsUpper ? up[j] : lo[j];
      if (Number.isFinite(bound)) {
        side[j] = wantsUpper ? 1 : 0;
        x[j] = bound;
        moved = true;
      } else {
        cost[j] -= d[j];
        d[j] = 0;
        shifted = true;
      }
    }
    return { moved, shifted };
  }

  /** Dual simplex iterations from a dual-feasible basis until x_B is within its bounds. */
  private dualSimplex(): 'optimal' | 'fail' {
    this.sortSingles();
    const status = this.dualIterations();
    this.refreshSingles();
    return status;
  }

  private dualIterations(): 'optimal' | 'fail' {
    const { m, xB, head, lo, up, alpha, d, x, side } = this;
    for (;;) {
      const p = this.chooseLeaving();
      if (p < 0) return 'optimal';
      if (++this.lastPivots > MAX_PIVOTS) {
        this.lastFailure = 'pivot limit';
        return 'fail';
      }
      const leaving = head[p];
      const below = xB[p] < lo[leaving];
      const s = below ? 1 : -1;
      const target = below ? lo[leaving] : up[leaving];
      // ρ = e_pᵀ B⁻¹ and the pivot row α = ρᵀ[A −I] over nonbasic columns.
      const rho = this.rho;
      rho.fill(0);
      rho[p] = 1;
      this.btran(rho);
      this.pivotRow(rho, true);
      const { q, step, nFlips } = this.ratioTest(s, Math.abs(xB[p] - target));
      if (q < 0) {
        this.clearTouched();
        if (this.etasSinceReinversion > 0) {
          this.recompute(true); // round-off of the updates, or a real infeasibility: decide on fresh values
          continue;
        }
        this.lastFailure = `no entering column (row ${p}, variable ${leaving}, infeasibility ${xB[p] - target})`;
        return 'fail';
      }
      // The entering column α_q = B⁻¹ a_q; its pivot must agree with the row's.
      const col = this.column;
      this.loadColumn(q, col);
      this.ftran(col);
      const pivot = col[p];
      const alphaQ = this.rowAlpha(q);
      if (Math.abs(pivot) < PIVOT_TOL || Math.abs(pivot - alphaQ) > 1e-7 * (1 + Math.abs(pivot))) {
        this.clearTouched();
        if (this.etasSinceReinversion === 0) {
          this.lastFailure = `unstable pivot ${pivot} vs ${alphaQ}`;
          return 'fail';
        }
        this.recompute(true);
        continue;
      }
      // Dual step: y −= θρ; the multi-entry columns' reduced costs by their α, the single-entry ones later
      // from y (refreshSingles).
      const theta = s * step;
      for (let k = 0; k < this.touchedCount; k++) {
        const j = this.touched[k];
        d[j] += theta * alpha[j];
      }
      for (let t = 0; t < this.rhoCount; t++) {
        const i = this.rhoRows[t];
        this.y[i] -= theta * rho[i];
      }
      d[q] = 0;
      d[leaving] = theta;
      // Bound flips, then the primal step onto the leaving variable's bound.
      if (nFlips > 0) {
        const work = this.flipWork;
        work.fill(0);
        for (let k = 0; k < nFlips; k++) {
          const j = this.flips[k];
          const to = side[j] === 0 ? up[j] : lo[j];
          const delta = to - x[j];
          side[j] = side[j] === 0 ? 1 : 0;
          x[j] = to;
          this.addColumn(j, delta, work);
        }
        this.ftran(work);
        for (let i = 0; i < m; i++) xB[i] -= work[i];
      }
      this.clearTouched();
      this.changeBasis(p, q, (xB[p] - target) / pivot, below ? 0 : 1);
    }
  }

  /**
   * Primal simplex iterations from a primal-feasible basis until no reduced cost has the wrong sign (it
   * removes the cost shifts of `makeDualFeasible`; usually a handful of pivots). Dantzig pricing, Harris's
   * two-pass ratio test, and the entering variable's own bound flip.
   */
  private primalSimplex(): 'optimal' | 'fail' {
    const { n, m, xB, head, lo, up, alpha, d, x, side } = this;
    // Pricing scans a candidate list: the variables with the wrong sign now, plus every variable whose
    // reduced cost a pivot changes (the pivot row's), instead of all n + m on every pivot.
    const list = this.candJ;
    const listed = this.listed;
    let size = 0;
    for (let j = 0; j < n + m; j++) if (this.improving(j)) list[size++] = j;
    for (let k = 0; k < size; k++) listed[list[k]] = 2;
    const release = () => {
      for (let k = 0; k < size; k++) listed[list[k]] = 0;
    };
    for (;;) {
      let q = -1;
      let best = 0;
      let kept = 0;
      for (let k = 0; k < size; k++) {
        const j = list[k];
        if (!this.improving(j)) {
          listed[j] = 0;
          continue;
        }
        list[kept++] = j;
        if (d[j] * d[j] > best) {
          best = d[j] * d[j];
          q = j;
        }
      }
      size = kept;
      if (q < 0) {
        release();
        return 'optimal';
      }
      if (++this.lastPivots > MAX_PIVOTS) {
        release();
        this.lastFailure = 'pivot limit';
        return 'fail';
      }
      const dir = d[q] < 0 ? 1 : -1;
      const col = this.column;
      this.loadColumn(q, col);
      this.ftran(col);
      // x_B(θ) = x_B − θ·dir·α_q. Harris pass 1: the largest step with every bound relaxed by its tolerance.
      let limit = Infinity;
      for (let i = 0; i < m; i++) {
        const rate = -dir * col[i];
        if (Math.abs(rate) < PIVOT_TOL) continue;
        const j = head[i];
        const room = rate < 0 ? xB[i] - lo[j] + PRIMAL_TOL * (1 + Math.abs(lo[j])) : up[j] - xB[i] + PRIMAL_TOL * (1 + Math.abs(up[j]));
        if (room < Infinity) limit = Math.min(limit, room / Math.abs(rate));
      }
      // Pass 2: among the bounds reached within that step, the largest |rate| leaves.
      let p = -1;
      let bestRate = 0;
      for (let i = 0; i < m; i++) {
        const rate = -dir * col[i];
        if (Math.abs(rate) < PIVOT_TOL) continue;
        const j = head[i];
        const room = rate < 0 ? xB[i] - lo[j] : up[j] - xB[i];
        if (room / Math.abs(rate) <= limit && Math.abs(rate) > bestRate) {
          bestRate = Math.abs(rate);
          p = i;
        }
      }
      const width = up[q] - lo[q];
      if (p < 0 && width === Infinity) {
        release();
        this.lastFailure = `unbounded direction (variable ${q})`;
        return 'fail';
      }
      let theta = 0;
      if (p >= 0) {
        const j = head[p];
        const rate = -dir * col[p];
        theta = Math.max(0, rate < 0 ? xB[p] - lo[j] : up[j] - xB[p]) / Math.abs(rate);
      }
      if (p < 0 || width <= theta) {
        // The entering variable reaches its other bound first: a flip, no basis change.
        for (let i = 0; i < m; i++) if (col[i] !== 0) xB[i] -= dir * width * col[i];
        side[q] = side[q] === 0 ? 1 : 0;
        x[q] = side[q] === 1 ? up[q] : lo[q];
        continue;
      }
      const leaving = head[p];
      const toLower = -dir * col[p] < 0;
      const pivot = col[p];
      // The pivot row updates the reduced costs: d_j −= (d_q / α_pq)·α_pj.
      const rho = this.rho;
      rho.fill(0);
      rho[p] = 1;
      this.btran(rho);
      this.pivotRow(rho, false);
      if (Math.abs(pivot - alpha[q]) > 1e-7 * (1 + Math.abs(pivot))) {
        this.clearTouched();
        if (this.etasSinceReinversion === 0) {
          release();
          this.lastFailure = `unstable pivot ${pivot} vs ${alpha[q]}`;
          return 'fail';
        }
        this.recompute(true);
        // Fresh reduced costs: price everything again.
        release();
        size = 0;
        for (let j = 0; j < n + m; j++) if (this.improving(j)) list[size++] = j;
        for (let k = 0; k < size; k++) listed[list[k]] = 2;
        continue;
      }
      // Every column whose reduced cost moved joins the candidate list if it now pays to move it.
      const ratio = d[q] / pivot;
      const touched = this.touched;
      for (let k = 0; k < this.touchedCount; k++) {
        const j = touched[k];
        d[j] -= ratio * alpha[j];
      }
      for (let k = 0; k < this.touchedCount; k++) {
        const j = touched[k];
        if (listed[j] !== 2 && this.improving(j)) {
          listed[j] = 2;
          list[size++] = j;
        }
      }
      this.clearTouched();
      d[q] = 0;
      d[leaving] = -ratio;
      if (listed[leaving] !== 2) {
        listed[leaving] = 2; // priced once it is nonbasic (below)
        list[size++] = leaving;
      }
      this.changeBasis(p, q, dir * theta, toLower ? 0 : 1);
    }
  }

  /**
   * The pivot at position p with entering variable q (its column B⁻¹a_q in `column`, ρ = e_pᵀB⁻¹ in
   * `rho`, both before the pivot): x_B moves by `step` along the column, q enters at x_q + step, the
   * leaving variable goes to its bound on `leavingSide`; weights, eta file and, when due, the factors.
   */
  private changeBasis(p: number, q: number, step: number, leavingSide: number): void {
    const { m, xB, x, head, pos, side, lo, up, column: col } = this;
    const pivot = col[p];
    for (let i = 0; i < m; i++) if (col[i] !== 0) xB[i] -= step * col[i];
    const enteringValue = x[q] + step;
    this.updateWeights(p, this.rho, col, pivot);
    const leaving = head[p];
    x[leaving] = leavingSide === 0 ? lo[leaving] : up[leaving];
    side[leaving] = leavingSide;
    pos[leaving] = -1;
    head[p] = q;
    pos[q] = p;
    xB[p] = enteringValue;
    this.appendEta(p, col);
    if (this.etasSinceReinversion >= REINVERT_AFTER) this.recompute();
  }

  /** Dual steepest-edge weights after a pivot at position p (ρ = e_pᵀB⁻¹, α_q = B⁻¹a_q, both before it). */
  private updateWeights(p: number, rho: Float64Array, col: Float64Array, pivot: number): void {
    const m = this.m;
    let wp = 0;
    for (let i = 0; i < m; i++) wp += rho[i] * rho[i];
    const tau = this.tau;
    tau.set(rho);
    this.ftran(tau);
    const weight = this.weight;
    for (let i = 0; i < m; i++) {
      if (i === p || col[i] === 0) continue;
      const r = col[i] / pivot;
      weight[i] = Math.max(weight[i] + r * (r * wp - 2 * tau[i]), 1e-6);
    }
    weight[p] = Math.max(wp / (pivot * pivot), 1e-6);
  }

  /** The basic position of largest infeasibility² / weight, or −1 when x_B is within its working bounds. */
  private chooseLeaving(): number {
    const { m, xB, head, lo, up, weight } = this;
    let best = -1;
    let bestScore = 0;
    for (let p = 0; p < m; p++) {
      const j = head[p];
      const v = xB[p];
      const l = lo[j];
      const u = up[j];
      let infeasible = 0;
      if (v < l - PRIMAL_TOL * (1 + Math.abs(l))) infeasible = l - v;
      else if (v > u + PRIMAL_TOL * (1 + Math.abs(u))) infeasible = v - u;
      else continue;
      const score = (infeasible * infeasible) / weight[p];
      if (score > bestScore) {
        bestScore = score;
        best = p;
      }
    }
    return best;
  }

  /**
   * α_j = ρᵀ a_j for every nonbasic variable reached through the rows where ρ ≠ 0 (list in `touched`;
   * the rows in `rhoRows`). With `multiOnly` the single-entry columns are left out (the dual simplex
   * reads them from their rows' curves).
   */
  private pivotRow(rho: Float64Array, multiOnly: boolean): void {
    const { n, m, pos, alpha, touched, inTouched, rhoRows } = this;
    const rowStarts = multiOnly ? this.multiStarts : this.rowStarts;
    const rowCols = multiOnly ? this.multiCols : this.rowCols;
    const rowVals = multiOnly ? this.multiVals : this.rowVals;
    let count = 0;
    let rows = 0;
    for (let i = 0; i < m; i++) {
      const r = rho[i];
      if (r === 0) continue;
      rhoRows[rows++] = i;
      for (let t = rowStarts[i]; t < rowStarts[i + 1]; t++) {
        const j = rowCols[t];
        if (pos[j] >= 0) continue;
        if (!inTouched[j]) {
          inTouched[j] = 1;
          alpha[j] = 0;
          touched[count++] = j;
        }
        alpha[j] += r * rowVals[t];
      }
      const logical = n + i;
      if (pos[logical] < 0) {
        inTouched[logical] = 1;
        alpha[logical] = -r;
        touched[count++] = logical;
      }
    }
    this.touchedCount = count;
    this.rhoCount = rows;
  }

  /** α_q of the current pivot row (single-entry columns are not in `alpha` in the dual simplex). */
  private rowAlpha(q: number): number {
    const i = q < this.n ? this.singleRow[q] : -1;
    return i >= 0 ? this.rho[i] * this.singleCoef[q] : this.alpha[q];
  }

  /** Sorts each row's single-entry columns by breakpoint again where a working cost changed. */
  private sortSingles(): void {
    const { n, m, singleRow, singleStart, singleCols, singleBp, singleCoef, sortedCost, cost } = this;
    // Rows with a single-entry column whose working cost is not the one it was sorted by (one pass in
    // column order: most solves change no such cost).
    const stale = this.staleRows;
    stale.fill(0);
    let any = false;
    for (let j = 0; j < n; j++) {
      if (sortedCost[j] === cost[j] || singleRow[j] < 0) continue;
      stale[singleRow[j]] = 1;
      any = true;
    }
    if (!any) return;
    for (let i = 0; i < m; i++) {
      if (!stale[i]) continue;
      const from = singleStart[i];
      const to = singleStart[i + 1];
      const cols = Array.from(singleCols.subarray(from, to));
      const bp = (j: number) => cost[j] / singleCoef[j];
      cols.sort((a, b) => bp(a) - bp(b) || a - b);
      cols.forEach((j, k) => {
        singleCols[from + k] = j;
        singleBp[from + k] = bp(j);
        sortedCost[j] = cost[j];
      });
    }
  }

  /** Reduced costs of the nonbasic single-entry columns from y (the dual simplex leaves them stale). */
  private refreshSingles(): void {
    const { n, singleRow, singleCoef, pos, d, cost, y } = this;
    for (let j = 0; j < n; j++) {
      const i = singleRow[j];
      if (i >= 0 && pos[j] < 0) d[j] = cost[j] - singleCoef[j] * y[i];
    }
  }

  /** Clears pivotRow's marks. */
  private clearTouched(): void {
    for (let k = 0; k < this.touchedCount; k++) this.inTouched[this.touched[k]] = 0;
    this.touchedCount = 0;
  }

  /** Whether nonbasic j's reduced cost has the sign that makes moving it off its bound pay. */
  private improving(j: number): boolean {
    if (this.pos[j] >= 0 || this.lo[j] === this.up[j]) return false;
    const dj = this.d[j];
    const tol = this.dualTol * (1 + Math.abs(this.cost[j]));
    return dj < -tol ? this.side[j] === 0 || this.isFree(j) : dj > tol ? this.side[j] === 1 || this.isFree(j) : false;
  }

  /**
   * Bound-flipping ratio test for a leaving variable infeasible by `slope0`, moving its reduced cost in
   * direction s: the entering column q, the dual step, and the columns to flip (in `flips`). The
   * breakpoints are a heap of candidate entries: every multi-entry column of the pivot row, and per row
   * with ρ ≠ 0 the next single-entry column ahead on its curve (its successor joins when it is passed).
   */
  private ratioTest(s: number, slope0: number): { q: number; step: number; nFlips: number } {
    const { touched, alpha, d, side, lo, up, cost, candJ, candR, candPos, heap } = this;
    let entries = 0;
    for (let t = 0; t < this.touchedCount; t++) {
      const j = touched[t];
      if (lo[j] === up[j]) continue;
      const a = s * alpha[j];
      if (Math.abs(a) < PIVOT_TOL) continue;
      let r: number;
      if (this.isFree(j)) r = Math.abs(d[j]) / Math.abs(a);
      else if (side[j] === 0 && a < 0) r = Math.max(0, d[j]) / -a;
      else if (side[j] === 1 && a > 0) r = Math.max(0, -d[j]) / a;
      else continue;
      candJ[entries] = j;
      candR[entries] = r;
      candPos[entries] = -1;
      entries++;
    }
    for (let t = 0; t < this.rhoCount; t++) {
      const i = this.rhoRows[t];
      const sr = s * this.rho[i];
      // y_i(t) = y_i − t·s·ρ_i: the curve is walked downwards when s·ρ_i > 0.
      const dir = sr > 0 ? -1 : 1;
      entries = this.singleAhead(i, this.firstAhead(i, dir), dir, sr, entries);
    }
    let size = 0;
    for (let e = 0; e < entries; e++) heap[size++] = e;
    for (let h = (size >> 1) - 1; h >= 0; h--) siftDown(heap, candR, candJ, h, size);
    const pop = (): number => {
      const e = heap[0];
      heap[0] = heap[--size];
      siftDown(heap, candR, candJ, 0, size);
      if (candPos[e] >= 0) {
        // A single-entry column passed: the next one ahead on its row's curve becomes a candidate.
        const j = candJ[e];
        const i = this.singleRow[j];
        const dir = this.candDir[e];
        const before = entries;
        entries = this.singleAhead(i, candPos[e] + dir, dir, s * this.rho[i], entries);
        if (entries > before) {
          heap[size++] = before;
          siftUp(heap, candR, candJ, size - 1);
        }
      }
      return e;
    };
    let slope = slope0;
    let nFlips = 0;
    while (size > 0) {
      const e = pop();
      const r = candR[e];
      const j = candJ[e];
      const aj = Math.abs(this.rowAlpha(j));
      const width = up[j] - lo[j];
      if (width < Infinity) {
        // Flip while the infeasibility left is more than round-off; a flip that would close it exactly
        // (the last column of a curve that must empty completely) enters instead.
        const next = slope - aj * width;
        if (next > PRIMAL_TOL * (1 + slope0)) {
          slope = next;
          this.flips[nFlips++] = j;
          continue;
        }
      }
      // j's breakpoint stops the dual step. Harris: among breakpoints within the dual tolerance of it, the
      // largest |α| enters (the others end up dual infeasible by less than the tolerance).
      let q = j;
      let best = aj;
      const limit = r + (this.dualTol * (1 + Math.abs(cost[j]))) / best;
      while (size > 0 && candR[heap[0]] <= limit) {
        const j2 = candJ[pop()];
        const a2 = Math.abs(this.rowAlpha(j2));
        if (a2 > best) {
          best = a2;
          q = j2;
        }
      }
      return { q, step: r, nFlips };
    }
    return { q: -1, step: 0, nFlips };
  }

  /** Index of the first single-entry column of row i at or ahead of y_i (within the dual tolerance) walking in `dir`. */
  private firstAhead(i: number, dir: number): number {
    const { singleStart, singleBp } = this;
    const y = this.y[i];
    const slack = this.dualTol * (1 + Math.abs(y));
    let lo = singleStart[i];
    let hi = singleStart[i + 1];
    if (dir > 0) {
      // first index with bp ≥ y − slack
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (singleBp[mid] < y - slack) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    }
    // last index with bp ≤ y + slack
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (singleBp[mid] <= y + slack) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /**
   * Adds the first candidate among row i's single-entry columns from index k on, walking in `dir`: a
   * nonbasic, non-fixed column whose reduced cost the step moves towards the wrong sign. Returns the
   * new number of entries.
   */
  private singleAhead(i: number, k: number, dir: number, sr: number, entries: number): number {
    const { singleStart, singleCols, singleBp, singleCoef, pos, lo, up, side, y } = this;
    const from = singleStart[i];
    const to = singleStart[i + 1];
    for (; k >= from && k < to; k += dir) {
      const j = singleCols[k];
      if (pos[j] >= 0 || lo[j] === up[j]) continue;
      const a = sr * singleCoef[j];
      if (Math.abs(a) < PIVOT_TOL) return entries;
      if (!(this.isFree(j) || (side[j] === 0 && a < 0) || (side[j] === 1 && a > 0))) continue;
      this.candJ[entries] = j;
      this.candR[entries] = Math.max(0, (y[i] - singleBp[k]) / sr);
      this.candPos[entries] = k;
      this.candDir[entries] = dir;
      return entries + 1;
    }
    return entries;
  }

  private dualInfeasible(): boolean {
    const { n, m, pos, d, lo, up, side, cost, dualTol } = this;
    for (let j = 0; j < n + m; j++) {
      const dj = d[j];
      // A reduced cost with the sign its side asks for (or within the tolerance's floor) needs no tolerance.
      if (side[j] === 1 ? dj <= dualTol : dj >= -dualTol && (dj <= dualTol || lo[j] > -Infinity)) continue;
      if (pos[j] >= 0 || lo[j] === up[j]) continue;
      const tol = dualTol * (1 + Math.abs(cost[j]));
      if (side[j] === 0 && (d[j] < -tol || (lo[j] === -Infinity && d[j] > tol))) return true;
      if (side[j] === 1 && d[j] > tol) return true;
    }
    return false;
  }

  private primalInfeasible(): boolean {
    const { m, xB, head, lo, up } = this;
    for (let p = 0; p < m; p++) {
      const j = head[p];
      const v = xB[p];
      if (v < lo[j] - PRIMAL_TOL * (1 + Math.abs(lo[j])) || v > up[j] + PRIMAL_TOL * (1 + Math.abs(up[j]))) return true;
    }
    return false;
  }

  private solution(): LpSolution {
    const { n, m, x, xB, head } = this;
    const own = n - this.auxCost.length;
    const colValue = x.slice(0, own);
    for (let p = 0; p < m; p++) if (head[p] < own) colValue[head[p]] = xB[p];
    return { colValue, rowDual: this.y.slice() };
  }

  /** Column j of [A −I] into a zeroed dense vector. */
  private loadColumn(j: number, out: Float64Array): void {
    out.fill(0);
    this.addColumn(j, 1, out);
  }

  /** out += scale · column j of [A −I]. */
  private addColumn(j: number, scale: number, out: Float64Array): void {
    if (j >= this.n) {
      out[j - this.n] -= scale;
      return;
    }
    for (let e = this.starts[j]; e < this.starts[j + 1]; e++) out[this.indices[e]] += this.values[e] * scale;
  }

  /** v := B⁻¹ v. */
  private ftran(v: Float64Array): void {
    const { etaPos, etaPivot, etaStart, etaIndex, etaValue } = this;
    for (let i = 0; i < v.length; i++) v[i] = -v[i];
    for (let k = 0; k < this.etaCount; k++) {
      const p = etaPos[k];
      const vp = v[p];
      if (vp === 0) continue;
      const t = vp / etaPivot[k];
      v[p] = t;
      for (let e = etaStart[k]; e < etaStart[k + 1]; e++) v[etaIndex[e]] -= etaValue[e] * t;
    }
  }

  /** v := B⁻ᵀ v. */
  private btran(v: Float64Array): void {
    const { etaPos, etaPivot, etaStart, etaIndex, etaValue } = this;
    for (let k = this.etaCount - 1; k >= 0; k--) {
      const p = etaPos[k];
      let sum = v[p];
      for (let e = etaStart[k]; e < etaStart[k + 1]; e++) sum -= etaValue[e] * v[etaIndex[e]];
      v[p] = sum / etaPivot[k];
    }
    for (let i = 0; i < v.length; i++) v[i] = -v[i];
  }

  private appendEta(p: number, column: Float64Array): void {
    const k = this.etaCount;
    if (k + 1 >= this.etaPos.length) {
      this.etaPos = grow(this.etaPos, 2 * (k + 1));
      this.etaPivot = grow(this.etaPivot, 2 * (k + 1));
      this.etaStart = grow(this.etaStart, 2 * (k + 1) + 1);
    }
    let nnz = this.etaStart[k];
    const m = this.m;
    if (nnz + m > this.etaIndex.length) {
      this.etaIndex = grow(this.etaIndex, 2 * (nnz + m));
      this.etaValue = grow(this.etaValue, 2 * (nnz + m));
    }
    for (let i = 0; i < m; i++) {
      const v = column[i];
      if (i === p || v === 0) continue;
      this.etaIndex[nnz] = i;
      this.etaValue[nnz++] = v;
    }
    this.etaPos[k] = p;
    this.etaPivot[k] = column[p];
    this.etaStart[k + 1] = nnz;
    this.etaCount = k + 1;
  }

  /**
   * A fresh product-form inverse of the current basis: the basic structural columns enter the
   * all-logical basis one by one, sparsest first, each at the free position where it is largest. A
   * column that finds no pivot (a singular basis) leaves the basis for the logical it would replace.
   */
  private reinvert(): void {
    const { n, m, head, pos, starts, weight } = this;
    const weightOf = new Map<number, number>();
    const structural: number[] = [];
    for (let p = 0; p < m; p++) {
      weightOf.set(head[p], weight[p]);
      if (head[p] < n) structural.push(head[p]);
      pos[head[p]] = -1;
    }
    structural.sort((a, b) => starts[a + 1] - starts[a] - (starts[b + 1] - starts[b]) || a - b);
    this.etaCount = 0;
    this.etaStart[0] = 0;
    // Position i starts with logical n + i; it is open when that logical is not to stay basic.
    const open = new Uint8Array(m).fill(1);
    for (let i = 0; i < m; i++) {
      head[i] = n + i;
      if (weightOf.has(n + i)) {
        open[i] = 0;
        pos[n + i] = i;
      }
    }
    const col = this.column;
    for (const j of structural) {
      this.loadColumn(j, col);
      this.ftran(col);
      let best = -1;
      let bestAbs = 0;
      let norm = 0;
      for (let i = 0; i < m; i++) {
        const a = Math.abs(col[i]);
        norm = Math.max(norm, a);
        if (open[i] && a > bestAbs) {
          bestAbs = a;
          best = i;
        }
      }
      if (best < 0 || bestAbs <= 1e-9 * Math.max(1, norm)) {
        this.placeNonbasic(j); // singular: j leaves, a logical stays
        continue;
      }
      this.appendEta(best, col);
      open[best] = 0;
      head[best] = j;
      pos[j] = best;
    }
    for (let i = 0; i < m; i++) {
      if (open[i]) {
        pos[n + i] = i; // a logical replaces a column that found no pivot
        head[i] = n + i;
      }
      weight[i] = weightOf.get(head[i]) ?? 1;
    }
    this.etasAtReinversion = this.etaCount;
  }
}

/** |v|, or 0 when v is infinite. */
function finiteAbs(v: number): number {
  return Number.isFinite(v) ? Math.abs(v) : 0;
}

function grow<T extends Int32Array | Float64Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

/** Min-heap of entry ids ordered by key (ties by val, for determinism): restores the order below h. */
function siftDown(heap: Int32Array, key: Float64Array, val: Int32Array, h: number, size: number): void {
  const e = heap[h];
  for (;;) {
    let c = 2 * h + 1;
    if (c >= size) break;
    if (c + 1 < size && before(heap[c + 1], heap[c], key, val)) c++;
    if (!before(heap[c], e, key, val)) break;
    heap[h] = heap[c];
    h = c;
  }
  heap[h] = e;
}

function siftUp(heap: Int32Array, key: Float64Array, val: Int32Array, h: number): void {
  const e = heap[h];
  while (h > 0) {
    const parent = (h - 1) >> 1;
    if (!before(e, heap[parent], key, val)) break;
    heap[h] = heap[parent];
    h = parent;
  }
  heap[h] = e;
}

function before(a: number, b: number, key: Float64Array, val: Int32Array): boolean {
  return key[a] < key[b] || (key[a] === key[b] && val[a] < val[b]);
}

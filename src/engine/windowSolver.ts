/**
 * An exact `MarketSolver` that hands HiGHS only a window of each row's demand tiers (opt-in:
 * `market.tierWindow`).
 *
 * Why. Most of a period LP's columns are demand-and-holding tiers (≈ 22 000 of 24 000 on the shipped
 * world), yet in an optimum every tier whose willingness to pay is above the row's price is bought in
 * full and every tier below it is not bought at all; only the tiers near the price matter. HiGHS's cost
 * per solve grows with the column count (each run, each bound update touches every column), so the
 * solver keeps, per row, `tierWindow` consecutive grid steps as real columns ("slots") and folds the
 * others into the row's right-hand side at a bound: tiers above the window at their upper bound (bought),
 * tiers below it at their lower bound (0).
 *
 * Exactness. After each solve the reduced costs of the folded tiers are checked against the row duals:
 * a tier held at its upper bound needs −w + y ≤ tol, one held at its lower bound −w + y ≥ −tol, with tol
 * HiGHS's own dual feasibility tolerance. When every folded tier passes, the expanded solution is primal
 * feasible and dual feasible for the full LP, i.e. an optimum of the full LP (the one `solve` must
 * return). When some row fails, its window is re-centred on its dual and the LP re-solved (warm); after
 * `MAX_ROUNDS` failed rounds the period falls back to a full-size model. Between periods a window moves
 * only when the row's price comes within a quarter window of an edge, which keeps warm starts warm.
 *
 * What changes compared with the full LP: the right-hand sides carry the folded quantities (rounding
 * differs in the last bits) and HiGHS pivots along a different path, so a degenerate LP may end at a
 * different optimal vertex. Every optimality condition of the full LP still holds (see the engine tests
 * and `--check`).
 */
import type { Highs, Model } from 'highs';
import { COL, type LpLayout } from './layout.js';
import { SolverError, type LpSolution, type MarketSolver, type PeriodLp } from './solver.js';

/** HiGHS's default dual feasibility tolerance: the full LP's reduced costs are checked to it. */
const DUAL_TOL = 1e-7;
/** Re-centring rounds within one solve before the full-size fallback. */
const MAX_ROUNDS = 6;

/** Builds the windowed solver of one run; `full` creates the full-size fallback on demand. */
export function createWindowSolver(highs: Highs, layout: LpLayout, window: number, full: () => MarketSolver): MarketSolver {
  return new WindowSolver(highs, layout, Math.max(2, Math.floor(window)), full);
}

class WindowSolver implements MarketSolver {
  private readonly model: Model;
  private readonly layout: LpLayout;
  private readonly N: number;
  /** Relief column (reduced index) of each balance row, −1 when the row is not windowed. */
  private readonly reliefOf: Int32Array;
  /** Reduced column → original column (slots are re-pointed as windows move); relief of row r: −1 − r. */
  private readonly orig: Int32Array;
  /** Per balance row: first slot (reduced index), slot count, first grid step of the window. */
  private readonly slotStart: Int32Array;
  private readonly slotCount: Int32Array;
  private readonly k0: Int32Array;
  /** What the native model holds (reduced layout). */
  private readonly sent: { cost: Float64Array; lower: Float64Array; upper: Float64Array; rowLower: Float64Array; rowUpper: Float64Array };
  private readonly want: { cost: Float64Array; lower: Float64Array; upper: Float64Array; rowLower: Float64Array; rowUpper: Float64Array };
  private readonly index: Int32Array;
  private readonly buf: [Float64Array, Float64Array];
  private readonly makeFull: () => MarketSolver;
  private fallback: MarketSolver | null = null;
  /** Windows were placed by a dual (false until the first solve: they start at the reference price). */
  private placed = false;

  constructor(highs: Highs, layout: LpLayout, window: number, makeFull: () => MarketSolver) {
    this.layout = layout;
    this.makeFull = makeFull;
    const N = layout.balanceRows;
    this.N = N;
    this.slotStart = new Int32Array(N);
    this.slotCount = new Int32Array(N);
    this.k0 = new Int32Array(N);
    const orig: number[] = [];
    for (let j = 0; j < layout.numCols; j++) if (layout.colKind[j] !== COL.tier) orig.push(j);
    for (let rp = 0; rp < N; rp++) {
      const K = layout.tierCount[rp];
      const W = Math.min(window, K);
      this.slotStart[rp] = orig.length;
      this.slotCount[rp] = W;
      this.k0[rp] = clamp(layout.tierHome[rp] - (W >> 1), 0, K - W);
      for (let s = 0; s < W; s++) orig.push(layout.tierStart[rp] + this.k0[rp] + s);
    }
    // One relief column per windowed row: +1 in the row, up to the folded-above quantity, at the WTP of the
    // lowest folded tier. It keeps the reduced LP feasible whatever the window (un-buying folded tiers);
    // a solution that uses it is rejected like any other violation.
    this.reliefOf = new Int32Array(N).fill(-1);
    for (let rp = 0; rp < N; rp++)
      if (this.slotCount[rp] < layout.tierCount[rp]) {
        this.reliefOf[rp] = orig.length;
        orig.push(-1 - rp);
      }
    this.orig = Int32Array.from(orig);
    const n = this.orig.length;
    const m = layout.numRows;
    // Reduced CSC: the original columns' entries (a slot has the single entry −1 in its row, like a tier).
    const starts = new Int32Array(n + 1);
    let nnz = 0;
    for (let c = 0; c < n; c++) nnz += this.orig[c] < 0 ? 1 : layout.starts[this.orig[c] + 1] - layout.starts[this.orig[c]];
    const indices = new Int32Array(nnz);
    const values = new Float64Array(nnz);
    let e = 0;
    for (let c = 0; c < n; c++) {
      starts[c] = e;
      const j = this.orig[c];
      if (j < 0) {
        indices[e] = -1 - j;
        values[e++] = 1;
        continue;
      }
      for (let f = layout.starts[j]; f < layout.starts[j + 1]; f++) {
        indices[e] = layout.indices[f];
        values[e++] = layout.values[f];
      }
    }
    starts[n] = e;
    const arrays = () => ({
      cost: new Float64Array(n),
      lower: new Float64Array(n),
      upper: new Float64Array(n),
      rowLower: new Float64Array(m),
      rowUpper: new Float64Array(m),
    });
    this.sent = arrays();
    this.want = arrays();
    for (let c = 0; c < n; c++) this.sent.cost[c] = this.orig[c] < 0 ? 0 : layout.baseCost[this.orig[c]];
    this.index = new Int32Array(Math.max(n, m));
    this.buf = [new Float64Array(Math.max(n, m)), new Float64Array(Math.max(n, m))];
    this.model = highs.createModel({
      numCols: n,
      numRows: m,
      colCost: this.sent.cost,
      colLower: this.sent.lower,
      colUpper: this.sent.upper,
      rowLower: this.sent.rowLower,
      rowUpper: this.sent.rowUpper,
      matrix: { format: 'csc', numRows: m, numCols: n, starts, indices, values },
    });
    this.model.options.set({ output_flag: false, presolve: 'off' });
  }

  solve(lp: PeriodLp): LpSolution {
    this.solves++;
    if (this.placed) this.recentre(lp, null, 0);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      this.rounds++;
      const sol = this.solveReduced(lp);
      this.placed = true;
      if (this.recentre(lp, sol.rowDual, round) === 0) return this.expand(lp, sol);
    }
    // Rare: the windows did not settle. Solve the full LP; its prices place the windows for the next solve.
    this.fallback ??= this.makeFull();
    this.fallbacks++;
    const sol = this.fallback.solve(lp);
    this.lastDual = sol.rowDual;
    return sol;
  }

  /** Solves asked for, reduced LPs solved, and solves that needed the full-size model. */
  private solves = 0;
  private rounds = 0;
  private fallbacks = 0;

  counters(): Readonly<Record<string, number>> {
    return { columns: this.orig.length, solves: this.solves, reducedSolves: this.rounds, fallbacks: this.fallbacks };
  }

  dispose(): void {
    this.model.dispose();
    this.fallback?.dispose();
  }

  /**
   * After a solve (`y` = its row duals): moves the window of every row whose folded tiers violate dual
   * feasibility (or whose relief column is in use) and returns how many did. Before a solve (`y` null):
   * moves the windows of rows whose last price came within a quarter window of an edge; returns 0.
   */
  private recentre(lp: PeriodLp, y: Float64Array | null, round: number): number {
    const L = this.layout;
    const price = y ?? this.lastDual;
    if (!price) return 0;
    let moved = 0;
    for (let rp = 0; rp < this.N; rp++) {
      const W = this.slotCount[rp];
      const K = L.tierCount[rp];
      if (W === 0 || W === K) continue;
      const first = L.tierStart[rp];
      const p = price[rp];
      const k0 = this.k0[rp];
      let next: number;
      if (y) {
        const relief = this.reliefOf[rp];
        if (this.lastValue![relief] > 0) {
          // Folded tiers un-bought: the price is above the window and the dual (capped by the relief's
          // cost) says not how far; search upwards in growing steps.
          next = k0 + W * 2 ** round;
        } else {
          // Above the window (held at upper): −w + y ≤ tol; below (held at lower): −w + y ≥ −tol.
          let bad = false;
          for (let k = k0 + W; k < K && !bad; k++) {
            const j = first + k;
            if (lp.colUpper[j] > lp.colLower[j] && lp.colCost[j] + p > DUAL_TOL) bad = true;
          }
          for (let k = 0; k < k0 && !bad; k++) {
            const j = first + k;
            if (lp.colUpper[j] > lp.colLower[j] && lp.colCost[j] + p < -DUAL_TOL) bad = true;
          }
          if (!bad) continue;
          next = stepAtOrAbove(L.tierWtp, first, K, p) - (W >> 1);
        }
        moved++; // a violating row always moves: its dual lies beyond the window's folded side
      } else {
        const margin = Math.max(1, W >> 2);
        const lo = L.tierWtp[first + k0 + margin - 1];
        const hi = L.tierWtp[first + k0 + W - margin];
        if (!((k0 > 0 && p < lo) || (k0 + W < K && p > hi))) continue;
        next = stepAtOrAbove(L.tierWtp, first, K, p) - (W >> 1);
      }
      next = clamp(next, 0, K - W);
      this.k0[rp] = next;
      for (let q = 0; q < W; q++) this.orig[this.slotStart[rp] + q] = first + next + q;
    }
    return moved;
  }

  private lastDual: Float64Array | null = null;
  private lastValue: Float64Array | null = null;

  /** Sends the reduced LP (only what changed) and solves it. */
  private solveReduced(lp: PeriodLp): LpSolution {
    const L = this.layout;
    const w = this.want;
    const n = this.orig.length;
    for (let c = 0; c < n; c++) {
      const j = this.orig[c];
      if (j < 0) continue; // relief: set per row below
      w.cost[c] = lp.colCost[j];
      w.lower[c] = lp.colLower[j];
      w.upper[c] = lp.colUpper[j];
    }
    w.rowLower.set(lp.rowLower);
    w.rowUpper.set(lp.rowUpper);
    for (let rp = 0; rp < this.N; rp++) {
      const W = this.slotCount[rp];
      const K = L.tierCount[rp];
      if (W === K) continue;
      // Tier columns enter the row with −1: a folded use x moves to the right-hand side as +x.
      const first = L.tierStart[rp];
      const k0 = this.k0[rp];
      let folded = 0;
      for (let k = 0; k < k0; k++) folded += lp.colLower[first + k];
      for (let k = k0 + W; k < K; k++) folded += lp.colUpper[first + k];
      w.rowLower[rp] += folded;
      w.rowUpper[rp] += folded;
      const relief = this.reliefOf[rp];
      let above = 0;
      for (let k = k0 + W; k < K; k++) above += lp.colUpper[first + k] - lp.colLower[first + k];
      w.cost[relief] = k0 + W < K ? -lp.colCost[first + k0 + W] : 0;
      w.lower[relief] = 0;
      w.upper[relief] = Math.max(0, above);
    }
    const s = this.sent;
    const m = this.model;
    let k = this.diff2(s.lower, s.upper, w.lower, w.upper);
    if (k > 0) m.changeColsBounds(this.selection(k), this.pick(w.lower, k, 0), this.pick(w.upper, k, 1));
    k = this.diff2(s.cost, s.cost, w.cost, w.cost);
    if (k > 0) m.changeColsCost(this.selection(k), this.pick(w.cost, k, 0));
    k = this.diff2(s.rowLower, s.rowUpper, w.rowLower, w.rowUpper);
    if (k > 0) m.changeRowsBounds(this.selection(k), this.pick(w.rowLower, k, 0), this.pick(w.rowUpper, k, 1));
    const run = m.run();
    if (run.modelStatus !== 7 /* optimal */) throw new SolverError(`HiGHS ended with model status ${run.modelStatus}, not optimal`);
    const sol = m.getSolution();
    this.lastDual = sol.rowDual;
    this.lastValue = sol.colValue;
    return { colValue: sol.colValue, rowDual: sol.rowDual };
  }

  /** The full LP's solution: slots and other columns from HiGHS, folded tiers at their bounds. */
  private expand(lp: PeriodLp, sol: LpSolution): LpSolution {
    const L = this.layout;
    const x = new Float64Array(L.numCols);
    for (let rp = 0; rp < this.N; rp++) {
      const K = L.tierCount[rp];
      const first = L.tierStart[rp];
      const k0 = this.k0[rp];
      for (let k = 0; k < k0; k++) x[first + k] = lp.colLower[first + k];
      for (let k = k0 + this.slotCount[rp]; k < K; k++) x[first + k] = lp.colUpper[first + k];
    }
    for (let c = 0; c < this.orig.length; c++) if (this.orig[c] >= 0) x[this.orig[c]] = sol.colValue[c];
    return { colValue: x, rowDual: sol.rowDual };
  }

  private diff2(a: Float64Array, b: Float64Array, na: Float64Array, nb: Float64Array): number {
    const out = this.index;
    let k = 0;
    for (let i = 0; i < a.length; i++) {
      if (Object.is(a[i], na[i]) && Object.is(b[i], nb[i])) continue;
      out[k++] = i;
      a[i] = na[i];
      b[i] = nb[i];
    }
    return k;
  }

  private selection(k: number): { kind: 'set'; indices: Int32Array } {
    return { kind: 'set', indices: this.index.subarray(0, k) };
  }

  private pick(values: Float64Array, k: number, slot: 0 | 1): Float64Array {
    const out = this.buf[slot];
    for (let i = 0; i < k; i++) out[i] = values[this.index[i]];
    return out.subarray(0, k);
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/** First grid step k of a row with wtp ≥ p (K when none). */
function stepAtOrAbove(wtp: Float64Array, first: number, K: number, p: number): number {
  let lo = 0;
  let hi = K;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (wtp[first + mid] < p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

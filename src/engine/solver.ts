/**
 * The `MarketSolver` seam: the engine hands a solver the period's bounds and costs on a fixed layout and
 * gets back column values and balance-row duals. Two implementations, chosen per run
 * (`market.solver`, `--solver`):
 * - `native` (the default): the engine's own bounded dual simplex on typed arrays (simplex.ts), with
 *   HiGHS as its safety net — an LP it cannot certify optimal is solved by HiGHS instead (counted);
 * - `highs`: HiGHS (WebAssembly), the reference. The property tests run both on the same random worlds.
 *
 * One solver instance = one persistent basis (one HiGHS model) = one run. Keeping it between periods
 * starts each solve from the previous optimal basis (a warm start): periods differ only in bounds and
 * costs, so most solves need no pivot at all. A solver is never shared between runs, so a run's result
 * never depends on which runs came before it in the same process.
 */
import { createHash } from 'node:crypto';
import * as highsModule from 'highs';
import type { Highs, Model } from 'highs';
import { atBoundTolerance, directionRule, type DirectionRule } from './canonical.js';
import { transpose, type LpLayout } from './layout.js';
import { DualSimplex, type SparseMatrix } from './simplex.js';

/** Which solver clears the period LPs: the engine's own (`native`) or HiGHS (`highs`, the reference). */
export type SolverChoice = 'native' | 'highs';

/** Bounds and costs of one period's LP (full-length arrays on the layout). */
export interface PeriodLp {
  readonly colCost: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
}

/** An optimal solution: primal column values and row duals (balance-row duals are prices, USD/kg). */
export interface LpSolution {
  readonly colValue: Float64Array;
  readonly rowDual: Float64Array;
}

/** Solves successive period LPs of one run on a fixed layout. */
export interface MarketSolver {
  /** Solves the LP with these bounds and costs; throws `SolverError` unless an optimum is found. */
  solve(lp: PeriodLp): LpSolution;
  /**
   * The canonical duals of the LP just solved, selected from the solver's own optimal basis (canonical.ts,
   * `directionRule`): duals of every row, or null when this solver cannot (then the caller selects them
   * with an LP of its own).
   */
  selectDuals?(): Float64Array | null;
  /** Simplex iterations of every solve so far, where the solver counts them (the bench reads them). */
  readonly simplexIterations?: number;
  /** LPs handed to another solver so far, where there is one behind it (the native solver's HiGHS). */
  readonly fallbacks?: number;
  /** Releases native memory. Idempotent. */
  dispose(): void;
}

/** Creates one solver per run. */
export interface SolverFactory {
  /** A fresh solver (no basis yet) for one run on this layout; `native` unless told otherwise. */
  create(layout: LpLayout, choice?: SolverChoice): MarketSolver;
  /** Solves small auxiliary LPs (the canonical price selection, canonical.ts) cold: no state between calls. */
  readonly oneShot: OneShotLp;
  /**
   * A per-run solver of the canonical-selection LPs: an LP of the same structure as one of the last few
   * (the same matrix and objective; only bounds differ, as between the fixed point's iterations) is
   * warm-started from that LP's optimal basis; any other is solved from scratch. Release with dispose().
   */
  selection(): SelectionSolver;
}

/** The canonical-selection LPs of one run (SolverFactory.selection). */
export interface SelectionSolver extends OneShotLp {
  dispose(): void;
}

/** A small LP in CSC form, minimised. */
export interface SmallLp {
  readonly numCols: number;
  readonly numRows: number;
  readonly colCost: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  readonly starts: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/**
 * Solves a small LP from scratch every time (a fresh model, no basis carried over), so that the same data
 * always gives the same answer whatever was solved before. Returns the column values of an optimum, or
 * null when none was found.
 */
export interface OneShotLp {
  solve(lp: SmallLp): Float64Array | null;
}

/** The LP solver failed or did not reach an optimum (the period LP is always feasible and bounded by design). */
export class SolverError extends Error {
  override name = 'SolverError';
}

class HighsMarketSolver implements MarketSolver {
  private readonly model: Model;
  /** What the native model currently holds, so that each solve sends only what changed. */
  private readonly sent: { colCost: Float64Array; colLower: Float64Array; colUpper: Float64Array; rowLower: Float64Array; rowUpper: Float64Array };
  private readonly scratch: Scratch;
  /** Simplex iterations of every solve so far (the bench compares them with the native solver's pivots). */
  simplexIterations = 0;

  constructor(highs: Highs, layout: LpLayout) {
    const n = layout.numCols;
    const m = layout.numRows;
    this.scratch = makeScratch(Math.max(n, m));
    this.sent = {
      colCost: Float64Array.from(layout.baseCost),
      colLower: new Float64Array(n),
      colUpper: new Float64Array(n),
      rowLower: new Float64Array(m),
      rowUpper: new Float64Array(m),
    };
    this.model = highs.createModel({
      numCols: n,
      numRows: m,
      colCost: this.sent.colCost,
      colLower: this.sent.colLower,
      colUpper: this.sent.colUpper,
      rowLower: this.sent.rowLower,
      rowUpper: this.sent.rowUpper,
      matrix: { format: 'csc', numRows: m, numCols: n, starts: layout.starts, indices: layout.indices, values: layout.values },
    });
    // Presolve off: successive solves are warm-started from the previous basis, which presolve would discard.
    this.model.options.set({ output_flag: false, presolve: 'off' });
  }

  solve(lp: PeriodLp): LpSolution {
    const model = this.model;
    const sent = this.sent;
    const scratch = this.scratch;
    let k = changed2(sent.colLower, sent.colUpper, lp.colLower, lp.colUpper, scratch.index);
    if (k > 0) model.changeColsBounds(set(scratch.index, k), pick(lp.colLower, scratch, k, 0), pick(lp.colUpper, scratch, k, 1));
    k = changed1(sent.colCost, lp.colCost, scratch.index);
    if (k > 0) model.changeColsCost(set(scratch.index, k), pick(lp.colCost, scratch, k, 0));
    k = changed2(sent.rowLower, sent.rowUpper, lp.rowLower, lp.rowUpper, scratch.index);
    if (k > 0) model.changeRowsBounds(set(scratch.index, k), pick(lp.rowLower, scratch, k, 0), pick(lp.rowUpper, scratch, k, 1));
    const run = model.run();
    if (run.modelStatus !== 7 /* optimal */) throw new SolverError(`HiGHS ended with model status ${run.modelStatus}, not optimal`);
    this.simplexIterations += Number(model.info.get('simplex_iteration_count'));
    const sol = model.getSolution();
    return { colValue: sol.colValue, rowDual: sol.rowDual };
  }

  dispose(): void {
    this.model.dispose();
  }
}

/** Reusable buffers of the change lists (HiGHS copies what it is given, so they can be reused). */
interface Scratch {
  readonly index: Int32Array;
  readonly values: [Float64Array, Float64Array];
}

function makeScratch(size: number): Scratch {
  return { index: new Int32Array(size), values: [new Float64Array(size), new Float64Array(size)] };
}

function set(index: Int32Array, k: number): { kind: 'set'; indices: Int32Array } {
  return { kind: 'set', indices: index.subarray(0, k) };
}

/**
 * Writes into `out` the indices where (a, b) differ from (newA, newB) (Object.is: −0 and NaN count),
 * updating a and b in place; returns how many.
 */
function changed2(a: Float64Array, b: Float64Array, newA: Float64Array, newB: Float64Array, out: Int32Array): number {
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (Object.is(a[i], newA[i]) && Object.is(b[i], newB[i])) continue;
    out[k++] = i;
    a[i] = newA[i];
    b[i] = newB[i];
  }
  return k;
}

/** changed2 for one array. */
function changed1(a: Float64Array, newA: Float64Array, out: Int32Array): number {
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (Object.is(a[i], newA[i])) continue;
    out[k++] = i;
    a[i] = newA[i];
  }
  return k;
}

/** values[index[0..k)] in scratch buffer `slot`. */
function pick(values: Float64Array, scratch: Scratch, k: number, slot: 0 | 1): Float64Array {
  const out = scratch.values[slot];
  const idx = scratch.index;
  for (let i = 0; i < k; i++) out[i] = values[idx[i]];
  return out.subarray(0, k);
}

let highsPromise: Promise<Highs> | undefined;

/**
 * The package's types describe a CommonJS default export, but under Node ESM `import` resolves to its ES
 * build whose default export is the loader itself; accept either shape.
 */
function highsLoader(): () => Promise<Highs> {
  const mod = highsModule as unknown as { default: unknown };
  const d = mod.default as { default?: unknown } | (() => Promise<Highs>);
  return (typeof d === 'function' ? d : d.default) as () => Promise<Highs>;
}

/** A HiGHS model of a small LP, quiet, with HiGHS's default options (presolve on). */
function newSmallModel(highs: Highs, lp: SmallLp): Model {
  const model = highs.createModel({
    numCols: lp.numCols,
    numRows: lp.numRows,
    colCost: lp.colCost,
    colLower: lp.colLower,
    colUpper: lp.colUpper,
    rowLower: lp.rowLower,
    rowUpper: lp.rowUpper,
    matrix: { format: 'csc', numRows: lp.numRows, numCols: lp.numCols, starts: lp.starts, indices: lp.indices, values: lp.values },
  });
  model.options.set({ output_flag: false });
  return model;
}

/** One-shot HiGHS solves of small LPs (presolve on: these models are solved once and dropped). */
function highsOneShot(highs: Highs): OneShotLp {
  return {
    solve(lp) {
      const model = newSmallModel(highs, lp);
      try {
        const run = model.run();
        return run.modelStatus === 7 /* optimal */ ? Float64Array.from(model.getSolution().colValue) : null;
      } finally {
        model.dispose();
      }
    },
  };
}

/**
 * HiGHS for the selection LPs of one run: a model per recent structure (the last four), kept while LPs
 * of that structure come back — the fixed point's iterations repeat the structure of the one before,
 * and a period's other selections often repeat those of the periods before. A new structure gets a
 * fresh model solved with presolve (what a one-shot solve does, to the byte); then presolve is switched
 * off so that the next LPs of that structure start from its optimal basis (~0.7 ms instead of ~4.5 ms
 * for the ~1,600-row selection of the shipped world). The selection's prices are its unique optimum
 * (generically weighted objective), so the start changes them only by round-off (measured: 4e-13). A
 * warm solve that does not end optimal is redone from scratch.
 */
class HighsSelection implements SelectionSolver {
  /** Most recently used first. */
  private readonly models: { model: Model; structure: SmallLp }[] = [];
  /** 0, 1, 2, …: the index set of "every column" and "every row" (HiGHS copies it). */
  private all = new Int32Array(0);

  constructor(
    private readonly highs: Highs,
    private readonly capacity = 4,
  ) {}

  solve(lp: SmallLp): Float64Array | null {
    const k = this.models.findIndex((m) => sameStructure(m.structure, lp));
    if (k >= 0) {
      const [entry] = this.models.splice(k, 1);
      const model = entry.model;
      model.changeColsBounds(this.first(lp.numCols), lp.colLower, lp.colUpper);
      model.changeRowsBounds(this.first(lp.numRows), lp.rowLower, lp.rowUpper);
      const run = model.run();
      if (run.modelStatus === 7 /* optimal */) {
        this.models.unshift(entry);
        return Float64Array.from(model.getSolution().colValue);
      }
      model.dispose();
    }
    const model = newSmallModel(this.highs, lp);
    const run = model.run();
    if (run.modelStatus !== 7) {
      model.dispose();
      return null;
    }
    const answer = Float64Array.from(model.getSolution().colValue);
    model.options.set({ presolve: 'off' });
    this.models.unshift({ model, structure: copyLp(lp) });
    if (this.models.length > this.capacity) this.models.pop()!.model.dispose();
    return answer;
  }

  dispose(): void {
    for (const m of this.models) m.model.dispose();
    this.models.length = 0;
  }

  /** The set 0 … count−1. */
  private first(count: number): { kind: 'set'; indices: Int32Array } {
    if (this.all.length < count) this.all = Int32Array.from({ length: count }, (_, i) => i);
    return set(this.all, count);
  }
}

/** The same matrix and objective (bounds may differ). */
function sameStructure(a: SmallLp, b: SmallLp): boolean {
  return sameArrays(a, b, ['colCost', 'starts', 'indices', 'values']);
}

/** The same size and the same numbers (Object.is: −0 and NaN count) in the arrays named. */
function sameArrays(a: SmallLp, b: SmallLp, keys: readonly (typeof LP_ARRAYS)[number][]): boolean {
  if (a.numRows !== b.numRows || a.numCols !== b.numCols) return false;
  for (const k of keys) {
    const x = a[k];
    const y = b[k];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
  }
  return true;
}

/**
 * One-shot solves that remember their last `capacity` LPs: an LP equal in every number to one solved
 * before (the fixed point often asks the same selection twice) gets the same answer without a solve.
 * Exact: a cold solve of the same data gives the same answer, so results are unchanged to the byte.
 * One memory per run (simulate), so a run never depends on the runs before it.
 */
export function rememberingOneShot(inner: SelectionSolver, capacity = 64): SelectionSolver {
  const memory = new Map<string, { lp: SmallLp; answer: Float64Array | null }>();
  return {
    dispose: () => inner.dispose(),
    solve(lp) {
      const key = lpKey(lp);
      const hit = memory.get(key);
      if (hit && sameArrays(hit.lp, lp, LP_ARRAYS)) return hit.answer && hit.answer.slice();
      const answer = inner.solve(lp);
      if (memory.size >= capacity) memory.delete(memory.keys().next().value!);
      memory.set(key, { lp: copyLp(lp), answer: answer && answer.slice() });
      return answer;
    },
  };
}

const LP_ARRAYS = ['colCost', 'colLower', 'colUpper', 'rowLower', 'rowUpper', 'starts', 'indices', 'values'] as const;

/** A digest of every number of the LP (equality is then checked in full). */
function lpKey(lp: SmallLp): string {
  const hash = createHash('sha1');
  hash.update(`${lp.numRows}:${lp.numCols}`);
  for (const k of LP_ARRAYS) {
    const a = lp[k];
    hash.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  }
  return hash.digest('base64');
}

function copyLp(lp: SmallLp): SmallLp {
  return {
    numRows: lp.numRows,
    numCols: lp.numCols,
    colCost: lp.colCost.slice(),
    colLower: lp.colLower.slice(),
    colUpper: lp.colUpper.slice(),
    rowLower: lp.rowLower.slice(),
    rowUpper: lp.rowUpper.slice(),
    starts: lp.starts.slice(),
    indices: lp.indices.slice(),
    values: lp.values.slice(),
  };
}

/**
 * The same solvers with no memory between solves: every period LP is solved from scratch (a fresh
 * model per solve). Path independence is checked against it: canonical results must not change.
 */
export function coldSolverFactory(base: SolverFactory): SolverFactory {
  return {
    oneShot: base.oneShot,
    selection: () => ({ solve: (lp) => base.oneShot.solve(lp), dispose() {} }),
    create(layout, choice) {
      return {
        solve(lp) {
          const fresh = base.create(layout, choice);
          try {
            return fresh.solve(lp);
          } finally {
            fresh.dispose();
          }
        },
        dispose() {},
      };
    },
  };
}

/**
 * The native solver of one run, with HiGHS behind it: an LP the dual simplex cannot certify optimal (a
 * numerical failure, an iteration limit) is solved by a HiGHS model of the same layout, created on first
 * need, and the dual simplex starts the next LP from the all-logical basis. What it returns is an optimum
 * either way; the canonical selection makes the reported prices independent of which solver found it.
 */
class NativeMarketSolver implements MarketSolver {
  private readonly simplex: DualSimplex;
  private readonly rule: DirectionRule;
  private fallback: HighsMarketSolver | null = null;
  /** LPs handed to HiGHS. */
  fallbacks = 0;
  /** Pivots and bound flips of every solve so far (the bench reads them), HiGHS's iterations on its LPs included. */
  get simplexIterations(): number {
    return this.pivots + (this.fallback?.simplexIterations ?? 0);
  }
  private pivots = 0;

  constructor(
    private readonly highs: Highs,
    private readonly layout: LpLayout,
  ) {
    this.rule = directionRule(layout);
    this.simplex = new DualSimplex(withCapColumns(layout, this.rule), this.rule.capCost);
  }

  solve(lp: PeriodLp): LpSolution {
    const solution = this.simplex.solve(lp);
    this.pivots += this.simplex.lastPivots;
    if (solution) return solution;
    this.fallbacks++;
    this.simplex.reset();
    this.fallback ??= new HighsMarketSolver(this.highs, this.layout);
    return this.fallback.solve(lp);
  }

  /**
   * Null when the last LP went to HiGHS (the dual simplex holds no optimal basis then) or the selection
   * could not be certified; the next LP then starts from the all-logical basis.
   */
  selectDuals(): Float64Array | null {
    const dual = this.simplex.selectDuals(this.rule.delta, this.rule.capUpper, atBoundTolerance);
    if (!dual) this.simplex.reset();
    return dual;
  }

  dispose(): void {
    this.fallback?.dispose();
    this.fallback = null;
  }
}

/** The layout's matrix with one cap column per market row appended (canonical.ts, `directionRule`). */
function withCapColumns(layout: LpLayout, rule: DirectionRule): SparseMatrix {
  const n = layout.numCols;
  const N = rule.capCoef.length;
  const nnz = layout.starts[n];
  const starts = new Int32Array(n + N + 1);
  starts.set(layout.starts);
  const indices = new Int32Array(nnz + N);
  indices.set(layout.indices.subarray(0, nnz));
  const values = new Float64Array(nnz + N);
  values.set(layout.values.subarray(0, nnz));
  for (let r = 0; r < N; r++) {
    indices[nnz + r] = r;
    values[nnz + r] = rule.capCoef[r];
    starts[n + r + 1] = nnz + r + 1;
  }
  const rows = transpose(layout.numRows, starts, indices, values);
  return { numCols: n + N, numRows: layout.numRows, starts, indices, values, ...rows };
}

/** Loads the HiGHS WebAssembly module once per process and returns a factory of per-run solvers. */
export async function loadSolvers(): Promise<SolverFactory> {
  highsPromise ??= highsLoader()();
  const highs = await highsPromise;
  return {
    create: (layout, choice = 'native') => (choice === 'highs' ? new HighsMarketSolver(highs, layout) : new NativeMarketSolver(highs, layout)),
    oneShot: highsOneShot(highs),
    selection: () => new HighsSelection(highs),
  };
}

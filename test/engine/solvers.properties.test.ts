/**
 * The engine's own dual simplex (`native`, the default) against HiGHS (`highs`, the reference), on the
 * same random worlds:
 * - the dual simplex, handed the LPs of a run one after the other (warm-started, as in a run), solves
 *   every one itself (no HiGHS fallback), to an optimum of the objective HiGHS finds solving that LP
 *   cold (1e-9 relative), and feasible — checked from the LP's own bounds and matrix, not from either
 *   solver's internals;
 * - whole runs give the same canonical prices — users', producers' and landed — rents, welfare and
 *   quantities (1e-6 relative) whichever solver clears them;
 * - the native solver's selection of the canonical duals from its own optimal basis (the direction LP)
 *   gives the duals that the selection LP, solved by HiGHS on the same LP and solution, gives (1e-6);
 * - an LP the native solver cannot certify is solved by HiGHS instead, so a run never fails for it.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSolvers, simulate, type LpSolution, type MarketSolver, type PeriodLp, type SolverChoice, type SolverFactory } from '../../src/engine/index.js';
import { canonicalDuals, canonicalFromDirection } from '../../src/engine/canonical.js';
import type { LpLayout } from '../../src/engine/layout.js';
import { DualSimplex } from '../../src/engine/simplex.js';
import type { ModelInput } from '../../src/model/types.js';
import { syntheticWorldArbitrary } from '../../src/testing/arbitraries.js';
import { expectRunsAgree } from './fixtures.js';

let solvers: SolverFactory;
beforeAll(async () => {
  solvers = await loadSolvers();
});

const withSolver = (world: ModelInput, solver: SolverChoice): ModelInput => ({ ...world, market: { ...world.market, solver } });

function objective(lp: PeriodLp, x: Float64Array): { value: number; scale: number } {
  let value = 0;
  let scale = 0;
  for (let j = 0; j < x.length; j++) {
    value += lp.colCost[j] * x[j];
    scale += Math.abs(lp.colCost[j] * x[j]);
  }
  return { value, scale };
}

/** The largest violation of the LP's column and row bounds by x, relative to 1 + |bound|. */
function infeasibility(layout: LpLayout, lp: PeriodLp, x: Float64Array): number {
  let worst = 0;
  const over = (v: number, lo: number, up: number) =>
    Math.max(0, lo > -Infinity ? (lo - v) / (1 + Math.abs(lo)) : 0, up < Infinity ? (v - up) / (1 + Math.abs(up)) : 0);
  const activity = new Float64Array(layout.numRows);
  for (let j = 0; j < layout.numCols; j++) {
    worst = Math.max(worst, over(x[j], lp.colLower[j], lp.colUpper[j]));
    for (let e = layout.starts[j]; e < layout.starts[j + 1]; e++) activity[layout.indices[e]] += layout.values[e] * x[j];
  }
  for (let i = 0; i < layout.numRows; i++) worst = Math.max(worst, over(activity[i], lp.rowLower[i], lp.rowUpper[i]));
  return worst;
}

/** The solvers, recording the LPs handed to each period solver (one list per solver, in order). */
function recording(base: SolverFactory, log: { layout: LpLayout; lps: PeriodLp[] }[]): SolverFactory {
  return {
    oneShot: base.oneShot,
    selection: () => base.selection(),
    create(layout, choice) {
      const inner: MarketSolver = base.create(layout, choice);
      const lps: PeriodLp[] = [];
      log.push({ layout, lps });
      return {
        solve(lp) {
          const copy = (a: Float64Array) => Float64Array.from(a);
          lps.push({ colCost: copy(lp.colCost), colLower: copy(lp.colLower), colUpper: copy(lp.colUpper), rowLower: copy(lp.rowLower), rowUpper: copy(lp.rowUpper) });
          return inner.solve(lp);
        },
        selectDuals: () => inner.selectDuals?.() ?? null,
        dispose: () => inner.dispose(),
      };
    },
  };
}

/** The period LPs of a native run of `world`: one list per period solver, in the order the run solved them. */
function nativeRunLps(world: ModelInput): { layout: LpLayout; lps: PeriodLp[] }[] {
  const log: { layout: LpLayout; lps: PeriodLp[] }[] = [];
  simulate(withSolver(world, 'native'), recording(solvers, log));
  return log;
}

describe('the native dual simplex against HiGHS', () => {
  it('solves every period LP of a run itself, warm, to a feasible optimum of the objective HiGHS finds cold (1e-9 relative)', () => {
    fc.assert(
      fc.property(syntheticWorldArbitrary({ scenarioPolicies: 2, worldPolicies: 1 }), (world) => {
        for (const { layout, lps } of nativeRunLps(world)) {
          const simplex = new DualSimplex(layout);
          for (const [k, lp] of lps.entries()) {
            const solution: LpSolution | null = simplex.solve(lp);
            expect(solution, `LP ${k}: ${simplex.lastFailure}`).not.toBeNull();
            expect(infeasibility(layout, lp, solution!.colValue), `LP ${k}: feasible`).toBeLessThan(1e-7);
            const reference = solvers.create(layout, 'highs');
            try {
              const a = objective(lp, solution!.colValue);
              const b = objective(lp, reference.solve(lp).colValue);
              expect(Math.abs(a.value - b.value) / Math.max(1, a.scale, b.scale), `LP ${k}: objective ${a.value} vs HiGHS ${b.value}`).toBeLessThan(1e-9);
            } finally {
              reference.dispose();
            }
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('selects from its own optimal basis the canonical duals that the selection LP gives (1e-6 relative)', () => {
    fc.assert(
      fc.property(syntheticWorldArbitrary({ scenarioPolicies: 2, worldPolicies: 1 }), (world) => {
        for (const { layout, lps } of nativeRunLps(world)) {
          const native = solvers.create(layout, 'native');
          try {
            for (const [k, lp] of lps.entries()) {
              const solution = native.solve(lp);
              const direction = native.selectDuals!();
              expect(direction, `LP ${k}: the selection fell back`).not.toBeNull();
              const selected = canonicalFromDirection(layout, lp, solution.colValue, direction!).dual;
              const reference = canonicalDuals(layout, lp, solution.colValue, solution.rowDual, solvers.oneShot);
              expect(reference.stats.fellBack).toBe(false);
              for (let r = 0; r < layout.marketRows; r++) {
                const a = selected[r];
                const b = reference.dual[r];
                const scale = Math.max(Math.abs(a), Math.abs(b), 1e-3 * layout.referencePrice[layout.rowProduct[r]]);
                expect(Math.abs(a - b) / scale, `LP ${k}, row ${r}: ${a} vs ${b}`).toBeLessThan(1e-6);
              }
            }
          } finally {
            native.dispose();
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('whole runs give the same canonical prices and quantities whichever solver clears them (1e-6 relative)', () => {
    fc.assert(
      fc.property(syntheticWorldArbitrary({ scenarioPolicies: 3 }), (world) => {
        const native = simulate(withSolver(world, 'native'), solvers);
        const highs = simulate(withSolver(world, 'highs'), solvers);
        const prices = ['price', 'producerPrice', 'landedPrice', 'averagePrice', 'quotaRentUsd', 'subsidyUsd', 'welfareUsd'] as const;
        expectRunsAgree(native, highs, [...prices, 'production', 'consumption', 'stock', 'flow', 'shortage'], 1e-6);
      }),
      { numRuns: 40 },
    );
  });

  it('empties a demand curve completely when its only supply is cut (every step flips but the last, which enters)', () => {
    // One balance row: an import (+1, cost 10) and K demand steps (−1, willingness to pay above 10). The
    // first LP imports the whole curve; the second closes the import, so every step must go to zero —
    // the ratio test's last breakpoint closes the infeasibility exactly, up to round-off.
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 50, noNaN: true }), { minLength: 1, maxLength: 40 }), (widths) => {
        const K = widths.length;
        const n = K + 1;
        const starts = Int32Array.from({ length: n + 1 }, (_, j) => j);
        const indices = new Int32Array(n);
        const values = Float64Array.from({ length: n }, (_, j) => (j === 0 ? 1 : -1));
        const matrix = { numCols: n, numRows: 1, starts, indices, values, rowStarts: Int32Array.of(0, n), rowCols: Int32Array.from({ length: n }, (_, j) => j), rowVals: values };
        const colCost = Float64Array.from({ length: n }, (_, j) => (j === 0 ? 10 : -(11 + j)));
        const colUpper = Float64Array.from({ length: n }, (_, j) => (j === 0 ? Infinity : widths[j - 1]));
        const lp = (importCap: number): PeriodLp => ({ colCost, colLower: new Float64Array(n), colUpper: Float64Array.from(colUpper, (u, j) => (j === 0 ? importCap : u)), rowLower: new Float64Array(1), rowUpper: new Float64Array(1) });
        const simplex = new DualSimplex(matrix);
        const open = simplex.solve(lp(Infinity));
        expect(open, simplex.lastFailure).not.toBeNull();
        const closed = simplex.solve(lp(0));
        expect(closed, simplex.lastFailure).not.toBeNull();
        for (let j = 0; j < n; j++) expect(Math.abs(closed!.colValue[j])).toBeLessThan(1e-9 * (1 + widths.reduce((a, b) => a + b, 0)));
      }),
      { numRuns: 300 },
    );
  });
});

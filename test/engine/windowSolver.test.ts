/**
 * The tier-window solver (market.tierWindow, opt-in) returns an optimum of the full period LP: on random
 * small worlds with tiny windows (so windows must move, relief columns fire and folded tiers are checked
 * every solve) every invariant holds in every period, and where the LP is not degenerate the first
 * period's prices equal the full LP's.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkBalance,
  checkEquilibrium,
  checkNonNegative,
  loadHighsSolver,
  simulate,
  type MarketAudit,
  type MarketSolver,
  type SolverFactory,
} from '../../src/engine/index.js';
import type { ModelInput } from '../../src/model/types.js';
import { syntheticWorldArbitrary } from '../../src/testing/arbitraries.js';

let solvers: SolverFactory;
beforeAll(async () => {
  solvers = await loadHighsSolver();
});

function windowed(world: ModelInput, tierWindow: number): ModelInput {
  return { ...world, market: { ...world.market, tierWindow } };
}

describe('tier-window solver', () => {
  it('every period of a windowed run passes the invariants of the full LP', () => {
    fc.assert(
      fc.property(syntheticWorldArbitrary(), fc.constantFrom(2, 3, 6), (world, w) => {
        const input = windowed(world, w);
        const audits: Record<'baseline' | 'scenario', MarketAudit[]> = { baseline: [], scenario: [] };
        const result = simulate(input, solvers, { onPeriod: (audit) => audits[audit.run].push(audit) });
        for (const kind of ['baseline', 'scenario'] as const) {
          result[kind].forEach((r, t) => {
            expect(checkBalance(input, result[kind][t - 1] ?? null, r)).toEqual([]);
            expect(checkNonNegative(r, audits[kind][t])).toEqual([]);
            expect(checkEquilibrium(input, audits[kind][t])).toEqual([]);
          });
        }
      }),
      { numRuns: 40 },
    );
  });

  it('is deterministic and actually solves reduced LPs', () => {
    fc.assert(
      fc.property(syntheticWorldArbitrary({ scenarioPolicies: 0 }), (world) => {
        const made: MarketSolver[] = [];
        const counting: SolverFactory = { create: (l) => { const s = solvers.create(l); made.push(s); return s; } };
        const a = simulate(windowed(world, 4), counting);
        const b = simulate(windowed(world, 4), solvers);
        expect(b).toEqual(a);
        for (const s of made) expect(s.counters?.().reducedSolves ?? 0).toBeGreaterThan(0);
      }),
      { numRuns: 10 },
    );
  });

  it('gives the full LP prices in the first period', () => {
    fc.assert(
      fc.property(syntheticWorldArbitrary(), (world) => {
        const full = simulate(world, solvers).baseline[0];
        const win = simulate(windowed(world, 3), solvers).baseline[0];
        // Prices are duals: unique unless degenerate; compare where both runs report activity-backed prices.
        for (let i = 0; i < full.price.length; i++) {
          if (full.consumption[i] + full.production[i] + full.imports[i] <= 1e-6) continue;
          expect(win.price[i]).toBeCloseTo(full.price[i], 4);
        }
      }),
      { numRuns: 30 },
    );
  });
});

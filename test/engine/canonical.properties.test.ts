/**
 * Results do not depend on the solver's path: the canonical prices and quantities of a period (see
 * src/engine/canonical.ts) are the same whether its LP is solved warm (from the basis of the periods
 * before) or cold (a fresh model), and a whole run solved cold every period equals the warm run.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { coldSolverFactory, loadSolvers, simulate, type MarketAudit, type SolverFactory } from '../../src/engine/index.js';
import { clearMarket } from '../../src/engine/market.js';
import { syntheticWorldArbitrary } from '../../src/testing/arbitraries.js';
import { expectRunsAgree, maxRelDiff } from './fixtures.js';

let solvers: SolverFactory;
beforeAll(async () => {
  solvers = await loadSolvers();
});


describe('canonical prices and quantities', () => {
  it('the same period solved cold and warm gives the same prices (1e-6 relative) and quantities', () => {
    fc.assert(
      fc.property(syntheticWorldArbitrary({ scenarioPolicies: 2, worldPolicies: 1 }), (world) => {
        const audits: MarketAudit[] = [];
        simulate(world, solvers, { onPeriod: (audit) => audits.push(audit) });
        for (const audit of audits) {
          const cold = solvers.create(audit.layout);
          try {
            const again = clearMarket({ period: cold, oneShot: solvers.oneShot }, world, audit.layout, audit.setup);
            expect(maxRelDiff(again.price, audit.outcome.price), `${audit.run} period ${audit.period}: prices`).toBeLessThan(1e-6);
            expect(maxRelDiff(again.colValue, audit.outcome.colValue), `${audit.run} period ${audit.period}: quantities`).toBeLessThan(1e-6);
          } finally {
            cold.dispose();
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('a whole run solved cold every period equals the warm run', () => {
    fc.assert(
      fc.property(syntheticWorldArbitrary({ scenarioPolicies: 3 }), (world) => {
        const warm = simulate(world, solvers);
        const cold = simulate(world, coldSolverFactory(solvers));
        expectRunsAgree(warm, cold, ['price', 'producerPrice', 'landedPrice', 'quotaRentUsd', 'welfareUsd', 'production', 'consumption', 'stock', 'flow', 'shortage'], 1e-6);
      }),
      { numRuns: 25 },
    );
  });
});

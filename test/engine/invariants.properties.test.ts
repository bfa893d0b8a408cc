/**
 * Laws of every run on random small worlds (2–5 regions, 1–4 products, optional processing chains, random
 * world and scenario policies, dynamics on or off): the invariants hold in every period, mass is conserved
 * over the run, runs are deterministic, and without scenario policies the scenario is the baseline.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkBalance,
  checkEquilibrium,
  checkNonNegative,
  loadSolvers,
  simulate,
  type MarketAudit,
  type SolverFactory,
} from '../../src/engine/index.js';
import type { ModelInput, PeriodResult, RunResult } from '../../src/model/types.js';
import { syntheticWorld } from '../../src/model/synthetic.js';
import { syntheticWorldArbitrary } from '../../src/testing/arbitraries.js';

let solvers: SolverFactory;
beforeAll(async () => {
  solvers = await loadSolvers();
});

interface Recorded {
  readonly result: RunResult;
  readonly audits: { baseline: MarketAudit[]; scenario: MarketAudit[] };
}

function run(world: ModelInput): Recorded {
  const audits: Recorded['audits'] = { baseline: [], scenario: [] };
  const result = simulate(world, solvers, { onPeriod: (audit) => audits[audit.run].push(audit) });
  return { result, audits };
}

function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

describe('invariants in every period', () => {
  it('balance, non-negativity and equilibrium hold (checked by the exported oracles)', () => {
    fc.assert(
      fc.property(syntheticWorldArbitrary(), (world) => {
        const { result, audits } = run(world);
        for (const kind of ['baseline', 'scenario'] as const) {
          const periods = result[kind];
          expect(periods).toHaveLength(world.timeline.labels.length);
          periods.forEach((r, t) => {
            expect(checkBalance(world, periods[t - 1] ?? null, r)).toEqual([]);
            expect(checkNonNegative(r, audits[kind][t])).toEqual([]);
            expect(checkEquilibrium(world, audits[kind][t])).toEqual([]);
          });
        }
      }),
      { numRuns: 60 },
    );
  });

  it('`check: true` runs the same oracles and passes', () => {
    fc.assert(
      fc.property(syntheticWorldArbitrary({ scenarioPolicies: 3 }), (world) => {
        simulate(world, solvers, { check: true });
      }),
      { numRuns: 25 },
    );
  });
});

describe('mass over the whole run', () => {
  it('initial stocks + production = consumption + process input + disposal + final stocks + in transit, per product', () => {
    fc.assert(
      fc.property(syntheticWorldArbitrary({ policyTypes: ['export_license', 'stockpile_release', 'stockpile_build', 'export_ban'] }), (world) => {
        const { result, audits } = run(world);
        const P = world.products.length;
        const R = world.regions.length;
        for (const kind of ['baseline', 'scenario'] as const) {
          const periods: readonly PeriodResult[] = result[kind];
          const T = periods.length;
          const layout = audits[kind][0].layout;
          for (let p = 0; p < P; p++) {
            let left = 0;
            let right = 0;
            for (const s of world.stocks) if (s.product === p) left += s.commercial + s.strategic;
            let shipped = 0;
            let arrived = 0;
            let inTransit = 0;
            periods.forEach((r, t) => {
              for (let reg = 0; reg < R; reg++) {
                const rp = reg * P + p;
                left += r.production[rp];
                right += r.consumption[rp] + r.processInput[rp] + r.disposal[rp];
                arrived += r.arrivals[rp];
              }
              const x = audits[kind][t].outcome.colValue;
              const delay = audits[kind][t].setup.controls.shipDelay;
              for (let l = p * R * R; l < (p + 1) * R * R; l++) {
                const j = layout.shipCol[l];
                if (j < 0) continue;
                shipped += x[j];
                if (t + delay[l] >= T) inTransit += x[j];
              }
            });
            const last = periods[T - 1];
            for (let reg = 0; reg < R; reg++) right += last.stock[reg * P + p] + last.strategicStock[reg * P + p];
            right += inTransit;
            const scale = Math.max(1, left, right);
            expect(Math.abs(left - right) / scale).toBeLessThan(1e-6);
            expect(Math.abs(shipped - inTransit - arrived) / Math.max(1, shipped)).toBeLessThan(1e-9); // the pipeline delivers what it took
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('reproducibility', () => {
  it('the same input gives bit-identical results', () => {
    fc.assert(
      fc.property(syntheticWorldArbitrary(), (world) => {
        const a = simulate(world, solvers);
        const b = simulate(world, solvers);
        expect(b).toEqual(a);
        expect(Buffer.from(b.scenario.at(-1)!.price.buffer).equals(Buffer.from(a.scenario.at(-1)!.price.buffer))).toBe(true);
      }),
      { numRuns: 20 },
    );
  });

  it('a run does not depend on the runs before it in the same process', () => {
    const world = syntheticWorld({ seed: 7, regions: 4, products: 3, periods: 6, processes: true, scenarioPolicies: 2 });
    const first = simulate(world, solvers);
    simulate(syntheticWorld({ seed: 8, regions: 5, products: 4, periods: 5, scenarioPolicies: 3 }), solvers);
    expect(simulate(world, solvers)).toEqual(first);
  });

  it('without scenario policies the scenario is the baseline, bit for bit', () => {
    fc.assert(
      fc.property(syntheticWorldArbitrary({ scenarioPolicies: 0, worldPolicies: 2 }), (world) => {
        const res = simulate(world, solvers);
        expect(res.scenario).toEqual(res.baseline);
      }),
      { numRuns: 30 },
    );
  });
});

describe('the oracles catch violations', () => {
  const world = syntheticWorld({ seed: 3, regions: 3, products: 2, periods: 2, processes: true });
  it('checkBalance flags a period whose consumption was altered', () => {
    const { result } = run(world);
    const r = result.scenario[0];
    const rp = r.consumption.findIndex((c) => c > 1);
    const bad = { ...r, consumption: Float64Array.from(r.consumption, (c, i) => (i === rp ? c * 1.01 : c)) };
    expect(checkBalance(world, null, bad).length).toBeGreaterThan(0);
  });
  it('checkEquilibrium flags a moved price', () => {
    const { audits } = run(world);
    const a = audits.scenario[0];
    const price = Float64Array.from(a.outcome.price);
    const rp = price.findIndex((_, i) => a.outcome.price[i] > 0 && sum(a.setup.q) > 0);
    price[rp] *= 1.05;
    const bad = { ...a, outcome: { ...a.outcome, price, wedgePrice: price } };
    expect(checkEquilibrium(world, bad).length).toBeGreaterThan(0);
  });
  it('checkNonNegative flags a negative stock and a non-finite price', () => {
    const { result } = run(world);
    const r = result.scenario[0];
    expect(checkNonNegative({ ...r, stock: Float64Array.from(r.stock, (s, i) => (i === 0 ? -5 : s)) }).length).toBeGreaterThan(0);
    expect(checkNonNegative({ ...r, price: Float64Array.from(r.price, (s, i) => (i === 0 ? NaN : s)) }).length).toBeGreaterThan(0);
  });
});

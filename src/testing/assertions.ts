/**
 * The engine's invariants as assertions on a `simulate` result, for property tests in any runner
 * (vitest, node:test, jest): each throws an InvariantViolation listing what failed, and returns
 * nothing when the run is sound. They are the same oracles `reesim run --check` applies.
 *
 * - balance: in every period and region × product, supply equals use (checkBalance);
 * - non-negativity: no negative quantity or stock, no non-finite price (checkNonNegative);
 * - equilibrium: prices and flows satisfy the equilibrium conditions of docs/model (checkEquilibrium);
 * - welfare: the regions' welfare terms add up to what the period's LP implies (checkWelfare).
 * Non-negativity and equilibrium read the market audits: simulate with `{ audit: true }`.
 */
import type { Simulation } from '../api/simulate.js';
import { checkBalance, checkEquilibrium, checkNonNegative, checkWelfare, type MarketAudit } from '../engine/invariants.js';
import type { PeriodResult } from '../model/types.js';

/** An invariant does not hold; `problems` lists every violation, each naming its run and period. */
export class InvariantViolation extends Error {
  readonly problems: readonly string[];
  constructor(what: string, problems: readonly string[]) {
    const head = problems.slice(0, 20).join('\n  ');
    const more = problems.length > 20 ? `\n  … and ${problems.length - 20} more` : '';
    super(`${what} does not hold:\n  ${head}${more}`);
    this.name = 'InvariantViolation';
    this.problems = problems;
  }
}

const RUNS = ['baseline', 'scenario'] as const;

/** Applies a per-period check to both runs; every problem is prefixed with its run and period. */
function everyPeriod(sim: Simulation, check: (run: (typeof RUNS)[number], t: number, result: PeriodResult, previous: PeriodResult | null) => string[]): string[] {
  const problems: string[] = [];
  for (const run of RUNS) {
    sim.run[run].forEach((result, t) => {
      for (const p of check(run, t, result, sim.run[run][t - 1] ?? null)) problems.push(`${run} run, ${sim.model.timeline.labels[t] ?? `period ${t}`}: ${p}`);
    });
  }
  return problems;
}

function auditsOf(sim: Simulation, what: string): { readonly baseline: readonly MarketAudit[]; readonly scenario: readonly MarketAudit[] } {
  if (!sim.audits) throw new TypeError(`${what} reads the market audits: simulate with { audit: true }`);
  return sim.audits;
}

function fail(what: string, problems: string[]): void {
  if (problems.length > 0) throw new InvariantViolation(what, problems);
}

/** Supply equals use in every period, region and product of both runs. */
export function assertBalance(sim: Simulation): void {
  fail('balance', everyPeriod(sim, (_, __, result, previous) => checkBalance(sim.model, previous, result)));
}

/** No negative quantity or stock, no non-finite price, in either run (needs `audit: true`). */
export function assertNonNegative(sim: Simulation): void {
  const audits = auditsOf(sim, 'assertNonNegative');
  fail('non-negativity', everyPeriod(sim, (run, t, result) => checkNonNegative(result, audits[run][t])));
}

/** The equilibrium conditions hold in every period of both runs (needs `audit: true`). */
export function assertEquilibrium(sim: Simulation): void {
  const audits = auditsOf(sim, 'assertEquilibrium');
  fail('equilibrium', everyPeriod(sim, (run, t) => checkEquilibrium(sim.model, audits[run][t])));
}

/** The regions' welfare terms add up in every period of both runs (engine/welfare.ts). */
export function assertWelfare(sim: Simulation): void {
  fail('welfare', everyPeriod(sim, (_, __, result) => checkWelfare(result)));
}

/** Balance, non-negativity, equilibrium and welfare, all at once (needs `audit: true`). */
export function assertInvariants(sim: Simulation): void {
  const audits = auditsOf(sim, 'assertInvariants');
  fail('the invariants', everyPeriod(sim, (run, t, result, previous) => [
    ...checkBalance(sim.model, previous, result),
    ...checkNonNegative(result, audits[run][t]),
    ...checkEquilibrium(sim.model, audits[run][t]),
    ...checkWelfare(result),
  ]));
}

/**
 * The period loop: a scenario run and its baseline, in lockstep.
 *
 * In each period the baseline (world policies only) steps first, then the scenario (world + scenario
 * policies), because scenario policies may refer to the baseline's flow in the same period (licences,
 * leakage, `blocked`). Each run owns a fresh solver created here and disposed here; warm starts happen
 * only within a run. Before the first period, period 0 is cleared once with passive stocks and world
 * policies only (the warm-up, on solvers of its own): its prices seed price expectations and the first
 * fixed-point estimate, its use seeds the coverage targets. Both runs start from that state with fresh
 * solvers, so without scenario policies they make identical solver calls and their results are bitwise
 * identical.
 *
 * A world policy that caps links from before the run (its start at or before period 0) has no baseline
 * period before it to take its reference flow from: it takes the flow of an unrestricted clearing of
 * period 0 (no policies at all, passive stocks), made once per simulation.
 *
 * `simulate` is synchronous and pure given its inputs: no I/O, no clock, no randomness.
 */
import type { ModelInput, PeriodResult, RunResult } from '../model/types.js';
import type { HoldingCurve } from './curves.js';
import { advanceState } from './dynamics.js';
import { checkBalance, checkEquilibrium, checkNonNegative, checkWelfare, EquilibriumError, type MarketAudit } from './invariants.js';
import { checkPolicyLimits } from './oracle.js';
import { armingtonBenchmark } from './benchmark.js';
import { buildLayout, isExportCap, type LpLayout } from './layout.js';
import { clearPassive, controlsOf, marketSetup, NO_REFERENCES, referenceState, type References } from './passive.js';
import { clearMarket, type MarketSolvers } from './market.js';
import type { PeriodControls } from './policies/index.js';
import { summarisePeriod, type PeriodSummary } from './report.js';
import { rememberingOneShot, type SelectionSolver, type SolverFactory } from './solver.js';
import { initialState, ringSizes, type RunState } from './state.js';

/** Options of `simulate`. */
export interface SimulateOptions {
  /**
   * Run checkBalance, checkEquilibrium and checkNonNegative every period, and checkPolicyLimits (the
   * scenario's own limits on every link) on the finished run; throw EquilibriumError on a violation.
   */
  readonly check?: boolean;
  /** Called with every cleared period of both runs (tests use it to apply the invariants themselves). */
  readonly onPeriod?: (audit: MarketAudit, result: PeriodResult) => void;
}

/** Which run a period belongs to. */
export type RunKind = 'baseline' | 'scenario';

interface Run {
  readonly kind: RunKind;
  /** The run's solvers, released when the run ends. */
  readonly solvers: MarketSolvers & { readonly oneShot: SelectionSolver };
  readonly policyIndices: readonly number[];
  state: RunState;
  readonly results: PeriodResult[];
}

/** Simulates the scenario and its baseline period by period (see the module comment). */
export function simulate(input: ModelInput, solvers: SolverFactory, options: SimulateOptions = {}): RunResult {
  const layout = buildLayout(input, armingtonBenchmark(input, solvers));
  const T = input.timeline.labels.length;
  if (T === 0) return { baseline: [], scenario: [] };
  const world = layout.policies.map((_, i) => i).filter((i) => i < layout.worldPolicyCount);
  const all = layout.policies.map((_, i) => i);
  const runs: Run[] = [];
  try {
    const before = worldCapsFromBefore(layout) ? unrestrictedFlows(input, layout, solvers) : null;
    const start = warmUp(input, layout, solvers, world, before);
    runs.push(openRun('baseline', openSolvers(input, layout, solvers), world, start));
    runs.push(openRun('scenario', openSolvers(input, layout, solvers), all, start));
    const [baseline, scenario] = runs;
    for (let t = 0; t < T; t++) {
      const reference = referenceFlows(layout, baseline.results, t, before);
      for (const run of runs) {
        const { audit, summary } = stepRun(run, input, layout, t, reference);
        if (options.check) assertInvariants(input, audit, run.results[t - 1] ?? null, summary.result);
        options.onPeriod?.(audit, summary.result);
        run.results.push(summary.result);
        run.state = advanceState(input, layout, run.state, t, summary);
      }
    }
    const result = { baseline: baseline.results, scenario: scenario.results };
    if (options.check) {
      const problems = checkPolicyLimits(input, result);
      if (problems.length > 0) throw new EquilibriumError(`policy limits:\n  ${problems.slice(0, 20).join('\n  ')}${problems.length > 20 ? `\n  … and ${problems.length - 20} more` : ''}`, problems);
    }
    return result;
  } finally {
    for (const run of runs) closeSolvers(run.solvers);
  }
}

/** A fresh period solver and selection solver (warm within one run or clearing, never shared between them). */
function openSolvers(input: ModelInput, layout: LpLayout, solvers: SolverFactory): Run['solvers'] {
  return { period: solvers.create(layout, input.market.solver), oneShot: rememberingOneShot(solvers.selection()) };
}

function closeSolvers(run: Run['solvers']): void {
  run.period.dispose();
  run.oneShot.dispose();
}

function openRun(kind: RunKind, solvers: Run['solvers'], policyIndices: number[], start: RunState): Run {
  return { kind, solvers, policyIndices, state: start, results: [] };
}

/** Whether some world policy caps links from before the run (its start at or before period 0). */
function worldCapsFromBefore(layout: LpLayout): boolean {
  return layout.policies.some(
    (pol, i) => i < layout.worldPolicyCount && pol.start <= 0 && (isExportCap(pol) || pol.type === 'import_ban'),
  );
}

/** Flows of an unrestricted clearing of period 0: no policies, passive stocks (a fresh solver, dropped after). */
function unrestrictedFlows(input: ModelInput, layout: LpLayout, solvers: SolverFactory): PeriodResult {
  const period = solvers.create(layout, input.market.solver);
  try {
    return clearPassive({ period, oneShot: solvers.oneShot }, input, layout, referenceState(input, layout), [], NO_REFERENCES).result;
  } finally {
    period.dispose();
  }
}

/**
 * Reference flows for policy i on link l in period t (see PolicyContext.referenceFlow); world policies in
 * force from before the run take the flows of an unrestricted clearing of period 0 (`before`).
 */
function referenceFlows(layout: LpLayout, baseline: readonly PeriodResult[], t: number, before: PeriodResult | null): References {
  const pick = (field: 'flow' | 'contentFlow') => (i: number, l: number) => {
    if (i >= layout.worldPolicyCount) return baseline[t]?.[field][l] ?? 0;
    const last = layout.policies[i].start - 1;
    if (last < 0) return before?.[field][l] ?? 0;
    return last < baseline.length ? baseline[last][field][l] : 0;
  };
  return { flow: pick('flow'), content: pick('contentFlow') };
}

/**
 * The runs' initial state: period 0 cleared with passive stocks and world policies only, on solvers of
 * its own (dropped after), so that both runs start their first period from the same state and the same
 * (cold) solvers — without scenario policies they then make identical solver calls.
 */
function warmUp(input: ModelInput, layout: LpLayout, solvers: SolverFactory, worldPolicies: readonly number[], before: PeriodResult | null): RunState {
  const own = openSolvers(input, layout, solvers);
  try {
    const summary = clearPassive(own, input, layout, referenceState(input, layout), worldPolicies, {
      flow: (_i, l) => before?.flow[l] ?? 0,
      content: (_i, l) => before?.contentFlow[l] ?? 0,
    });
    const { result } = summary;
    const use = Float64Array.from(result.demand, (d, rp) => d + result.processInput[rp]);
    return initialState(input, layout, summary.rowPrice, use, summary.legalFlow);
  } finally {
    closeSolvers(own);
  }
}

function stepRun(
  run: Run,
  input: ModelInput,
  layout: LpLayout,
  t: number,
  references: References,
): { audit: MarketAudit; summary: PeriodSummary } {
  const controls = controlsOf(input, layout, t, run.policyIndices, references);
  const state = run.state;
  const setup = marketSetup(input, layout, state, t, controls, {
    holding: holdingCurves(input, layout, state, controls),
    arrivals: arrivalsOf(input, layout, state, t),
    release: Float64Array.from(controls.release, (r, rp) => Math.min(r, state.strategic[rp])),
  });
  const outcome = clearMarket(run.solvers, input, layout, setup);
  const summary = summarisePeriod(input, layout, setup, outcome, state.strategic);
  const audit: MarketAudit = { run: run.kind, period: t, layout, setup, outcome, strategicBegin: state.strategic };
  return { audit, summary };
}

/** Holders' stock-holding curve of each region × product this period (curves.ts). */
function holdingCurves(input: ModelInput, layout: LpLayout, state: RunState, controls: PeriodControls): HoldingCurve[] {
  const inv = input.dynamics.inventory;
  const n = Math.max(1, inv.adjustmentPeriods);
  const eta = Math.max(0, inv.priceResponse);
  const carry = Math.max(0, inv.carryingCost);
  return Array.from({ length: layout.balanceRows }, (_, rp) => {
    const extra = inv.enabled ? controls.extraCoverage[rp] + Math.max(0, inv.momentumCoverage) * state.momentum[rp] : 0;
    return {
      s0: state.stock[rp],
      pe: state.expectedPrice[rp] / (1 + carry),
      pn: state.normalPrice[rp] / (1 + carry),
      base: Math.max(0, layout.coverage[rp]) * state.use[rp],
      extra: Math.max(0, extra) * state.use[rp],
      n,
      eta,
    };
  });
}

/** Licensed shipments arriving in period t, per market row (the destination's balance or variety row). */
function arrivalsOf(input: ModelInput, layout: LpLayout, state: RunState, t: number): Float64Array {
  const { transitSlots, links } = ringSizes(input, layout);
  const out = new Float64Array(layout.marketRows);
  const base = (t % transitSlots) * links;
  for (let l = 0; l < links; l++) {
    const v = state.transitRing[base + l];
    if (v !== 0) out[layout.linkToRow[l]] += v;
  }
  return out;
}

/** Runs the invariants on one period and throws EquilibriumError listing every violation. */
export function assertInvariants(input: ModelInput, audit: MarketAudit, previous: PeriodResult | null, result: PeriodResult): void {
  const problems = [
    ...checkBalance(input, previous, result),
    ...checkNonNegative(result, audit),
    ...checkEquilibrium(input, audit),
    ...checkWelfare(result),
  ];
  if (problems.length > 0) {
    const head = problems.slice(0, 20).join('\n  ');
    const more = problems.length > 20 ? `\n  … and ${problems.length - 20} more` : '';
    throw new EquilibriumError(`${audit.run} run, period ${audit.period} (${input.timeline.labels[audit.period]}):\n  ${head}${more}`, problems);
  }
}

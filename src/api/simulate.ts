/**
 * `simulate`: one draw of a loaded scenario (or an engine ModelInput, e.g. a synthetic world) beside its
 * baseline, in memory — no files written. What property tests call on each generated case.
 */
import type { MarketAudit } from '../engine/invariants.js';
import type { ModelInput, RunResult } from '../model/types.js';
import type { DrawnInput, LoadedScenario } from '../scenario/index.js';
import { marketSolvers, loaderModule, simulateModule } from './engine.js';
import { pairSummaries, type PairSummary } from './summary.js';

/** Options of `simulate`. */
export interface SimulateOptions {
  /** Monte Carlo draw of a scenario (default 0: central values). Draw k is the same as in `reesim run --draws n`. */
  readonly draw?: number;
  /** Run the balance and equilibrium checks every period; throw EquilibriumError on a violation. */
  readonly check?: boolean;
  /**
   * Keep every period's market audit (the LP solution and its duals) in `audits`, so that
   * `checkEquilibrium` or the assertions of `reesim/testing` can be applied afterwards. Memory grows
   * with the LP's size × periods: meant for small worlds and short runs.
   */
  readonly audit?: boolean;
  /** Scenario policies (by id) left out of the scenario run, as `reesim attribute` does. */
  readonly withoutPolicies?: readonly string[];
}

/** The outcome of `simulate`: plain data. */
export interface Simulation {
  /** The engine's input for this draw (canonical units, dense indices: see ModelInput). */
  readonly model: ModelInput;
  readonly draw: number;
  /** The drawn uncertain inputs of this draw (a row of draws.csv); empty for a ModelInput. */
  readonly inputs: readonly DrawnInput[];
  /** Period results of the baseline and the scenario run. */
  readonly run: RunResult;
  /** Every active region × product, with the measures of summary.csv (unrounded). */
  readonly summary: readonly PairSummary[];
  /** Market audits per period of each run, when `audit: true`. */
  readonly audits?: { readonly baseline: readonly MarketAudit[]; readonly scenario: readonly MarketAudit[] };
}

/** Whether the input is an engine ModelInput rather than a loaded scenario. */
function isModelInput(input: LoadedScenario | ModelInput): input is ModelInput {
  return 'timeline' in input && Array.isArray((input as ModelInput).regions);
}

/** The model of one draw: resolved from a loaded scenario, or the ModelInput itself (policies left out by id). */
async function modelOf(input: LoadedScenario | ModelInput, draw: number, without: readonly string[]): Promise<{ model: ModelInput; inputs: DrawnInput[] }> {
  if (isModelInput(input)) {
    if (draw !== 0) throw new RangeError('simulate: a ModelInput is already one draw; `draw` applies to loaded scenarios');
    const unknown = without.filter((id) => !input.scenarioPolicies.some((p) => p.id === id));
    if (unknown.length > 0) throw new RangeError(`simulate: withoutPolicies: ${unknown.map((id) => `"${id}"`).join(', ')} is not a scenario policy of the model`);
    return { model: { ...input, scenarioPolicies: input.scenarioPolicies.filter((p) => !without.includes(p.id)) }, inputs: [] };
  }
  const { resolveDraw } = await loaderModule();
  return resolveDraw(input, draw, { withoutPolicies: [...without] });
}

/**
 * Simulates one draw of `input` — a scenario from `loadScenario`, or a ModelInput — and its baseline.
 * The first call loads HiGHS (~0.2 s); the result depends only on the input and the draw.
 */
export async function simulate(input: LoadedScenario | ModelInput, options: SimulateOptions = {}): Promise<Simulation> {
  const draw = options.draw ?? 0;
  const [{ simulate: simulateModel }, solvers, { model, inputs }] = await Promise.all([simulateModule(), marketSolvers(), modelOf(input, draw, options.withoutPolicies ?? [])]);
  const audits = options.audit ? { baseline: [] as MarketAudit[], scenario: [] as MarketAudit[] } : undefined;
  const run = simulateModel(model, solvers, { check: options.check, onPeriod: audits ? (audit) => audits[audit.run].push(audit) : undefined });
  return { model, draw, inputs, run, summary: pairSummaries(model, run), ...(audits ? { audits } : {}) };
}

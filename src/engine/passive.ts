/**
 * Clearings outside the period loop: the state before any clearing, and period 0 cleared with passive
 * stocks (holders neither buy nor sell). The warm-up of each run, the unrestricted reference of world
 * policies in force from before the run, and the Armington benchmark (benchmark.ts) are such clearings.
 */
import type { ModelInput } from '../model/types.js';
import type { HoldingCurve } from './curves.js';
import type { LpLayout } from './layout.js';
import { clearMarket, type MarketSetup, type MarketSolvers } from './market.js';
import { periodControls, type PeriodControls, type PolicyContext } from './policies/index.js';
import { summarisePeriod, type PeriodSummary } from './report.js';
import { initialState, type RunState } from './state.js';

/** Reference flows of the policies (PolicyContext.referenceFlow and referenceContentFlow). */
export interface References {
  readonly flow: (policyIndex: number, link: number) => number;
  readonly content: (policyIndex: number, link: number) => number;
}

/** No reference flows (a clearing with no policies). */
export const NO_REFERENCES: References = { flow: () => 0, content: () => 0 };

/** The state before any clearing: the layout's start prices, no use, no established links yet. */
export function referenceState(input: ModelInput, layout: LpLayout): RunState {
  const refPrice = layout.startPrice;
  // Before the warm-up nothing has qualified, and nothing is new either: every route counts as established.
  return initialState(input, layout, refPrice, new Float64Array(layout.balanceRows), new Float64Array(layout.routeFresh.length).fill(Infinity));
}

/** Clears period 0 with passive stocks (holders neither buy nor sell) under the given policies. */
export function clearPassive(
  solvers: MarketSolvers,
  input: ModelInput,
  layout: LpLayout,
  state: RunState,
  policyIndices: readonly number[],
  references: References,
): PeriodSummary {
  const controls = controlsOf(input, layout, 0, policyIndices, references);
  const setup = marketSetup(input, layout, state, 0, controls);
  return summarisePeriod(input, layout, setup, clearMarket(solvers, input, layout, setup), state.strategic);
}

/** The controls of period t: the policies `policyIndices` in force, with their reference flows. */
export function controlsOf(input: ModelInput, layout: LpLayout, t: number, policyIndices: readonly number[], references: References): PeriodControls {
  const ctx: PolicyContext = { input, layout, period: t, referenceFlow: references.flow, referenceContentFlow: references.content };
  return periodControls(ctx, policyIndices);
}

/**
 * The market of period t as the run state leaves it. `stocks` gives the holders' curves, the arrivals
 * and the strategic releases; without it stocks are passive (holders neither buy nor sell), nothing
 * arrives and nothing is released.
 */
export function marketSetup(
  input: ModelInput,
  layout: LpLayout,
  state: RunState,
  t: number,
  controls: PeriodControls,
  stocks?: Pick<MarketSetup, 'holding' | 'arrivals' | 'release'>,
): MarketSetup {
  return {
    period: t,
    controls,
    q: effectiveDemand(input, t, controls, state),
    capacity: capacityInForce(state, controls),
    stockBegin: state.stock,
    holding: stocks?.holding ?? new Array<HoldingCurve | null>(layout.balanceRows).fill(null),
    arrivals: stocks?.arrivals ?? new Float64Array(layout.marketRows),
    release: stocks?.release ?? new Float64Array(layout.balanceRows),
    priceGuess: state.lastPrice,
    lastPrice: state.lastPrice,
    established: state.established,
    qualifying: state.qualifying,
    contractPrice: state.contractPrice,
  };
}

/** Q = reference quantity[t] × demand shocks × structural factor, per demand definition. */
function effectiveDemand(input: ModelInput, t: number, controls: PeriodControls, state: RunState): Float64Array {
  return Float64Array.from(input.demands, (dem, s) => {
    const ref = dem.referenceQuantity[Math.min(t, dem.referenceQuantity.length - 1)] ?? 0;
    return Math.max(0, (Number.isFinite(ref) ? ref : 0) * controls.demandFactor[s] * state.structural[s]);
  });
}

/** Capacity of each plant in force: its endogenous capacity plus scheduled policy changes. */
function capacityInForce(state: RunState, controls: PeriodControls): Float64Array {
  return Float64Array.from(state.capacity, (c, i) => Math.max(0, c + controls.capacityAdded[i]));
}


/**
 * reesim's library API (`import … from 'reesim'`): load scenario files, simulate them in memory or run
 * them into result folders, read result folders back, and audit runs with the equilibrium conditions.
 * Plain data in, plain data out. Importing this module has no side effects: HiGHS, the scenario loader
 * and the worker pool are loaded by the first call that needs them (src/api/engine.ts).
 *
 * Property-test generators and assertions live in `reesim/testing` (src/testing/).
 */
export { loadScenario } from './api/load.js';
export { simulate, type SimulateOptions, type Simulation } from './api/simulate.js';
export { runScenario, type RunScenarioOptions } from './api/run.js';
export { readResults, type Results } from './api/results.js';
export type { PairSummary, SummaryMeasure, SummaryRow } from './api/summary.js';
export { checkBalance, checkEquilibrium, checkNonNegative, checkWelfare, EquilibriumError, INVARIANT_TOLERANCE, type MarketAudit } from './engine/invariants.js';
export { checkPolicyLimits } from './engine/oracle.js';
export { ScenarioError, formatIssue, type Issue } from './scenario/issues.js';
export { UsageError } from './errors.js';
export { VERSION as version } from './version.js';

export type { LoadedScenario, LoadOptions } from './scenario/load.js';
export type { DrawnInput } from './scenario/fields.js';
export type { Expectation, ExpectationStatistic } from './scenario/expectations.js';
export type { ExpectationResult } from './study/expectations.js';
export type { RunSummary } from './study/runScenario.js';
export type { ModelInput, PeriodResult, RunResult, PolicyInput, PolicyType } from './model/types.js';

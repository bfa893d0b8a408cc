/**
 * The engine's public API: simulate a scenario beside its baseline, period by period, on a solver that
 * implements `MarketSolver` (HiGHS today), and audit the results with the exported invariants.
 */
export { simulate, assertInvariants, type SimulateOptions, type RunKind } from './simulate.js';
export { coldSolverFactory, loadSolvers, SolverError, type SelectionSolver, type SolverChoice, type SolverFactory, type MarketSolver, type PeriodLp, type LpSolution } from './solver.js';
export {
  checkBalance,
  checkEquilibrium,
  checkNonNegative,
  checkWelfare,
  EquilibriumError,
  INVARIANT_TOLERANCE,
  type MarketAudit,
} from './invariants.js';
export { checkPolicyLimits } from './oracle.js';
export { buildLayout, COL, type LpLayout } from './layout.js';
export { POLICY_PLUGINS } from './policies/index.js';

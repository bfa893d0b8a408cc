/**
 * The scenario language: load world and scenario files (YAML or JSON, `extends` chains, `set`,
 * units, expressions and distributions), report every problem located, and produce the engine's
 * ModelInput for each Monte Carlo draw.
 */
export { formatIssue, ScenarioError, type Issue } from './issues.js';
export { loadScenario, type LoadedScenario, type LoadOptions } from './load.js';
export { resolveDraw, type ResolveOptions } from './resolve.js';
export { scenarioJsonSchema, writeSchema } from './writeSchema.js';
export { DEFAULT_DEMAND, DEFAULT_DYNAMICS, DEFAULT_EXPANSION, DEFAULT_MARKET } from './defaults.js';
export type { DrawnInput } from './fields.js';

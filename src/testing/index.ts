/**
 * `reesim/testing`: generators and assertions for property tests of reesim models and of users' own
 * scenarios, in vitest, node:test or any runner. Needs fast-check (a peer dependency: install it beside
 * reesim); `reesim` itself does not.
 *
 * - random small worlds and random policies (the arbitraries the project's own property tests use);
 * - variants of a user's scenario: a policy's rate, dates or approval path drawn within ranges;
 * - the engine's invariants as assertions on a `simulate` result.
 */
export { policiesArbitrary, syntheticParamsArbitrary, syntheticWorldArbitrary, type PoliciesArbitraryOptions } from './arbitraries.js';
export { loadVariant, variantsOf, type RangeEnd, type ScenarioVariant, type VariantRange, type VariantRanges } from './variants.js';
export { assertBalance, assertEquilibrium, assertInvariants, assertNonNegative, assertWelfare, InvariantViolation } from './assertions.js';
export { syntheticWorld, type SyntheticParams } from '../model/synthetic.js';

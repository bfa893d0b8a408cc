/**
 * fast-check arbitraries of random small worlds and random policies: the generators the project's own
 * property tests use, exported through `reesim/testing` so that users can property-test their own code
 * and solvers on the same worlds. fast-check is imported only from this entry point (a peer dependency),
 * so `reesim` itself never needs it at run time.
 */
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import type { ModelInput, PolicyInput, PolicyType } from '../model/types.js';
import { ALL_POLICY_TYPES, randomPolicy, syntheticWorld, type SyntheticParams } from '../model/synthetic.js';

/** fast-check arbitrary of synthetic-world parameters: 2–5 regions, 1–4 products, short monthly runs. */
export function syntheticParamsArbitrary(overrides: Partial<SyntheticParams> = {}): fc.Arbitrary<SyntheticParams> {
  return fc
    .record({
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      regions: fc.integer({ min: 2, max: 5 }),
      products: fc.integer({ min: 1, max: 4 }),
      periods: fc.integer({ min: 2, max: 6 }),
      processes: fc.boolean(),
      scenarioPolicies: fc.integer({ min: 0, max: 3 }),
      worldPolicies: fc.integer({ min: 0, max: 1 }),
      dynamics: fc.boolean(),
      substitution: fc.boolean(),
    })
    .map((p) => ({ ...p, ...overrides }));
}

/**
 * fast-check arbitrary of small valid worlds (see syntheticParamsArbitrary), each with random world and
 * scenario policies: the engine's ModelInput, ready for `simulate`.
 */
export function syntheticWorldArbitrary(overrides: Partial<SyntheticParams> = {}): fc.Arbitrary<ModelInput> {
  return syntheticParamsArbitrary(overrides).map(syntheticWorld);
}

/** Options of `policiesArbitrary`. */
export interface PoliciesArbitraryOptions {
  /** Fewest and most policies (default 1 and 3). */
  readonly minLength?: number;
  readonly maxLength?: number;
  /** Policy types to draw from (default: every type). */
  readonly types?: readonly PolicyType[];
}

/**
 * fast-check arbitrary of random policies on a given world (ids `p0`, `p1`, …; windows inside the run,
 * sometimes announced early), for use as `{ ...world, scenarioPolicies }`. Each policy is built from a
 * drawn seed, so a counterexample prints as that seed and type and shrinks towards fewer policies.
 */
export function policiesArbitrary(world: ModelInput, options: PoliciesArbitraryOptions = {}): fc.Arbitrary<PolicyInput[]> {
  const types = options.types ?? ALL_POLICY_TYPES;
  if (types.length === 0) throw new RangeError('policiesArbitrary: `types` must name at least one policy type');
  const one = fc.record({ seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }), type: fc.constantFrom(...types) });
  return fc
    .array(one, { minLength: options.minLength ?? 1, maxLength: options.maxLength ?? 3 })
    .map((specs) => specs.map(({ seed, type }, i) => randomPolicy(seedrandom.alea(`${seed}:policy`), world, type, `p${i}`)));
}

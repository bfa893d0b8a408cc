/** fast-check arbitraries of synthetic worlds (kept out of src/ so the package never needs fast-check at run time). */
import fc from 'fast-check';
import type { ModelInput } from '../../src/model/types.js';
import { syntheticWorld, type SyntheticParams } from '../../src/model/synthetic.js';

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
    })
    .map((p) => ({ ...p, ...overrides }));
}

/** fast-check arbitrary of small valid worlds (see syntheticParamsArbitrary). */
export function syntheticWorldArbitrary(overrides: Partial<SyntheticParams> = {}): fc.Arbitrary<ModelInput> {
  return syntheticParamsArbitrary(overrides).map(syntheticWorld);
}

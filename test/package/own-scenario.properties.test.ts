// Property tests of a scenario of your own, written only with reesim's public API.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario, simulate, type Simulation } from 'reesim';
import { assertInvariants, loadVariant, variantsOf } from 'reesim/testing';

const scenario = await loadScenario('test/fixtures/check/pass/ban.yaml');

// The ban may start any month from February to May 2025 and leak 0–40 % of the blocked flow.
const variants = variantsOf(scenario, {
  'policies.cn-magnet-ban.start': ['2025-02', '2025-05'],
  'policies.cn-magnet-ban.leakage': ['0%', '40%'],
});

const usMagnets = (sim: Simulation) => sim.summary.find((row) => row.region === 'US' && row.product === 'magnet')!;

describe('the magnet ban, whenever it starts and however much it leaks', () => {
  it('clears every market: balance, non-negativity and the equilibrium conditions hold', async () => {
    await fc.assert(
      fc.asyncProperty(variants, async (variant) => {
        assertInvariants(await simulate(await loadVariant(variant), { audit: true }));
      }),
      { numRuns: 10 },
    );
  });

  it('leaves the US short of at most 5 kt of magnets, and of none without the ban', async () => {
    await fc.assert(
      fc.asyncProperty(variants, async (variant) => {
        const loaded = await loadVariant(variant);
        const withBan = await simulate(loaded);
        const withoutBan = await simulate(loaded, { withoutPolicies: ['cn-magnet-ban'] });
        expect(usMagnets(withBan).cumulative_shortage_t).toBeLessThanOrEqual(5000);
        expect(usMagnets(withoutBan).cumulative_shortage_t).toBeLessThan(0.001); // below 1 kg
      }),
      { numRuns: 10 },
    );
  });
});

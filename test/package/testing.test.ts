/**
 * `reesim/testing`: variants stay within their ranges and are valid scenarios, mistakes in the ranges
 * are named at once, the random policies are simulable, and the assertions catch broken runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario, simulate } from 'reesim';
import {
  assertBalance, assertEquilibrium, assertInvariants, InvariantViolation, loadVariant, policiesArbitrary, syntheticWorld, variantsOf,
} from 'reesim/testing';

const BAN = 'test/fixtures/check/pass/ban.yaml';
const scenario = await loadScenario(BAN, { seed: 4 });

const month = (text: string) => Number(text.slice(0, 4)) * 12 + Number(text.slice(5, 7)) - 1;

describe('variantsOf', () => {
  it('draws every parameter within its range, as set overrides of the scenario file', () => {
    const variants = variantsOf(scenario, {
      'policies.cn-magnet-ban.start': ['2025-02', '2025-04'],
      'policies.cn-magnet-ban.end': ['2025-03', '2025-06'],
      'policies.cn-magnet-ban.leakage': { '2025-01': ['0%', '10%'], '2025-05': '50%' },
      'demand.US.magnet.growth': ['5%/yr', '15 %/yr'],
      'policies.us-301.rate': { oneOf: ['0%', '25%', 0.5] },
    });
    for (const v of fc.sample(variants, { numRuns: 200, seed: 1 })) {
      expect(v.file).toBe(BAN);
      expect(v.options.seed).toBe(4);
      const set = v.options.set!;
      const [start, end] = [month(set['policies.cn-magnet-ban.start']), month(set['policies.cn-magnet-ban.end'])];
      expect(start).toBeGreaterThanOrEqual(month('2025-02'));
      expect(start).toBeLessThanOrEqual(month('2025-04'));
      expect(end).toBeGreaterThan(start);
      expect(end).toBeLessThanOrEqual(month('2025-06'));
      const leak = /^\{2025-01: ([\d.e-]+)%, 2025-05: 50%\}$/.exec(set['policies.cn-magnet-ban.leakage']);
      expect(leak).not.toBeNull();
      expect(Number(leak![1])).toBeGreaterThanOrEqual(0);
      expect(Number(leak![1])).toBeLessThanOrEqual(10);
      const growth = /^([\d.e-]+) %\/yr$/.exec(set['demand.US.magnet.growth']);
      expect(Number(growth![1])).toBeGreaterThanOrEqual(5);
      expect(Number(growth![1])).toBeLessThanOrEqual(15);
      expect(['0%', '25%', '0.5']).toContain(set['policies.us-301.rate']);
    }
  });

  it('yields variants that load as valid scenarios', async () => {
    const variants = variantsOf(scenario, {
      'policies.cn-magnet-ban.start': ['2025-01', '2025-06'],
      'policies.cn-magnet-ban.end': ['2025-02', '2026-06'],
      'policies.cn-magnet-ban.announce': ['2024-10', '2025-06'],
    });
    await fc.assert(fc.asyncProperty(variants, async (v) => {
      const loaded = await loadVariant(v);
      const ban = loaded.policies.find((p) => p.id === 'cn-magnet-ban')!;
      expect(ban.start).toBe(v.options.set!['policies.cn-magnet-ban.start']);
    }), { numRuns: 20 });
  });

  it('names a mistake in the ranges at once', () => {
    expect(() => variantsOf(scenario, { 'policies.cn-magnet-bann.start': ['2025-01', '2025-02'] })).toThrow(/variantsOf: policies\.cn-magnet-bann\.start: unknown policy in "cn-magnet-bann\.start" \(did you mean "cn-magnet-ban"\?\)/);
    expect(() => variantsOf(scenario, { 'policies.cn-magnet-ban.rate': ['0%', '10%'] })).toThrow(/cannot vary "rate" \(fields: start, end, announce, withdrawn, from, to, products, leakage, foreignMade, deMinimis\)/);
    expect(() => variantsOf(scenario, { 'policies.cn-magnet-ban.leakage': ['10%', '5 t'] })).toThrow(/both ends need the same unit/);
    expect(() => variantsOf(scenario, { 'policies.cn-magnet-ban.start': ['2025-06', '2025-01'] })).toThrow(/ends before it starts/);
    expect(() => variantsOf(scenario, { 'policies.cn-magnet-ban.leakage': { 'April': ['0%', '5%'] } })).toThrow(/expected a date/);
    expect(() => variantsOf(scenario, {})).toThrow(/name at least one parameter/);
  });
});

describe('random worlds and policies', () => {
  it('policiesArbitrary gives policies the engine simulates with every check passing', async () => {
    const world = syntheticWorld({ seed: 9, regions: 3, products: 2, periods: 3, processes: true });
    await fc.assert(fc.asyncProperty(policiesArbitrary(world, { maxLength: 2 }), async (policies) => {
      expect(policies.map((p) => p.id)).toEqual(policies.map((_, i) => `p${i}`));
      assertInvariants(await simulate({ ...world, scenarioPolicies: policies }, { audit: true }));
    }), { numRuns: 8 });
    expect(() => policiesArbitrary(world, { types: [] })).toThrow(/at least one policy type/);
  });
});

describe('assertions', () => {
  it('pass on a sound run and throw an InvariantViolation naming run and period on a broken one', async () => {
    const sim = await simulate(scenario, { audit: true });
    assertInvariants(sim);
    const t = 2;
    const broken = sim.run.scenario.map((r, i) => (i === t ? { ...r, consumption: r.consumption.map((c) => c * 1.1 + 1) } : r));
    const bad = { ...sim, run: { ...sim.run, scenario: broken } };
    expect(() => assertBalance(bad)).toThrow(InvariantViolation);
    expect(() => assertBalance(bad)).toThrow(/balance does not hold:\n {2}scenario run, 2025-03: /);
    expect(() => assertEquilibrium({ ...sim, audits: undefined })).toThrow(/simulate with \{ audit: true \}/);
  });
});

import { describe, expect, it } from 'vitest';
import { test as propTest, fc } from '@fast-check/vitest';
import { pearson, quantileSorted, ranks, sampleStats, spearman } from '../../src/study/quantiles.js';
import { correlationNoise } from '../../src/study/mcOutputs.js';

describe('sample statistics', () => {
  it('uses type-7 quantiles', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(quantileSorted(sorted, 0.5)).toBe(5.5);
    expect(quantileSorted(sorted, 0.05)).toBeCloseTo(1.45, 12);
    expect(quantileSorted(sorted, 0.95)).toBeCloseTo(9.55, 12);
    expect(quantileSorted([7], 0.95)).toBe(7);
  });
  it('ignores non-finite values and returns null when none are left', () => {
    expect(sampleStats([Number.NaN, 2, 4])).toEqual({ mean: 3, p5: 2.1, p50: 3, p95: 3.9 });
    expect(sampleStats([Number.NaN])).toBeNull();
  });
  it('gives ties their average rank and correlations of ±1 for monotone samples', () => {
    expect(Array.from(ranks([10, 20, 20, 5]))).toEqual([2, 3.5, 3.5, 1]);
    expect(spearman([1, 2, 3, 4], [10, 100, 1000, 10000])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
  });
  it('marks correlations inside the 95 % band of independent samples as noise', () => {
    expect(correlationNoise(101)).toBeCloseTo(0.196, 12);
    expect(correlationNoise(1)).toBe(1);
  });
});

propTest.prop([fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 0, max: 1000 })])(
  'statistics do not depend on the order of the draws (what makes merged shards byte-identical)',
  (values, seed) => {
    const shuffled = [...values];
    let s = seed;
    for (let i = shuffled.length - 1; i > 0; i--) {
      s = (s * 1103515245 + 12345) % 2147483648;
      const j = s % (i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    expect(sampleStats(shuffled)).toEqual(sampleStats(values));
    const st = sampleStats(values)!;
    expect(st.p5).toBeLessThanOrEqual(st.p50);
    expect(st.p50).toBeLessThanOrEqual(st.p95);
  },
);

import { describe, expect, it } from 'vitest';
import { formatLabel, formatReadable } from '../../../src/report/svg/format.js';

describe('formatLabel', () => {
  it('groups thousands with a thin space from five digits and writes a real minus sign', () => {
    expect(formatLabel(12500, 0)).toBe('12\u2009500');
    expect(formatLabel(1000, 0)).toBe('1000');
    expect(formatLabel(-1234.5, 1)).toBe('−1234.5');
    expect(formatLabel(-0.0001, 2)).toBe('0.00');
  });
});

describe('formatReadable', () => {
  it('uses fewer decimals for larger numbers and drops trailing zeros', () => {
    expect([formatReadable(1234567.8), formatReadable(58), formatReadable(58.04), formatReadable(4.523), formatReadable(0.04567), formatReadable(0)])
      .toEqual(['1\u2009234\u2009568', '58', '58', '4.52', '0.046', '0']);
  });
});

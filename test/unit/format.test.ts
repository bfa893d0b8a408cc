import { describe, expect, it } from 'vitest';
import { test as propTest, fc } from '@fast-check/vitest';
import { formatNumber, formatKind, pctChange } from '../../src/output/format.js';

describe('formatNumber', () => {
  it('uses fixed decimals and trims trailing zeros', () => {
    expect(formatNumber(1234.5, 3)).toBe('1234.5');
    expect(formatNumber(2, 3)).toBe('2');
    expect(formatNumber(0.0001234, 4)).toBe('0.0001');
    expect(formatNumber(-0.00001, 3)).toBe('0');
    expect(formatNumber(123456789012, 0)).toBe('123456789012');
  });
  it('refuses NaN and Infinity', () => {
    expect(() => formatNumber(Number.NaN, 3)).toThrow(/non-finite/);
    expect(() => formatNumber(Number.POSITIVE_INFINITY, 3)).toThrow(/non-finite/);
  });
  it('writes an undefined value as an empty cell', () => {
    expect(formatKind(null, 'pct')).toBe('');
  });
});

describe('pctChange', () => {
  it('is relative to the base', () => {
    expect(pctChange(150, 100)).toBe(50);
    expect(pctChange(0, 0)).toBe(0);
    expect(pctChange(5, 0)).toBeNull();
    expect(pctChange(5, -1)).toBeNull();
  });
});

propTest.prop([fc.double({ min: -1e15, max: 1e15, noNaN: true }), fc.integer({ min: 0, max: 6 })])(
  'never writes exponent notation and reads back within half a unit of the last decimal',
  (x, decimals) => {
    const s = formatNumber(x, decimals);
    expect(s).toMatch(/^-?\d+(\.\d+)?$/);
    expect(Math.abs(Number(s) - x)).toBeLessThanOrEqual(0.5 * 10 ** -decimals * (1 + 1e-9) + Math.abs(x) * 1e-15);
  },
);

import { describe, expect, it } from 'vitest';
import { periodPosition, periodStartYear, sortPeriods } from '../../src/report/results/periods.js';

describe('periodStartYear', () => {
  it('reads months, quarters and years', () => {
    expect([periodStartYear('2025'), periodStartYear('2025-Q2'), periodStartYear('2025-04'), periodStartYear('2025-13'), periodStartYear('soon')])
      .toEqual([2025, 2025.25, 2025.25, null, null]);
  });
});

describe('sortPeriods', () => {
  it('sorts by time and keeps unknown labels last', () => {
    expect(sortPeriods(['2025-03', 'x', '2024-12', '2025-01'])).toEqual(['2024-12', '2025-01', '2025-03', 'x']);
  });
});

describe('periodPosition', () => {
  const months = ['2025-01', '2025-02', '2025-03', '2025-04'];
  it('finds labels, interpolates finer dates and extrapolates outside the run', () => {
    expect(periodPosition('2025-03', months)).toBe(2);
    expect(periodPosition('2024-12', months)).toBeCloseTo(-1, 9);
    expect(periodPosition('2025-06', months)).toBeCloseTo(5, 9);
    expect(periodPosition('2024', months)).toBeCloseTo(-12, 9);
    expect(periodPosition('2025-05', ['2025-Q1', '2025-Q2', '2025-Q3'])).toBeCloseTo(4 / 3, 9);
    expect(periodPosition(3, months)).toBe(3);
    expect(periodPosition('someday', months)).toBeNull();
  });
});

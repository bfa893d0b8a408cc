import { describe, expect, it } from 'vitest';
import { periodTicks, thin } from '../../../src/report/svg/periodTicks.js';

const months = (n: number) => Array.from({ length: n }, (_, i) => `${2025 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);

describe('periodTicks', () => {
  it('labels every period when they fit', () => {
    expect(periodTicks(['2025', '2026', '2027'], 5)).toEqual([{ index: 0, label: '2025' }, { index: 1, label: '2026' }, { index: 2, label: '2027' }]);
  });
  it('falls back to quarter starts, then to years', () => {
    expect(periodTicks(months(18), 7).map((t) => t.label)).toEqual(['2025-01', '2025-04', '2025-07', '2025-10', '2026-01', '2026-04']);
    expect(periodTicks(months(84), 8).map((t) => t.index)).toEqual([0, 12, 24, 36, 48, 60, 72]);
    expect(periodTicks(months(84), 4).map((t) => t.label)).toEqual(['2025', '2027', '2029', '2031']);
  });
  it('labels quarterly runs by year', () => {
    const q = ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1'];
    expect(periodTicks(q, 4)).toEqual([{ index: 0, label: '2025' }, { index: 4, label: '2026' }, { index: 8, label: '2027' }]);
  });
});

describe('thin', () => {
  it('keeps every k-th item', () => {
    expect(thin([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([1, 4, 7]);
  });
});

import { describe, expect, it } from 'vitest';
import { absentValue, compareColumns, compareRows, compareSummaries, comparedStatistics } from '../../src/compare/compareSummaries.js';
import { comparisonText, horizonNote, largestDifferences, textTable } from '../../src/compare/largestDifferences.js';
import { compareValues } from '../../src/compare/measureComparison.js';
import type { Summary, SummaryRow } from '../../src/report/results/summary.js';

function row(statistic: string, region: string, product: string, values: Record<string, number | null>): SummaryRow {
  return { statistic, region, product, values: new Map(Object.entries(values)) };
}
const M = ['cumulative_shortage_t', 'mean_price_change_pct'];
function summary(kind: Summary['kind'], rows: SummaryRow[]): Summary {
  return { file: 'x', kind, measures: M, rows };
}

describe('compareValues', () => {
  it('gives b − a and the change in % of a, undefined against zero or a missing value', () => {
    expect(compareValues(4, 5)).toEqual({ a: 4, b: 5, diff: 1, diffPct: 25 });
    expect(compareValues(0, 5)).toEqual({ a: 0, b: 5, diff: 5, diffPct: null });
    expect(compareValues(0, 0)).toEqual({ a: 0, b: 0, diff: 0, diffPct: 0 });
    expect(compareValues(null, 5)).toEqual({ a: null, b: 5, diff: null, diffPct: null });
  });
});

describe('compareSummaries', () => {
  const a = summary('single', [
    row('central', 'US', 'magnet', { cumulative_shortage_t: 100, mean_price_change_pct: 10 }),
    row('central', 'EU', 'magnet', { cumulative_shortage_t: 0, mean_price_change_pct: null }),
  ]);
  const b = summary('single', [
    row('central', 'JP', 'magnet', { cumulative_shortage_t: 7, mean_price_change_pct: 3 }),
    row('central', 'US', 'magnet', { cumulative_shortage_t: 150.5, mean_price_change_pct: 8 }),
  ]);
  const cmp = compareSummaries(a, b);

  it("keeps a's order, then b's extra pairs; a left-out pair has zero quantities and unknown %", () => {
    expect(cmp.rows.map((r) => `${r.region} ${r.product}`)).toEqual(['US magnet', 'EU magnet', 'JP magnet']);
    expect(absentValue('cumulative_shortage_t')).toBe(0);
    expect(absentValue('mean_price_change_pct')).toBeNull();
    expect(absentValue('months_short')).toBe(0);
  });

  it('writes spreadsheet-ready rows: fixed decimals, empty cells where undefined', () => {
    expect(compareColumns(cmp.measures)).toEqual([
      'statistic', 'region', 'product',
      'cumulative_shortage_t_a', 'cumulative_shortage_t_b', 'cumulative_shortage_t_diff', 'cumulative_shortage_t_diff_pct',
      'mean_price_change_pct_a', 'mean_price_change_pct_b', 'mean_price_change_pct_diff', 'mean_price_change_pct_diff_pct',
    ]);
    expect([...compareRows(cmp)]).toEqual([
      ['central', 'US', 'magnet', '100', '150.5', '50.5', '50.5', '10', '8', '-2', '-20'],
      ['central', 'EU', 'magnet', '0', '0', '0', '0', '', '', '', ''],
      ['central', 'JP', 'magnet', '0', '7', '7', '', '', '3', '', ''],
    ]);
  });

  it('compares p50 rows too when both runs are Monte Carlo', () => {
    const mc = summary('monte-carlo', [row('central', 'US', 'magnet', { cumulative_shortage_t: 1 }), row('p50', 'US', 'magnet', { cumulative_shortage_t: 2 }), row('p95', 'US', 'magnet', { cumulative_shortage_t: 9 })]);
    expect(comparedStatistics(mc, mc)).toEqual(['central', 'p50']);
    expect(comparedStatistics(a, mc)).toEqual(['central']);
    expect(compareSummaries(mc, mc).rows.map((r) => r.statistic)).toEqual(['central', 'p50']);
  });

  it('ranks the largest absolute differences, leaving out zero and undefined ones', () => {
    expect(largestDifferences(cmp, 'cumulative_shortage_t', 10).map((r) => r.region)).toEqual(['US', 'JP']);
    expect(largestDifferences(cmp, 'mean_price_change_pct', 10).map((r) => r.region)).toEqual(['US']);
    expect(largestDifferences(cmp, 'cumulative_shortage_t', 1).map((r) => r.region)).toEqual(['US']);
  });

  it('prints a short aligned summary', () => {
    expect(comparisonText(cmp, 'base', 'alt', 10, ['Note: x'])).toBe([
      'Comparing base (a) with alt (b): central values, differences are b − a.',
      'Note: x',
      '',
      'Largest differences in cumulative shortage (t):',
      '  region  product    a      b  b − a',
      '  US      magnet   100  150.5  +50.5',
      '  JP      magnet     0      7     +7',
      '',
      'Largest differences in mean price change vs baseline (%):',
      '  region  product   a  b  b − a',
      '  US      magnet   10  8     -2',
      '',
    ].join('\n'));
  });
});

describe('textTable', () => {
  it('pads text left and numbers right', () => {
    expect(textTable(['name', 'n'], [['a', '1'], ['bbb', '22']], [false, true])).toEqual(['  name   n', '  a      1', '  bbb   22']);
  });
});

describe('horizonNote', () => {
  it('warns only when the periods differ', () => {
    expect(horizonNote(['2025-01', '2025-02'], ['2025-01', '2025-02'])).toBeNull();
    expect(horizonNote(['2025-01'], ['2025-01', '2025-02'])).toBe(
      'Note: the runs cover different periods (a: 2025-01 – 2025-01, 1 periods; b: 2025-01 – 2025-02, 2 periods); cumulative measures are not like for like.');
  });
});

import { describe, expect, it } from 'vitest';
import { compareHistory, finestGranularity, granularityOf, periodsOf, windowOf, type HistoryFile } from '../../src/calibrate/history.js';
import { syntheticWorld } from '../../src/model/synthetic.js';
import type { PeriodResult } from '../../src/model/types.js';

const model = syntheticWorld({ seed: 1, regions: 2, products: 1, periods: 24, processes: false, scenarioPolicies: 0, worldPolicies: 0, dynamics: false });

describe('history dates', () => {
  it('cover a month, a quarter or a year of the timeline', () => {
    const first = model.timeline.labels[0];
    const year = first.slice(0, 4);
    expect(periodsOf(model, first)).toEqual([0]);
    expect(periodsOf(model, `${year}-Q1`)).toEqual([0, 1, 2]);
    expect(periodsOf(model, year)).toHaveLength(12);
    expect(periodsOf(model, '1900-01')).toEqual([]);
  });
});

describe('compareHistory', () => {
  it('reports peak multiples and a log-ratio RMSE that is 0 for a perfect model', () => {
    const P = model.products.length;
    const price = (t: number) => 10 + t; // rises through the run
    const results = model.timeline.labels.map((_, t) => ({ price: Float64Array.from({ length: model.regions.length * P }, () => price(t)) }) as unknown as PeriodResult);
    const [a, b] = [model.timeline.labels[0], model.timeline.labels[12]];
    const file: HistoryFile = {
      title: 't', scenario: 'x.yaml',
      series: [{ id: 's', title: 's', measure: 'price', regions: [model.regions[0].id], products: [model.products[0].id], unit: 'USD/kg', source: 'test',
        points: [{ date: a, value: price(0) }, { date: b, value: price(12) }] }],
    };
    const [row] = compareHistory(model, results, file);
    expect(row.logRmse).toBeCloseTo(0, 12);
    expect(row.histPeak).toEqual({ date: b, multiple: 2.2 });
    expect(row.modelPeak.multiple).toBeCloseTo(2.2, 12);
    file.series[0].points[1].value = price(12) * Math.E;
    expect(compareHistory(model, results, file)[0].logRmse).toBeCloseTo(Math.SQRT1_2, 12);
  });
});

describe('quantity series', () => {
  const P = model.products.length;
  const R = model.regions.length;
  const labels = model.timeline.labels;
  // Exports of region 0 (all to region 1): 100 t a month, 20 t in the fifth month, 150 t in the ninth.
  const exported = (t: number) => (t === 4 ? 20 : t === 8 ? 150 : 100);
  const results = labels.map((_, t) => {
    const flow = new Float64Array(P * R * R);
    flow[(0 * R + 0) * R + 1] = exported(t);
    const exports = new Float64Array(R * P);
    exports[0 * P + 0] = exported(t);
    return { exports, flow } as unknown as PeriodResult;
  });
  const series = (dates: string[], to?: string[]): HistoryFile => ({
    title: 't', scenario: 'x.yaml',
    series: [{ id: 'x', title: 'x', measure: 'exports', regions: [model.regions[0].id], products: [model.products[0].id], to, unit: 't', source: 'test',
      points: dates.map((date) => ({ date, value: 100 })) }],
  });

  it('of monthly points: peak and trough are sought month by month, not as yearly sums', () => {
    const dates = labels.slice(2, 12);
    const [row] = compareHistory(model, results, series(dates));
    expect(row.modelTrough).toEqual({ date: labels[4], multiple: 0.2 });
    expect(row.modelPeak).toEqual({ date: labels[8], multiple: 1.5 });
    expect(row.histTrough.multiple).toBe(1);
    // Exports to a named destination, the same here (region 0 exports only to region 1).
    const [toRow] = compareHistory(model, results, series(dates, [model.regions[1].id]));
    expect(toRow.observed.map((o) => o.model)).toEqual(row.observed.map((o) => o.model));
    expect(compareHistory(model, results, series(dates, [model.regions[0].id]))[0].observed[0].model).toBe(0);
  });

  it('of yearly points: compared as yearly sums; a monthly point makes the series monthly', () => {
    const year = labels[0].slice(0, 4);
    const [yearly] = compareHistory(model, results, series([year]));
    expect(yearly.observed[0].model).toBe(12 * 100 - 80 + 50);
    expect(yearly.modelPeak.date).toBe(year);
    const [mixed] = compareHistory(model, results, series([labels[0], year]));
    expect(mixed.modelTrough.date).toBe(labels[4]);
  });

  it('granularity of dates', () => {
    expect(granularityOf('2025-05')).toBe('month');
    expect(granularityOf('2025-Q2')).toBe('quarter');
    expect(granularityOf('2025')).toBe('year');
    expect(finestGranularity(['2025', '2025-Q3'])).toBe('quarter');
    expect(windowOf('2025-05', 'quarter')).toBe('2025-Q2');
    expect(windowOf('2025-05', 'year')).toBe('2025');
    expect(windowOf('2025-Q2', 'month')).toBe('2025-Q2');
  });
});

import { describe, expect, it } from 'vitest';
import { compareHistory, periodsOf, type HistoryFile } from '../../src/calibrate/history.js';
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

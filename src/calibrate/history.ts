/**
 * Backtests: replay a historical episode and compare the model with what happened. A history file lists
 * observed series (prices, volumes) with sources; the model's value at each observed date is the mean
 * (prices) or the sum (quantities) over the periods that the date covers.
 *
 * Reported per series: the peak and trough multiples (÷ the first observation) and their dates, historical
 * and modelled, and the log-ratio RMSE over the observed points, sqrt(mean(ln(model/observed)²)) — a
 * scale-free error where 0.69 means "typically off by a factor of two". The model's peak and trough are
 * sought over the observed window: per period for prices (a mean), and for quantities (a sum) per
 * window of the finest granularity the series' points use — months for a monthly series, quarters,
 * or years — so that a month is compared with a month and a year with a year.
 */
import { z } from 'zod';
import type { ModelInput, PeriodResult } from '../model/types.js';
import { indexOf, productIndices } from './targets.js';

const point = z.strictObject({
  date: z.union([z.string(), z.number()]).describe('YYYY-MM, YYYY-Qn or YYYY'),
  value: z.number().positive().describe('Observed value in the series unit'),
  source: z.string().optional().describe('Source of this point when it differs from the series source'),
});

const series = z.strictObject({
  id: z.string().min(1),
  title: z.string().describe('What the series is, for tables'),
  measure: z.enum(['price', 'exports', 'production', 'consumption']).describe('price = mean USD/kg; quantities = t summed over the date'),
  regions: z.array(z.string()).min(1).describe('Regions (prices: mean; quantities: summed)'),
  products: z.array(z.string()).min(1).describe('Products, ids or globs such as `magnet.*` (prices: mean; quantities: summed)'),
  to: z.array(z.string()).optional().describe('For exports: only flows to these regions'),
  unit: z.string(),
  source: z.string().min(1),
  points: z.array(point).min(1),
});

/** The schema of a history file. */
export const historyFileSchema = z.strictObject({
  title: z.string(),
  description: z.string().optional(),
  scenario: z.string().describe('The replay scenario, relative to this file'),
  series: z.array(series).min(1),
});

export type HistoryFile = z.infer<typeof historyFileSchema>;
export type HistorySeries = z.infer<typeof series>;

/** One row of the backtest table. */
export interface SeriesComparison {
  readonly series: HistorySeries;
  readonly observed: { date: string; value: number; model: number }[];
  readonly histPeak: { date: string; multiple: number };
  readonly modelPeak: { date: string; multiple: number };
  readonly histTrough: { date: string; multiple: number };
  readonly modelTrough: { date: string; multiple: number };
  readonly logRmse: number;
}

/** How long a history date is: a month (`2025-05`), a quarter (`2025-Q2`) or a year (`2025`). */
export type DateGranularity = 'month' | 'quarter' | 'year';

/** The granularity of a history date. */
export function granularityOf(date: string): DateGranularity {
  if (/^\d{4}-\d{2}$/.test(date)) return 'month';
  if (/^\d{4}-Q[1-4]$/.test(date)) return 'quarter';
  return 'year';
}

/** The finest granularity among dates (a series with monthly and yearly points is monthly). */
export function finestGranularity(dates: readonly string[]): DateGranularity {
  const order: DateGranularity[] = ['month', 'quarter', 'year'];
  return order[Math.min(...dates.map((d) => order.indexOf(granularityOf(d))))];
}

/** The date of the given granularity that contains a timeline label (a coarser label stays itself). */
export function windowOf(label: string, granularity: DateGranularity): string {
  const m = /^(\d{4})-(\d{2})$/.exec(label);
  if (granularity === 'year') return label.slice(0, 4);
  if (granularity === 'quarter' && m) return `${m[1]}-Q${Math.ceil(Number(m[2]) / 3)}`;
  return label;
}

/** Periods of the timeline covered by a date (`2011-07` → one month; `2011-Q3` → three; `2011` → twelve). */
export function periodsOf(model: ModelInput, date: string): number[] {
  const q = /^(\d{4})-Q([1-4])$/.exec(date);
  const labels = model.timeline.labels;
  return labels.map((label, i) => {
    if (label === date) return i;
    if (q) {
      const m = /^(\d{4})-(\d{2})$/.exec(label);
      if (m && m[1] === q[1] && Math.ceil(Number(m[2]) / 3) === Number(q[2])) return i;
    }
    if (/^\d{4}$/.test(date) && label.startsWith(`${date}-`)) return i;
    return -1;
  }).filter((i) => i >= 0);
}

/** The model's value of a series in the periods `ts`. */
export function seriesValue(model: ModelInput, results: readonly PeriodResult[], s: HistorySeries, ts: readonly number[]): number {
  const R = model.regions.length;
  const P = model.products.length;
  const named = <T>(resolve: () => T): T => {
    try {
      return resolve();
    } catch (err) {
      throw new Error(`history series ${s.id}: ${(err as Error).message}`);
    }
  };
  const ids = (list: readonly string[], of: readonly { id: string }[], what: string) => named(() => list.map((id) => indexOf(of, id, what)));
  const regions = ids(s.regions, model.regions, 'region');
  const products = named(() => productIndices(model.products, s.products));
  const to = s.measure === 'exports' && s.to ? ids(s.to, model.regions, 'region') : null;
  let total = 0;
  for (const t of ts) for (const r of regions) for (const p of products) {
    const res = results[t];
    if (s.measure === 'price') total += res.price[r * P + p];
    else if (to) {
      for (const d of to) if (d !== r) total += res.flow[(p * R + r) * R + d];
    } else total += res[s.measure][r * P + p];
  }
  return s.measure === 'price' ? total / (ts.length * regions.length * products.length) : total;
}

/** Compares every series of a history file with a run of its replay scenario. */
export function compareHistory(model: ModelInput, results: readonly PeriodResult[], file: HistoryFile): SeriesComparison[] {
  return file.series.map((s) => {
    const observed = s.points.map((p) => {
      const date = String(p.date);
      const ts = periodsOf(model, date);
      if (ts.length === 0) throw new Error(`history series ${s.id}: ${date} is outside the replay's periods`);
      return { date, value: p.value, model: seriesValue(model, results, s, ts) };
    });
    const first = observed[0];
    const byValue = (pick: (a: number, b: number) => boolean) =>
      observed.reduce((a, b) => (pick(b.value, a.value) ? b : a));
    const peakObs = byValue((b, a) => b > a);
    const troughObs = byValue((b, a) => b < a);
    // The model's peak and trough are sought over every period of the observed window: per period for
    // prices, per window of the series' finest date granularity for quantities (sums).
    const start = periodsOf(model, first.date)[0];
    const end = periodsOf(model, observed[observed.length - 1].date).at(-1)!;
    const perPeriod = s.measure === 'price';
    const granularity = finestGranularity(observed.map((o) => o.date));
    const windows: string[] = [];
    for (let t = start; t <= end; t++) {
      const w = perPeriod ? model.timeline.labels[t] : windowOf(model.timeline.labels[t], granularity);
      if (windows.at(-1) !== w) windows.push(w);
    }
    const modelValues = windows.map((w) => ({ date: w, value: seriesValue(model, results, s, perPeriod ? [model.timeline.labels.indexOf(w)] : periodsOf(model, w)) }));
    const peakModel = modelValues.reduce((a, b) => (b.value > a.value ? b : a));
    const troughModel = modelValues.reduce((a, b) => (b.value < a.value ? b : a));
    const multiple = (v: number) => (first.model > 0 ? v / first.model : 0);
    const logs = observed.map((o) => Math.log(Math.max(o.model, 1e-9) / o.value));
    return {
      series: s,
      observed,
      histPeak: { date: peakObs.date, multiple: peakObs.value / first.value },
      modelPeak: { date: peakModel.date, multiple: multiple(peakModel.value) },
      histTrough: { date: troughObs.date, multiple: troughObs.value / first.value },
      modelTrough: { date: troughModel.date, multiple: multiple(troughModel.value) },
      logRmse: Math.sqrt(logs.reduce((a, b) => a + b * b, 0) / logs.length),
    };
  });
}

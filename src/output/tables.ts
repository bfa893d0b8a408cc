/**
 * The tidy tables of a run: one row per draw × period × region × product (timeseries), per draw ×
 * period × product × link (flows), and per draw × region × product (summary). Units are in the column
 * names; rows come in a stable order (period, then region and product in world order) so that two runs
 * can be compared cell by cell.
 *
 * Rows that are zero in every period of both runs are left out (a region that never touches a product,
 * a link that never carries it); a pair that appears has its complete time series.
 */
import type { ModelInput, PeriodResult, RunResult } from '../model/types.js';
import { WELFARE_TERMS } from '../engine/welfare.js';
import { formatKind, pctChange, type ColumnKind } from './format.js';

/** A column: its header (with unit) and how to format it. */
export interface Column {
  readonly name: string;
  readonly kind: ColumnKind | 'text';
}

/** Below this many tonnes a quantity counts as zero when deciding what to report (1 kg). */
export const REPORT_EPS_T = 1e-3;

const TS_MEASURES: readonly { name: string; field: keyof PeriodResult; kind: ColumnKind }[] = [
  { name: 'production_t', field: 'production', kind: 'tonnes' },
  { name: 'consumption_t', field: 'consumption', kind: 'tonnes' },
  { name: 'demand_t', field: 'demand', kind: 'tonnes' },
  { name: 'shortage_t', field: 'shortage', kind: 'tonnes' },
  { name: 'unmet_t', field: 'unmet', kind: 'tonnes' },
  { name: 'imports_t', field: 'imports', kind: 'tonnes' },
  { name: 'exports_t', field: 'exports', kind: 'tonnes' },
  { name: 'process_input_t', field: 'processInput', kind: 'tonnes' },
  { name: 'stock_t', field: 'stock', kind: 'tonnes' },
  { name: 'strategic_stock_t', field: 'strategicStock', kind: 'tonnes' },
  { name: 'disposal_t', field: 'disposal', kind: 'tonnes' },
  { name: 'subsidy_usd', field: 'subsidyUsd', kind: 'usd' },
];

/** Columns of timeseries.csv. */
export const TIMESERIES_COLUMNS: readonly Column[] = [
  { name: 'draw', kind: 'text' },
  { name: 'period', kind: 'text' },
  { name: 'region', kind: 'text' },
  { name: 'product', kind: 'text' },
  ...TS_MEASURES.map((m) => ({ name: m.name, kind: m.kind })),
  { name: 'baseline_production_t', kind: 'tonnes' },
  { name: 'baseline_consumption_t', kind: 'tonnes' },
  { name: 'baseline_shortage_t', kind: 'tonnes' },
  { name: 'price_usd_per_kg', kind: 'price' },
  { name: 'baseline_price_usd_per_kg', kind: 'price' },
  { name: 'price_change_usd_per_kg', kind: 'price' },
  { name: 'price_change_pct', kind: 'pct' },
  { name: 'producer_price_usd_per_kg', kind: 'price' },
  { name: 'average_price_usd_per_kg', kind: 'price' },
  { name: 'baseline_average_price_usd_per_kg', kind: 'price' },
];

/** Columns of flows.csv. */
export const FLOW_COLUMNS: readonly Column[] = [
  { name: 'draw', kind: 'text' },
  { name: 'period', kind: 'text' },
  { name: 'product', kind: 'text' },
  { name: 'from', kind: 'text' },
  { name: 'to', kind: 'text' },
  { name: 'quantity_t', kind: 'tonnes' },
  { name: 'baseline_quantity_t', kind: 'tonnes' },
  { name: 'change_t', kind: 'tonnes' },
  { name: 'tariff_rate', kind: 'fraction' },
  { name: 'tariff_usd', kind: 'usd' },
  { name: 'quota_rent_usd', kind: 'usd' },
  { name: 'blocked_t', kind: 'tonnes' },
  { name: 'leaked_t', kind: 'tonnes' },
  { name: 'delayed_t', kind: 'tonnes' },
  { name: 'landed_price_usd_per_kg', kind: 'price' },
  { name: 'baseline_landed_price_usd_per_kg', kind: 'price' },
  { name: 'tracked_content_t', kind: 'tonnes' },
];

/** Columns of welfare.csv: who gains and who pays, per period, region and kind of agent (engine/welfare.ts). */
export const WELFARE_COLUMNS: readonly Column[] = [
  { name: 'draw', kind: 'text' },
  { name: 'period', kind: 'text' },
  { name: 'region', kind: 'text' },
  { name: 'term', kind: 'text' },
  { name: 'welfare_usd', kind: 'usd' },
  { name: 'baseline_welfare_usd', kind: 'usd' },
  { name: 'change_usd', kind: 'usd' },
  { name: 'cumulative_change_usd', kind: 'usd' },
];

/** Rows of welfare.csv for one draw, period-major, regions in world order, terms in WELFARE_TERMS order. */
export function* welfareRows(model: ModelInput, run: RunResult, draw: number): Generator<string[]> {
  const T = WELFARE_TERMS.length;
  const cumulative = new Float64Array(model.regions.length * T);
  for (let t = 0; t < run.scenario.length; t++) {
    const s = run.scenario[t].welfareUsd;
    const b = run.baseline[t].welfareUsd;
    for (let r = 0; r < model.regions.length; r++)
      for (let k = 0; k < T; k++) {
        const i = r * T + k;
        cumulative[i] += s[i] - b[i];
        yield [String(draw), model.timeline.labels[t], model.regions[r].id, WELFARE_TERMS[k], formatKind(s[i], 'usd'), formatKind(b[i], 'usd'), formatKind(s[i] - b[i], 'usd'), formatKind(cumulative[i], 'usd')];
      }
  }
}

/** Columns of periods.csv: how each period of each run was cleared. */
export const PERIOD_COLUMNS: readonly Column[] = [
  { name: 'draw', kind: 'text' },
  { name: 'run', kind: 'text' },
  { name: 'period', kind: 'text' },
  { name: 'fixed_point_iterations', kind: 'count' },
  { name: 'converged', kind: 'count' },
  { name: 'free_prices', kind: 'count' },
];

/** Rows of periods.csv for one draw: baseline then scenario, period by period. */
export function* periodRows(model: ModelInput, run: RunResult, draw: number): Generator<string[]> {
  for (const kind of ['baseline', 'scenario'] as const)
    for (const [t, r] of run[kind].entries())
      yield [String(draw), kind, model.timeline.labels[t], String(r.iterations), r.converged ? '1' : '0', String(r.freeDuals)];
}

/** Periods whose price fixed point stopped at the iteration limit, in both runs. */
export function nonConvergedPeriods(model: ModelInput, run: RunResult): { run: 'baseline' | 'scenario'; period: string; iterations: number }[] {
  const out: { run: 'baseline' | 'scenario'; period: string; iterations: number }[] = [];
  for (const kind of ['baseline', 'scenario'] as const)
    for (const [t, r] of run[kind].entries()) if (!r.converged) out.push({ run: kind, period: model.timeline.labels[t], iterations: r.iterations });
  return out;
}

/** One warning line for the periods that did not converge (none when all did). */
export function convergenceWarning(model: ModelInput, run: RunResult, tolerance: number): string | null {
  const bad = nonConvergedPeriods(model, run);
  if (bad.length === 0) return null;
  const named = bad.slice(0, 6).map((b) => `${b.period} (${b.run}, ${b.iterations} iterations)`).join(', ');
  const more = bad.length > 6 ? ` and ${bad.length - 6} more` : '';
  return `the price fixed point did not reach its tolerance (${tolerance}) in ${bad.length} period${bad.length === 1 ? '' : 's'}: ${named}${more}; their prices are the last iterate (periods.csv, converged = 0)`;
}

/** The per region × product measures of summary.csv (numbers; the writer adds draw/quantile columns). */
export const SUMMARY_MEASURES: readonly { name: string; kind: ColumnKind }[] = [
  { name: 'cumulative_shortage_t', kind: 'tonnes' },
  { name: 'peak_shortage_t', kind: 'tonnes' },
  { name: 'months_short', kind: 'count' },
  { name: 'cumulative_unmet_t', kind: 'tonnes' },
  { name: 'cumulative_consumption_change_t', kind: 'tonnes' },
  { name: 'peak_price_usd_per_kg', kind: 'price' },
  { name: 'mean_price_usd_per_kg', kind: 'price' },
  { name: 'mean_baseline_price_usd_per_kg', kind: 'price' },
  { name: 'max_price_change_pct', kind: 'pct' },
  { name: 'mean_price_change_pct', kind: 'pct' },
];

/** Columns of summary.csv for one or more draws reported individually. */
export const SUMMARY_COLUMNS: readonly Column[] = [
  { name: 'draw', kind: 'text' },
  { name: 'region', kind: 'text' },
  { name: 'product', kind: 'text' },
  ...SUMMARY_MEASURES,
];

/** Headers of a column list. */
export function headers(columns: readonly Column[]): string[] {
  return columns.map((c) => c.name);
}

function anyAbove(results: readonly PeriodResult[], fields: readonly (keyof PeriodResult)[], i: number): boolean {
  for (const res of results) {
    for (const f of fields) {
      if (Math.abs((res[f] as Float64Array)[i]) > REPORT_EPS_T) return true;
    }
  }
  return false;
}

const ACTIVITY_FIELDS: readonly (keyof PeriodResult)[] = [
  'production', 'consumption', 'demand', 'imports', 'exports', 'processInput', 'stock', 'strategicStock', 'shortage',
];

/** Region × product pairs (index r * P + p) with any activity in either run, in world order. */
export function activePairs(model: ModelInput, run: RunResult): number[] {
  const n = model.regions.length * model.products.length;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    if (anyAbove(run.scenario, ACTIVITY_FIELDS, i) || anyAbove(run.baseline, ACTIVITY_FIELDS, i)) out.push(i);
  }
  return out;
}

/** Links (index (p * R + o) * R + d) that carry or block anything in either run, in world order. */
export function activeLinks(model: ModelInput, run: RunResult): number[] {
  const R = model.regions.length;
  const n = model.products.length * R * R;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const o = Math.floor(i / R) % R;
    const d = i % R;
    if (o === d) continue;
    if (anyAbove(run.scenario, ['flow', 'blocked'], i) || anyAbove(run.baseline, ['flow'], i)) out.push(i);
  }
  return out;
}

/** Rows of timeseries.csv for one draw, period-major. */
export function* timeseriesRows(model: ModelInput, run: RunResult, draw: number): Generator<string[]> {
  const P = model.products.length;
  const pairs = activePairs(model, run);
  for (let t = 0; t < run.scenario.length; t++) {
    const s = run.scenario[t];
    const b = run.baseline[t];
    const label = model.timeline.labels[t];
    for (const i of pairs) {
      const r = Math.floor(i / P);
      const p = i % P;
      const row = [String(draw), label, model.regions[r].id, model.products[p].id];
      for (const m of TS_MEASURES) row.push(formatKind((s[m.field] as Float64Array)[i], m.kind));
      row.push(
        formatKind(b.production[i], 'tonnes'),
        formatKind(b.consumption[i], 'tonnes'),
        formatKind(b.shortage[i], 'tonnes'),
        formatKind(s.price[i], 'price'),
        formatKind(b.price[i], 'price'),
        formatKind(s.price[i] - b.price[i], 'price'),
        formatKind(pctChange(s.price[i], b.price[i]), 'pct'),
        formatKind(s.production[i] > REPORT_EPS_T ? s.producerPrice[i] : null, 'price'),
        formatKind(s.averagePrice[i], 'price'),
        formatKind(b.averagePrice[i], 'price'),
      );
      yield row;
    }
  }
}

/** Rows of flows.csv for one draw, period-major. */
export function* flowRows(model: ModelInput, run: RunResult, draw: number): Generator<string[]> {
  const R = model.regions.length;
  const links = activeLinks(model, run);
  for (let t = 0; t < run.scenario.length; t++) {
    const s = run.scenario[t];
    const b = run.baseline[t];
    const label = model.timeline.labels[t];
    for (const i of links) {
      const p = Math.floor(i / (R * R));
      const o = Math.floor(i / R) % R;
      const d = i % R;
      yield [
        String(draw), label, model.products[p].id, model.regions[o].id, model.regions[d].id,
        formatKind(s.flow[i], 'tonnes'),
        formatKind(b.flow[i], 'tonnes'),
        formatKind(s.flow[i] - b.flow[i], 'tonnes'),
        formatKind(s.tariffRate[i], 'fraction'),
        formatKind(s.tariffUsd[i], 'usd'),
        formatKind(s.quotaRentUsd[i], 'usd'),
        formatKind(s.blocked[i], 'tonnes'),
        formatKind(s.leaked[i], 'tonnes'),
        formatKind(s.shipped[i], 'tonnes'),
        formatKind(s.flow[i] > REPORT_EPS_T ? s.landedPrice[i] : null, 'price'),
        formatKind(b.flow[i] > REPORT_EPS_T ? b.landedPrice[i] : null, 'price'),
        formatKind(s.contentFlow[i], 'tonnes'),
      ];
    }
  }
}

/** Summary measures of one region × product over a run, in SUMMARY_MEASURES order (null = undefined). */
export type SummaryValues = (number | null)[];

/** Months in one period of the timeline. */
export function monthsPerPeriod(model: ModelInput): number {
  return 12 / model.timeline.periodsPerYear;
}

/** Summarises every active region × product of one run: `[pairIndex, values]` in world order. */
export function summarize(model: ModelInput, run: RunResult): [number, SummaryValues][] {
  const out: [number, SummaryValues][] = [];
  const months = monthsPerPeriod(model);
  for (const i of activePairs(model, run)) {
    let cumShort = 0, peakShort = 0, periodsShort = 0, cumUnmet = 0, consChange = 0;
    let peakPrice = -Infinity, sumPrice = 0, sumBase = 0;
    let maxChange: number | null = null, sumChange = 0, nChange = 0;
    for (let t = 0; t < run.scenario.length; t++) {
      const s = run.scenario[t];
      const b = run.baseline[t];
      cumShort += s.shortage[i];
      peakShort = Math.max(peakShort, s.shortage[i]);
      if (s.shortage[i] > REPORT_EPS_T) periodsShort++;
      cumUnmet += s.unmet[i];
      consChange += s.consumption[i] - b.consumption[i];
      peakPrice = Math.max(peakPrice, s.price[i]);
      sumPrice += s.price[i];
      sumBase += b.price[i];
      const change = pctChange(s.price[i], b.price[i]);
      if (change !== null) {
        maxChange = maxChange === null ? change : Math.max(maxChange, change);
        sumChange += change;
        nChange++;
      }
    }
    const T = Math.max(1, run.scenario.length);
    out.push([i, [
      cumShort, peakShort, periodsShort * months, cumUnmet, consChange,
      Number.isFinite(peakPrice) ? peakPrice : 0, sumPrice / T, sumBase / T,
      maxChange, nChange > 0 ? sumChange / nChange : null,
    ]]);
  }
  return out;
}

/** Rows of summary.csv for one draw. */
export function* summaryRows(model: ModelInput, run: RunResult, draw: number): Generator<string[]> {
  const P = model.products.length;
  for (const [i, values] of summarize(model, run)) {
    const r = Math.floor(i / P);
    const p = i % P;
    yield [
      String(draw), model.regions[r].id, model.products[p].id,
      ...values.map((v, k) => formatKind(v, SUMMARY_MEASURES[k].kind)),
    ];
  }
}

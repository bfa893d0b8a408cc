/**
 * Summary rows as plain objects: one per region × product, a number (or null when undefined) per
 * measure of summary.csv, named as its column.
 */
import type { ModelInput, RunResult } from '../model/types.js';
import { SUMMARY_MEASURES, summarize } from '../output/tables.js';

/** The measure columns of summary.csv (docs/outputs.md). */
export type SummaryMeasure =
  | 'cumulative_shortage_t'
  | 'peak_shortage_t'
  | 'months_short'
  | 'cumulative_unmet_t'
  | 'cumulative_consumption_change_t'
  | 'peak_price_usd_per_kg'
  | 'mean_price_usd_per_kg'
  | 'mean_baseline_price_usd_per_kg'
  | 'max_price_change_pct'
  | 'mean_price_change_pct';

/** The summary of one region × product: every measure, null where undefined (an empty cell in summary.csv). */
export type PairSummary = { readonly region: string; readonly product: string } & { readonly [M in SummaryMeasure]: number | null };

/** A summary.csv row of a result folder: a single run's draw 0 is its `central` row. */
export type SummaryRow = PairSummary & { readonly statistic: 'central' | 'mean' | 'p5' | 'p50' | 'p95' };

/** A row from a region, a product and measure values in SUMMARY_MEASURES order. */
export function summaryRecord(region: string, product: string, values: (name: string, k: number) => number | null): PairSummary {
  const row: Record<string, string | number | null> = { region, product };
  SUMMARY_MEASURES.forEach((m, k) => (row[m.name] = values(m.name, k)));
  return row as PairSummary;
}

/** The summary of every active region × product of one run, unrounded (summary.csv rounds to fixed decimals). */
export function pairSummaries(model: ModelInput, run: RunResult): PairSummary[] {
  const P = model.products.length;
  return summarize(model, run).map(([i, values]) => summaryRecord(model.regions[Math.floor(i / P)].id, model.products[i % P].id, (_, k) => values[k]));
}

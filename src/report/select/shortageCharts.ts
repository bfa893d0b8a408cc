/**
 * Shortage charts: for each product with any shortage, how it splits across regions over time (stacked).
 * Products with the largest cumulative shortage come first; small regions are merged into "other regions"
 * so that a stack stays readable.
 */
import type { StackedAreaSpec } from '../svg/stackedAreaChart.js';
import type { Marker } from '../svg/markers.js';
import { INK } from '../svg/palette.js';
import { colorOf } from './regionColors.js';
import type { SeriesTable } from '../results/series.js';
import { distinct, topBy } from './rank.js';

/** How many shortage charts, and named regions per chart, the report shows at most. */
export const MAX_SHORTAGE_CHARTS = 4;
export const MAX_SHORTAGE_REGIONS = 5;
/** Shortage below 1 kg over the whole run counts as none (the writers' threshold). */
export const SHORTAGE_EPS_T = 1e-3;

/** Shortage of one pair per period (absent or empty → 0: the writer leaves out all-zero pairs). */
export function shortageSeries(ts: SeriesTable, region: string, product: string): number[] {
  return ts.periods.map((period) => ts.value(period, region, product, 'shortage_t') ?? 0);
}

/** A chosen shortage chart: a product and each region's shortage series, largest first. */
export interface ShortageChoice {
  readonly product: string;
  readonly total: number;
  readonly regions: readonly { readonly region: string; readonly values: readonly number[]; readonly total: number }[];
}

/** Products with shortage, largest cumulative shortage first. */
export function chooseShortageCharts(ts: SeriesTable): ShortageChoice[] {
  const choices = distinct(ts.pairs, (p) => p.product).map((product): ShortageChoice => {
    const regions = ts.pairs
      .filter((p) => p.product === product)
      .map((p) => {
        const values = shortageSeries(ts, p.region, product);
        return { region: p.region, values, total: values.reduce((a, b) => a + b, 0) };
      })
      .filter((r) => r.total > SHORTAGE_EPS_T);
    return { product, regions: topBy(regions, (r) => r.total, regions.length), total: regions.reduce((a, r) => a + r.total, 0) };
  });
  return topBy(choices.filter((c) => c.total > SHORTAGE_EPS_T), (c) => c.total, MAX_SHORTAGE_CHARTS);
}

/** The stacked chart of one choice (largest region at the bottom; the tail merged into "other regions"). */
export function shortageChartSpec(
  choice: ShortageChoice, periods: readonly string[], colors: ReadonlyMap<string, string>, markers: readonly Marker[] = [],
): StackedAreaSpec {
  const named = choice.regions.slice(0, MAX_SHORTAGE_REGIONS);
  const rest = choice.regions.slice(MAX_SHORTAGE_REGIONS);
  const series = named.map((r) => ({ label: r.region, values: r.values, color: colorOf(colors, r.region) }));
  if (rest.length > 0) {
    series.push({ label: `other regions (${rest.length})`, color: INK.baseline, values: periods.map((_, t) => rest.reduce((a, r) => a + r.values[t], 0)) });
  }
  return {
    label: `Shortage of ${choice.product} by region, t per period`,
    description: `Critical demand for ${choice.product} not served even at the choke price, per period, stacked by region (central values).`,
    periods,
    series,
    yUnit: 't per period',
    markers,
  };
}

/**
 * Price charts: one per product whose price moves most against the baseline, each with the regions where
 * it moves most — scenario (solid) against baseline (dashed), with the p5–p95 band of a Monte Carlo run.
 */
import type { LegendItem } from '../svg/legend.js';
import { BAND_OPACITY, type LineChartSpec, type LineSeries } from '../svg/lineChart.js';
import type { Marker } from '../svg/markers.js';
import { INK } from '../svg/palette.js';
import { colorOf } from './regionColors.js';
import type { Pair, SeriesTable } from '../results/series.js';
import { distinct, topBy } from './rank.js';

/** How many price charts and regions per chart the report shows at most. */
export const MAX_PRICE_CHARTS = 5;
export const MAX_PRICE_REGIONS = 3;
/** A relative price change below this (0.1 %) counts as no effect. */
export const PRICE_EFFECT_EPS = 1e-3;

/** Largest |price / baseline − 1| of a pair over the run (0 when undefined throughout). */
export function priceEffect(ts: SeriesTable, pair: Pair): number {
  let max = 0;
  for (const period of ts.periods) {
    const p = ts.value(period, pair.region, pair.product, 'price_usd_per_kg');
    const b = ts.value(period, pair.region, pair.product, 'baseline_price_usd_per_kg');
    if (p === null || p === undefined || b === null || b === undefined || Math.abs(b) < 1e-12) continue;
    max = Math.max(max, Math.abs(p / b - 1));
  }
  return max;
}

/** A chosen price chart: the product and its regions, most affected first. */
export interface PriceChoice {
  readonly product: string;
  /** One region per distinct price path, most affected first. */
  readonly regions: readonly string[];
  /** For each region shown, the other regions whose price paths it stands for (same order as `regions`). */
  readonly alike: readonly (readonly string[])[];
  readonly effect: number;
}

/**
 * Two price paths closer than this (2 % of the price, every period, scenario and baseline) are drawn
 * once: at a chart's scale they would be one line anyway (2 % of the axis is a few pixels).
 */
export const SAME_PATH_TOLERANCE = 0.02;

/** True when two regions' scenario and baseline prices of a product agree within SAME_PATH_TOLERANCE everywhere. */
export function samePricePath(ts: SeriesTable, product: string, r1: string, r2: string): boolean {
  for (const column of ['price_usd_per_kg', 'baseline_price_usd_per_kg']) {
    for (const period of ts.periods) {
      const a = ts.value(period, r1, product, column) ?? null;
      const b = ts.value(period, r2, product, column) ?? null;
      if (a === null || b === null) {
        if (a !== b) return false;
        continue;
      }
      if (Math.abs(a - b) > SAME_PATH_TOLERANCE * Math.max(Math.abs(a), Math.abs(b), 1e-9)) return false;
    }
  }
  return true;
}

/**
 * Products by their largest regional price effect (those without any effect only if nothing moved, so
 * the report still shows price levels). Regions trading freely with each other share one price path; a
 * chart of three identical lines says nothing, so regions are grouped by path (most affected first) and
 * each chart shows up to MAX_PRICE_REGIONS distinct paths, naming the regions each one stands for.
 */
export function choosePriceCharts(ts: SeriesTable): PriceChoice[] {
  const effects = new Map(ts.pairs.map((p) => [`${p.region}\t${p.product}`, priceEffect(ts, p)]));
  const effect = (p: Pair) => effects.get(`${p.region}\t${p.product}`) ?? 0;
  const choices = distinct(ts.pairs, (p) => p.product).map((product): PriceChoice => {
    const pairs = ts.pairs.filter((p) => p.product === product);
    const groups: { region: string; alike: string[] }[] = [];
    for (const p of topBy(pairs, effect, pairs.length)) {
      const group = groups.find((g) => samePricePath(ts, product, g.region, p.region));
      if (group) group.alike.push(p.region);
      else groups.push({ region: p.region, alike: [] });
    }
    const shown = groups.slice(0, MAX_PRICE_REGIONS);
    return { product, regions: shown.map((g) => g.region), alike: shown.map((g) => g.alike), effect: Math.max(0, ...pairs.map(effect)) };
  });
  const moved = choices.filter((c) => c.effect >= PRICE_EFFECT_EPS);
  return topBy(moved.length > 0 ? moved : choices.slice(0, 1), (c) => c.effect, MAX_PRICE_CHARTS);
}

/** Legend name of a shown region: "AU" or "AU ≈ EU, IL, KR +3" when it stands for others too. */
export function regionLegendName(region: string, alike: readonly string[], maxNames = 3): string {
  if (alike.length === 0) return region;
  const names = alike.slice(0, maxNames).join(', ');
  return `${region} ≈ ${names}${alike.length > maxNames ? ` +${alike.length - maxNames}` : ''}`;
}

function column(ts: SeriesTable, region: string, product: string, name: string, measure?: string): (number | null)[] {
  return ts.periods.map((period) => ts.value(period, region, product, name, measure) ?? null);
}

/**
 * The line chart of one choice; `quantiles` (timeseries_quantiles.csv) adds the p5–p95 band. The legend
 * is one entry per region (its colour) plus a grey key to the line styles, rather than one per line.
 */
export function priceChartSpec(
  choice: PriceChoice, ts: SeriesTable, quantiles: SeriesTable | null, colors: ReadonlyMap<string, string>, markers: readonly Marker[] = [],
): LineChartSpec {
  const series: LineSeries[] = [];
  choice.regions.forEach((region) => {
    const color = colorOf(colors, region);
    const band = quantiles
      ? { lower: alignTo(ts, quantiles, region, choice.product, 'p5'), upper: alignTo(ts, quantiles, region, choice.product, 'p95') }
      : undefined;
    series.push({
      label: `${region} scenario`, color, values: column(ts, region, choice.product, 'price_usd_per_kg'),
      ...(band ? { band, bandLabel: `${region} p5–p95` } : {}),
    });
    series.push({ label: `${region} baseline`, color, dashed: true, values: column(ts, region, choice.product, 'baseline_price_usd_per_kg') });
  });
  const regions = choice.regions.join(', ');
  const alike = choice.regions.map((r, i) => (choice.alike[i]?.length ? ` ${r} stands for ${choice.alike[i].join(', ')} (same prices within 2 %).` : '')).join('');
  return {
    label: `Price of ${choice.product} in ${regions}: scenario against baseline, USD/kg`,
    description: `Market price per period in ${regions}; solid lines are the scenario, dashed lines the baseline (same world without the scenario's policies)` +
      `${quantiles ? '; shaded bands span the 5th to 95th percentile over Monte Carlo draws' : ''}.${alike}`,
    periods: ts.periods,
    series,
    yUnit: 'USD/kg',
    legend: priceLegend(choice.regions.map((r, i) => [r, regionLegendName(r, choice.alike[i] ?? [])]), colors, quantiles !== null),
    markers,
  };
}

/** A quantile column on the central table's periods (the two files share periods; missing → gap). */
function alignTo(ts: SeriesTable, q: SeriesTable, region: string, product: string, stat: string): (number | null)[] {
  return ts.periods.map((period) => q.value(period, region, product, stat, 'price_usd_per_kg') ?? null);
}

/** Region colours (region id → legend name), then the style key: scenario solid, baseline dashed, band shaded. */
export function priceLegend(regions: readonly (readonly [string, string])[], colors: ReadonlyMap<string, string>, bands: boolean): LegendItem[] {
  return [
    ...regions.map(([r, name]): LegendItem => ({ label: name, color: colorOf(colors, r), shape: 'line' })),
    { label: 'scenario', color: INK.muted, shape: 'line' },
    { label: 'baseline', color: INK.muted, shape: 'dashed' },
    ...(bands ? [{ label: 'p5–p95 over draws', color: INK.muted, shape: 'area', opacity: BAND_OPACITY * 2 } as LegendItem] : []),
  ];
}

/**
 * Line chart over periods, with optional uncertainty bands (e.g. p5–p95 of a Monte Carlo run) drawn
 * under the lines. Used for price paths: scenario solid, baseline dashed in the same colour.
 */
import { periodAxis, periodChartMargins, yAxis, yAxisLabel } from './axis.js';
import { markers, type Marker } from './markers.js';
import { esc } from './escape.js';
import { FONT_SIZE, plotBox, svgDocument, textWidth } from './frame.js';
import { formatLabel } from './format.js';
import { legend, legendHeight, type LegendItem } from './legend.js';
import { bandPath, linePath, type Point } from './path.js';
import { periodTicks } from './periodTicks.js';
import { linearScale } from './scale.js';
import { niceDomain, niceTicks, stepDecimals, tickStep } from './ticks.js';

/** A band between two series (same length as the periods). */
export interface Band {
  readonly lower: readonly (number | null)[];
  readonly upper: readonly (number | null)[];
}

/** One line; null values are gaps. */
export interface LineSeries {
  readonly label: string;
  readonly values: readonly (number | null)[];
  readonly color: string;
  readonly dashed?: boolean;
  readonly band?: Band;
  /** Legend text of the band (defaults to "<label> band"). */
  readonly bandLabel?: string;
}

/** What a line chart shows. */
export interface LineChartSpec {
  /** Accessible name (aria-label and <title>). */
  readonly label: string;
  /** One or two sentences for <desc>. */
  readonly description: string;
  readonly periods: readonly string[];
  readonly series: readonly LineSeries[];
  /** Unit of the y axis, e.g. "USD/kg". */
  readonly yUnit: string;
  readonly width?: number;
  readonly height?: number;
  /** Whether the y axis must include 0 (default true: honest magnitudes). */
  readonly includeZero?: boolean;
  /** Legend entries replacing the automatic one-per-series legend (e.g. one per colour plus a style key). */
  readonly legend?: readonly LegendItem[];
  /** Vertical markers at period positions (e.g. policy starts). */
  readonly markers?: readonly Marker[];
}

/** Opacity of bands: light enough that two overlapping bands and the lines on them stay readable. */
export const BAND_OPACITY = 0.16;
const Y_TICKS = 5;

/** Smallest and largest defined value over lines and bands (null when nothing is defined). */
export function valueExtent(series: readonly LineSeries[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    for (const list of [s.values, s.band?.lower ?? [], s.band?.upper ?? []]) {
      for (const v of list) {
        if (v === null) continue;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/** Renders the chart as a standalone <svg>. */
export function lineChart(spec: LineChartSpec): string {
  const width = spec.width ?? 560;
  const height = spec.height ?? 320;
  const items: LegendItem[] = spec.legend ? [...spec.legend] : [];
  if (!spec.legend) {
    for (const s of spec.series) {
      items.push({ label: s.label, color: s.color, shape: s.dashed ? 'dashed' : 'line' });
      if (s.band) items.push({ label: s.bandLabel ?? `${s.label} band`, color: s.color, shape: 'area', opacity: BAND_OPACITY * 2 });
    }
  }
  const legendW = width - 16;
  const legendH = legendHeight(items, legendW);

  const extent = valueExtent(spec.series) ?? [0, 1];
  const lo = spec.includeZero === false ? extent[0] : Math.min(0, extent[0]);
  const hi = spec.includeZero === false ? extent[1] : Math.max(0, extent[1]);
  const domain = niceDomain(lo, hi, Y_TICKS);
  const ticks = niceTicks(domain[0], domain[1], Y_TICKS);
  const decimals = stepDecimals(tickStep(domain[0], domain[1], Y_TICKS));
  const labelW = Math.max(...ticks.map((t) => textWidth(formatLabel(t, decimals), FONT_SIZE)));
  const box = plotBox(width, height, periodChartMargins(legendH + 30, labelW, spec.periods));
  const x = linearScale([0, Math.max(1, spec.periods.length - 1)], [box.x0, box.x1]);
  const y = linearScale(domain, [box.y1, box.y0]);
  const point = (v: number | null, i: number): Point | null => (v === null ? null : [x(i), y(v)]);

  const bands = spec.series.filter((s) => s.band).map((s) => {
    const band = s.band as Band;
    const pairs = spec.periods.map((_, i): [Point, Point] | null => {
      const u = band.upper[i];
      const l = band.lower[i];
      return u === null || l === null || u === undefined || l === undefined ? null : [[x(i), y(u)], [x(i), y(l)]];
    });
    return `<path d="${bandPath(pairs)}" fill="${s.color}" fill-opacity="${BAND_OPACITY}" stroke="none"/>`;
  });
  const lines = spec.series.map((s) => {
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
    const width = s.dashed ? 1.8 : 2.4;
    return `<path d="${linePath(s.values.map(point))}" fill="none" stroke="${s.color}" stroke-width="${width}" stroke-linejoin="round"${dash}>` +
      `<title>${esc(s.label)}</title></path>`;
  });
  const maxTicks = Math.max(2, Math.floor((box.x1 - box.x0) / 70));
  const body = [
    legend(items, 8, 4, legendW).svg,
    yAxisLabel(spec.yUnit, box),
    yAxis(y, ticks, box),
    periodAxis(x, periodTicks(spec.periods, maxTicks), box),
    markers(spec.markers ?? [], x, box),
    `<g class="bands">${bands.join('')}</g>`,
    `<g class="lines">${lines.join('')}</g>`,
  ].join('');
  return svgDocument(width, height, spec.label, spec.description, body);
}

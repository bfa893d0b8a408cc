/**
 * Stacked area chart over periods: how a total (e.g. shortage of one product) splits across regions.
 * Stacking needs non-negative parts; a negative or undefined value is drawn as 0 (quantities here are
 * never negative; the caller states what the parts are in the description).
 */
import { periodAxis, periodChartMargins, yAxis, yAxisLabel } from './axis.js';
import { markers, type Marker } from './markers.js';
import { esc } from './escape.js';
import { FONT_SIZE, plotBox, svgDocument, textWidth } from './frame.js';
import { formatLabel } from './format.js';
import { legend, legendHeight, type LegendItem } from './legend.js';
import { areaPath, type Point } from './path.js';
import { periodTicks } from './periodTicks.js';
import { linearScale } from './scale.js';
import { niceDomain, niceTicks, stepDecimals, tickStep } from './ticks.js';

/** One layer of the stack. */
export interface AreaSeries {
  readonly label: string;
  readonly values: readonly (number | null)[];
  readonly color: string;
}

/** What a stacked area chart shows. */
export interface StackedAreaSpec {
  readonly label: string;
  readonly description: string;
  readonly periods: readonly string[];
  /** Bottom layer first. */
  readonly series: readonly AreaSeries[];
  readonly yUnit: string;
  readonly width?: number;
  readonly height?: number;
  /** Vertical markers at period positions (e.g. policy starts). */
  readonly markers?: readonly Marker[];
}

/** Cumulative sums per period: result[k][i] = sum of layers 0..k at period i (negatives and nulls as 0). */
export function stackValues(series: readonly { values: readonly (number | null)[] }[], n: number): number[][] {
  const out: number[][] = [];
  let below = new Array<number>(n).fill(0);
  for (const s of series) {
    const top = below.map((b, i) => b + Math.max(0, s.values[i] ?? 0));
    out.push(top);
    below = top;
  }
  return out;
}

/** Renders the chart as a standalone <svg>. */
export function stackedAreaChart(spec: StackedAreaSpec): string {
  const width = spec.width ?? 560;
  const height = spec.height ?? 320;
  const n = spec.periods.length;
  const items: LegendItem[] = spec.series.map((s) => ({ label: s.label, color: s.color, shape: 'area', opacity: 0.85 }));
  const legendW = width - 16;
  const legendH = legendHeight(items, legendW);
  const stacks = stackValues(spec.series, n);
  const total = stacks.length > 0 ? Math.max(0, ...stacks[stacks.length - 1]) : 0;
  const domain = niceDomain(0, total, 5);
  const ticks = niceTicks(domain[0], domain[1], 5);
  const decimals = stepDecimals(tickStep(domain[0], domain[1], 5));
  const labelW = Math.max(...ticks.map((t) => textWidth(formatLabel(t, decimals), FONT_SIZE)));
  const box = plotBox(width, height, periodChartMargins(legendH + 30, labelW, spec.periods));
  const x = linearScale([0, Math.max(1, n - 1)], [box.x0, box.x1]);
  const y = linearScale(domain, [box.y1, box.y0]);
  const layers = spec.series.map((s, k) => {
    const upper: Point[] = stacks[k].map((v, i) => [x(i), y(v)]);
    const lower: Point[] = (k === 0 ? new Array<number>(n).fill(0) : stacks[k - 1]).map((v, i) => [x(i), y(v)]);
    return `<path d="${areaPath(upper, lower)}" fill="${s.color}" fill-opacity="0.85" stroke="#ffffff" stroke-width="0.8"><title>${esc(s.label)}</title></path>`;
  });
  const maxTicks = Math.max(2, Math.floor((box.x1 - box.x0) / 70));
  const body = [
    legend(items, 8, 4, legendW).svg,
    yAxisLabel(spec.yUnit, box),
    yAxis(y, ticks, box),
    `<g class="areas">${layers.join('')}</g>`,
    markers(spec.markers ?? [], x, box),
    periodAxis(x, periodTicks(spec.periods, maxTicks), box),
  ].join('');
  return svgDocument(width, height, spec.label, spec.description, body);
}

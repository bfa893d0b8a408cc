/**
 * Horizontal bar chart around zero: one labelled bar per item, positive to the right and negative to the
 * left (e.g. the change of a trade link's volume against the baseline). Each bar carries its value as
 * text, so the chart reads without a tooltip and in print.
 */
import { esc } from './escape.js';
import { FONT_SIZE, plotBox, svgDocument, textWidth } from './frame.js';
import { formatLabel, formatReadable } from './format.js';
import { INK } from './palette.js';
import { coord } from './path.js';
import { linearScale } from './scale.js';
import { niceDomain, niceTicks, stepDecimals, tickStep } from './ticks.js';

/** One bar. */
export interface BarItem {
  readonly label: string;
  readonly value: number;
  readonly color: string;
}

/** What a bar chart shows. */
export interface BarChartSpec {
  readonly label: string;
  readonly description: string;
  readonly items: readonly BarItem[];
  /** Unit of the values, e.g. "t". */
  readonly unit: string;
  readonly width?: number;
}

/** Height of one bar row, in SVG units. */
export const BAR_ROW = 24;

/** Renders the chart as a standalone <svg>; its height grows with the number of bars. */
export function barChart(spec: BarChartSpec): string {
  const width = spec.width ?? 1080;
  const values = spec.items.map((b) => b.value);
  const domain = niceDomain(Math.min(0, ...values), Math.max(0, ...values), 6);
  const ticks = niceTicks(domain[0], domain[1], 6);
  const decimals = stepDecimals(tickStep(domain[0], domain[1], 6));
  const labelW = Math.max(40, ...spec.items.map((b) => textWidth(b.label, FONT_SIZE)));
  const valueW = Math.max(...spec.items.map((b) => textWidth(formatReadable(b.value), FONT_SIZE)), 30) + 8;
  const height = 12 + spec.items.length * BAR_ROW + 46;
  const box = plotBox(width, height, { top: 12, right: 16 + valueW, bottom: 46, left: Math.ceil(labelW) + 16 + valueW });
  const x = linearScale(domain, [box.x0, box.x1]);
  const grid = ticks.map((t) => {
    const px = coord(x(t));
    return `<line x1="${px}" x2="${px}" y1="${coord(box.y0)}" y2="${coord(box.y1)}" stroke="${t === 0 ? INK.axis : INK.grid}"/>` +
      `<text x="${px}" y="${coord(box.y1 + 6 + FONT_SIZE)}" text-anchor="middle" fill="${INK.muted}">${formatLabel(t, decimals)}</text>`;
  });
  const bars = spec.items.map((b, i) => {
    const top = box.y0 + i * BAR_ROW + 4;
    const x0 = x(Math.min(0, b.value));
    const x1 = x(Math.max(0, b.value));
    const text = `${b.value > 0 ? '+' : ''}${formatReadable(b.value)}`;
    const valueX = b.value >= 0 ? x1 + 5 : x0 - 5;
    return `<g><title>${esc(`${b.label}: ${text} ${spec.unit}`)}</title>` +
      `<text x="${coord(8)}" y="${coord(top + (BAR_ROW - 8) / 2)}" dy="0.32em">${esc(b.label)}</text>` +
      `<rect x="${coord(x0)}" y="${coord(top)}" width="${coord(Math.max(0.5, x1 - x0))}" height="${BAR_ROW - 8}" fill="${b.color}"/>` +
      `<text x="${coord(valueX)}" y="${coord(top + (BAR_ROW - 8) / 2)}" dy="0.32em" text-anchor="${b.value >= 0 ? 'start' : 'end'}" fill="${INK.muted}">${esc(text)}</text></g>`;
  });
  // The unit sits centred under the value axis, where a reader looks for it.
  const unit = `<text x="${coord((box.x0 + box.x1) / 2)}" y="${coord(box.y1 + 14 + 2 * FONT_SIZE)}" text-anchor="middle" fill="${INK.muted}">${esc(spec.unit)}</text>`;
  const body = [`<g class="grid">${grid.join('')}</g>`, `<g class="bars">${bars.join('')}</g>`, unit].join('');
  return svgDocument(width, height, spec.label, spec.description, body);
}

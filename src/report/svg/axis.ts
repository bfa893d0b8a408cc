/** Axes: a numeric y axis with gridlines and a period x axis, drawn in quiet greys under the data. */
import { esc } from './escape.js';
import { formatLabel } from './format.js';
import { FONT_SIZE, textWidth, type Margins, type PlotBox } from './frame.js';
import { INK } from './palette.js';
import { coord } from './path.js';
import type { PeriodTick } from './periodTicks.js';
import type { LinearScale } from './scale.js';
import { stepDecimals } from './ticks.js';

/** Gridlines across the plot and labels at the left for each tick; the zero line is drawn darker. */
export function yAxis(y: LinearScale, ticks: readonly number[], box: PlotBox): string {
  const step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;
  const decimals = stepDecimals(step);
  return `<g class="y-axis">${ticks.map((t) => {
    const py = coord(y(t));
    const stroke = t === 0 ? INK.axis : INK.grid;
    return `<line x1="${coord(box.x0)}" x2="${coord(box.x1)}" y1="${py}" y2="${py}" stroke="${stroke}" stroke-width="1"/>` +
      `<text x="${coord(box.x0 - 6)}" y="${py}" dy="0.32em" text-anchor="end" fill="${INK.muted}">${formatLabel(t, decimals)}</text>`;
  }).join('')}</g>`;
}

/** Tick marks and labels under the plot at the given period positions. */
export function periodAxis(x: LinearScale, ticks: readonly PeriodTick[], box: PlotBox): string {
  const base = `<line x1="${coord(box.x0)}" x2="${coord(box.x1)}" y1="${coord(box.y1)}" y2="${coord(box.y1)}" stroke="${INK.axis}"/>`;
  return `<g class="x-axis">${base}${ticks.map((t) => {
    const px = coord(x(t.index));
    return `<line x1="${px}" x2="${px}" y1="${coord(box.y1)}" y2="${coord(box.y1 + 4)}" stroke="${INK.axis}"/>` +
      `<text x="${px}" y="${coord(box.y1 + 6 + FONT_SIZE)}" text-anchor="middle" fill="${INK.muted}">${esc(t.label)}</text>`;
  }).join('')}</g>`;
}

/** The unit of the y axis, written above it at the top left. */
export function yAxisLabel(text: string, box: PlotBox): string {
  return `<text x="${coord(box.x0)}" y="${coord(box.y0 - 8)}" fill="${INK.muted}">${esc(text)}</text>`;
}

/**
 * Margins of a chart over periods: room for the y labels (`yLabelWidth`) and, at both ends, for half a
 * period label, since the first and last labels are centred on the plot's edges.
 */
export function periodChartMargins(top: number, yLabelWidth: number, periods: readonly string[]): Margins {
  const half = Math.ceil(textWidth(periods[0] ?? '', FONT_SIZE) / 2) + 4;
  return { top, right: Math.max(16, half), bottom: 28, left: Math.max(Math.ceil(yLabelWidth) + 14, half) };
}

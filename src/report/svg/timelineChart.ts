/**
 * Timeline (Gantt-like) chart: one row per item with an optional announcement segment (light, dashed
 * outline) followed by the period in force (solid). Items reaching past either end of the axis are
 * clipped and marked with an arrow, so "in force before the run" and "open-ended" stay visible.
 */
import { periodAxis } from './axis.js';
import { esc } from './escape.js';
import { FONT_SIZE, plotBox, svgDocument, textWidth } from './frame.js';
import { legend, type LegendItem } from './legend.js';
import { INK } from './palette.js';
import { coord } from './path.js';
import { periodTicks } from './periodTicks.js';
import { linearScale } from './scale.js';

/** One row; positions are in period-index units (0 = first period; fractions allowed). */
export interface TimelineItem {
  readonly label: string;
  /** Second line under the label (e.g. the policy type). */
  readonly sublabel?: string;
  /** Start of the period in force; null = before the axis. */
  readonly start: number | null;
  /** End (exclusive); null = open-ended. */
  readonly end: number | null;
  /** Announcement (≤ start), or null when unannounced. */
  readonly announce: number | null;
  readonly color: string;
  /** Text written beside the bar, e.g. "2025-04 → open". */
  readonly note?: string;
}

/** What a timeline shows. */
export interface TimelineSpec {
  readonly label: string;
  readonly description: string;
  readonly periods: readonly string[];
  readonly items: readonly TimelineItem[];
  /** Extra legend entries (e.g. what the colours mean). */
  readonly legendItems?: readonly LegendItem[];
  readonly width?: number;
}

/** Height of one timeline row, in SVG units. */
export const TIMELINE_ROW = 36;

/** Clamps a position to [lo, hi] and reports on which side it was cut. */
export function clip(pos: number, lo: number, hi: number): { at: number; cut: 'before' | 'after' | null } {
  if (pos < lo) return { at: lo, cut: 'before' };
  if (pos > hi) return { at: hi, cut: 'after' };
  return { at: pos, cut: null };
}

/** Renders the chart as a standalone <svg>; its height grows with the number of rows. */
export function timelineChart(spec: TimelineSpec): string {
  const width = spec.width ?? 1080;
  const last = Math.max(1, spec.periods.length - 1);
  const labelW = Math.max(80, ...spec.items.map((it) => Math.max(textWidth(it.label, FONT_SIZE) * 1.08, textWidth(it.sublabel ?? '', FONT_SIZE - 1))));
  const items: LegendItem[] = [
    { label: 'announced', color: INK.muted, shape: 'area', opacity: 0.2 },
    { label: 'in force', color: INK.muted, shape: 'area', opacity: 1 },
    ...(spec.legendItems ?? []),
  ];
  const lg = legend(items, 8, 4, width - 16);
  const top = lg.height + 12;
  const height = top + spec.items.length * TIMELINE_ROW + 30;
  const box = plotBox(width, height, { top, right: 24, bottom: 30, left: Math.ceil(labelW) + 24 });
  const x = linearScale([0, last], [box.x0, box.x1]);
  const ticks = periodTicks(spec.periods, Math.max(2, Math.floor((box.x1 - box.x0) / 70)));
  const grid = ticks.map((t) => `<line x1="${coord(x(t.index))}" x2="${coord(x(t.index))}" y1="${coord(box.y0)}" y2="${coord(box.y1)}" stroke="${INK.grid}"/>`);
  const rows = spec.items.map((it, i) => row(it, i, box.y0, x, last));
  const body = [lg.svg, `<g class="grid">${grid.join('')}</g>`, periodAxis(x, ticks, box), `<g class="rows">${rows.join('')}</g>`].join('');
  return svgDocument(width, height, spec.label, spec.description, body);
}

function row(it: TimelineItem, i: number, y0: number, x: (v: number) => number, last: number): string {
  const top = y0 + i * TIMELINE_ROW;
  const barY = top + 9;
  const barH = TIMELINE_ROW - 18;
  const start = clip(it.start ?? -Infinity, 0, last);
  const end = clip(it.end ?? Infinity, 0, last);
  const parts: string[] = [
    `<text x="8" y="${coord(top + 14)}" font-weight="600">${esc(it.label)}</text>`,
    `<text x="8" y="${coord(top + 28)}" font-size="${FONT_SIZE - 1}" fill="${INK.muted}">${esc(it.sublabel ?? '')}</text>`,
  ];
  if (it.announce !== null && it.start !== null && it.announce < it.start) {
    const a = clip(it.announce, 0, last);
    const w = x(start.at) - x(a.at);
    if (w > 0) {
      parts.push(`<rect x="${coord(x(a.at))}" y="${coord(barY)}" width="${coord(w)}" height="${barH}" fill="${it.color}" fill-opacity="0.2" stroke="${it.color}" stroke-dasharray="3 2"/>`);
    }
  }
  const bx = x(start.at);
  const bw = Math.max(2, x(end.at) - bx);
  parts.push(`<rect x="${coord(bx)}" y="${coord(barY)}" width="${coord(bw)}" height="${barH}" fill="${it.color}"/>`);
  const mid = barY + barH / 2;
  if (start.cut === 'before') parts.push(arrow(bx - 2, mid, -1, it.color));
  if (end.cut === 'after' && (it.end === null || it.end > last)) parts.push(arrow(bx + bw + 2, mid, 1, it.color));
  if (it.note) {
    // The note goes after the bar when it fits before the right edge, else before the bar (or its
    // announcement), else inside the bar in white: never over the next row or off the chart.
    const w = textWidth(it.note, FONT_SIZE - 1);
    const left = it.announce !== null && it.announce < (it.start ?? -Infinity) ? Math.min(bx, x(clip(it.announce, 0, last).at)) : bx;
    const place = bx + bw + 14 + w <= x(last) ? 'after' : left - 14 - w >= x(0) ? 'before' : 'inside';
    const tx = place === 'after' ? bx + bw + 14 : place === 'before' ? left - 14 : bx + bw - 6;
    const anchor = place === 'after' ? 'start' : 'end';
    const fill = place === 'inside' ? '#ffffff' : INK.muted;
    parts.push(`<text x="${coord(tx)}" y="${coord(mid)}" dy="0.32em" font-size="${FONT_SIZE - 1}" text-anchor="${anchor}" fill="${fill}">${esc(it.note)}</text>`);
  }
  return `<g><title>${esc(`${it.label}${it.sublabel ? ` (${it.sublabel})` : ''}${it.note ? `: ${it.note}` : ''}`)}</title>${parts.join('')}</g>`;
}

function arrow(x: number, y: number, dir: 1 | -1, color: string): string {
  const tip = x + dir * 8;
  return `<path d="M${coord(x)},${coord(y - 6)}L${coord(tip)},${coord(y)}L${coord(x)},${coord(y + 6)}Z" fill="${color}"/>`;
}

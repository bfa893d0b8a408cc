/** Legends drawn inside the SVG (so a chart copied or printed alone still explains itself). */
import { esc } from './escape.js';
import { FONT_SIZE, textWidth } from './frame.js';
import { coord } from './path.js';

/** One legend entry: a line (optionally dashed) or a filled swatch. */
export interface LegendItem {
  readonly label: string;
  readonly color: string;
  readonly shape: 'line' | 'dashed' | 'area';
  /** Fill opacity of an area swatch. */
  readonly opacity?: number;
}

/** A legend laid out in rows that fit `width`: its markup and the height it takes. */
export interface LegendLayout {
  readonly svg: string;
  readonly height: number;
}

const ROW = FONT_SIZE + 8;
const SWATCH = 22;

/** Lays out `items` left to right from (x, y), wrapping at x + width. */
export function legend(items: readonly LegendItem[], x: number, y: number, width: number): LegendLayout {
  if (items.length === 0) return { svg: '', height: 0 };
  let cx = x;
  let row = 0;
  const parts: string[] = [];
  for (const item of items) {
    const w = SWATCH + 6 + textWidth(item.label, FONT_SIZE) + 16;
    if (cx > x && cx + w > x + width) {
      cx = x;
      row++;
    }
    const cy = y + row * ROW + ROW / 2;
    parts.push(swatch(item, cx, cy), `<text x="${coord(cx + SWATCH + 6)}" y="${coord(cy)}" dy="0.32em">${esc(item.label)}</text>`);
    cx += w;
  }
  return { svg: `<g class="legend">${parts.join('')}</g>`, height: (row + 1) * ROW };
}

function swatch(item: LegendItem, x: number, cy: number): string {
  if (item.shape === 'area') {
    return `<rect x="${coord(x)}" y="${coord(cy - 6)}" width="${SWATCH}" height="12" fill="${item.color}" fill-opacity="${item.opacity ?? 1}"/>`;
  }
  const dash = item.shape === 'dashed' ? ' stroke-dasharray="5 3"' : '';
  return `<line x1="${coord(x)}" x2="${coord(x + SWATCH)}" y1="${coord(cy)}" y2="${coord(cy)}" stroke="${item.color}" stroke-width="2.5"${dash}/>`;
}

/** Rows a legend of `items` needs at `width` (to size a chart before drawing it). */
export function legendHeight(items: readonly LegendItem[], width: number): number {
  return legend(items, 0, 0, width).height;
}

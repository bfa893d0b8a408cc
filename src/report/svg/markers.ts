/**
 * Vertical event markers on a chart over periods (e.g. "policy cn-license starts here"), so the reader
 * can tie a price jump to its cause without flipping back to the timeline.
 */
import { esc } from './escape.js';
import { FONT_SIZE, textWidth, type PlotBox } from './frame.js';
import { INK } from './palette.js';
import { coord } from './path.js';
import type { LinearScale } from './scale.js';

/** A marker at a (possibly fractional) period position. */
export interface Marker {
  readonly position: number;
  readonly label: string;
}

/**
 * Dotted lines across the plot, each labelled just inside the top of the plot, to the right of its line
 * (to the left near the right edge); a label that would run into the previous one drops one line. The
 * labels get a white halo so that they stay readable over the data. Markers outside the x domain are
 * left out.
 */
export function markers(list: readonly Marker[], x: LinearScale, box: PlotBox): string {
  const [d0, d1] = x.domain;
  const visible = [...list].filter((m) => m.position >= d0 && m.position <= d1).sort((a, b) => a.position - b.position);
  const size = FONT_SIZE - 1;
  let lastEnd = -Infinity;
  let level = 0;
  const parts = visible.map((m) => {
    const px = x(m.position);
    const w = textWidth(m.label, size);
    const right = px + 4 + w <= box.x1;
    const left = right ? px + 4 : px - 4 - w;
    level = left < lastEnd + 6 ? level + 1 : 0;
    lastEnd = left + w;
    const ty = box.y0 + size + level * (size + 3);
    return `<g><title>${esc(m.label)}</title><line x1="${coord(px)}" x2="${coord(px)}" y1="${coord(box.y0)}" y2="${coord(box.y1)}" stroke="${INK.muted}" stroke-dasharray="2 3"/>` +
      `<text x="${coord(right ? px + 4 : px - 4)}" y="${coord(ty)}" text-anchor="${right ? 'start' : 'end'}" font-size="${size}" fill="${INK.muted}"` +
      ` stroke="#ffffff" stroke-width="3" paint-order="stroke">${esc(m.label)}</text></g>`;
  });
  return `<g class="markers">${parts.join('')}</g>`;
}

/** The frame of a chart: its size, the plot area inside the margins, and the accessible <svg> wrapper. */
import { esc } from './escape.js';
import { INK } from './palette.js';

/** Margins around the plot area, in SVG units. */
export interface Margins {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

/** The plot area of a chart in SVG coordinates. */
export interface PlotBox {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/** The plot area of a `width` × `height` chart with margins `m` (y0 is the top). */
export function plotBox(width: number, height: number, m: Margins): PlotBox {
  return { x0: m.left, x1: width - m.right, y0: m.top, y1: height - m.bottom };
}

/** Approximate width of `text` at `fontSize` (sans-serif averages ~0.58 em per character). */
export function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.58;
}

/** Font size of chart text, in SVG units (charts are drawn at about 1 unit per CSS pixel). */
export const FONT_SIZE = 12;

/**
 * Wraps chart content in an accessible <svg>: role="img", an aria-label and a <title> (the name screen
 * readers announce and browsers show on hover), and a <desc> saying in words what the chart shows.
 * Width scales with the page (viewBox), so one chart serves the screen and the printed page.
 */
export function svgDocument(width: number, height: number, label: string, description: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"` +
    ` role="img" aria-label="${esc(label)}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif"` +
    ` font-size="${FONT_SIZE}" fill="${INK.text}">` +
    `<title>${esc(label)}</title><desc>${esc(description)}</desc>${body}</svg>`;
}

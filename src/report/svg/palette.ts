/**
 * Colours: the Okabe–Ito palette, distinguishable with the common colour-vision deficiencies and in
 * greyscale print when combined with the dash patterns the charts add. Its yellow is left out (unreadable
 * as a line on white) and its black is replaced by Paul Tol's indigo, which does not swamp a stacked area.
 */

/** Series colours in the order they are handed out. */
export const SERIES_COLORS: readonly string[] = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#332288'];

/** Neutral colours for axes, grid and text. */
export const INK = { text: '#1a1a1a', muted: '#555555', axis: '#767676', grid: '#e3e3e3', baseline: '#8a8a8a' } as const;

/** The colour of series i (cycling). */
export function seriesColor(i: number): string {
  return SERIES_COLORS[((i % SERIES_COLORS.length) + SERIES_COLORS.length) % SERIES_COLORS.length];
}

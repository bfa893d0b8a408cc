/**
 * SVG path data for lines and bands. Coordinates are rounded to 0.1 unit: invisible at any zoom a report
 * is read at, and it keeps the HTML small and the output stable (no float noise in snapshots).
 */

/** A point in SVG coordinates. */
export type Point = readonly [number, number];

/** Rounds a coordinate to one decimal and prints it without a trailing ".0". */
export function coord(x: number): string {
  const r = Math.round(x * 10) / 10;
  return String(Object.is(r, -0) ? 0 : r);
}

/**
 * A polyline through `points`; a null point breaks the line, so an undefined value is a visible gap
 * and not a fake zero. Returns "" when there is nothing to draw.
 */
export function linePath(points: readonly (Point | null)[]): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p === null) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${coord(p[0])},${coord(p[1])}`;
    pen = true;
  }
  return d;
}

/** A closed area between an upper and a lower line of the same x positions (a band, a stacked layer). */
export function areaPath(upper: readonly Point[], lower: readonly Point[]): string {
  if (upper.length === 0) return '';
  const back = [...lower].reverse();
  return `${linePath([...upper, ...back])}Z`;
}

/**
 * Areas between two lines with gaps: each run of consecutive defined points gets its own closed area.
 * `pairs[i]` is [upper, lower] at position i, or null where either is undefined.
 */
export function bandPath(pairs: readonly ([Point, Point] | null)[]): string {
  let d = '';
  let run: [Point, Point][] = [];
  const flush = () => {
    if (run.length > 0) d += areaPath(run.map((p) => p[0]), run.map((p) => p[1]));
    run = [];
  };
  for (const p of pairs) {
    if (p === null) flush();
    else run.push(p);
  }
  flush();
  return d;
}

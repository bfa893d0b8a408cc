/** Linear scales: the one mapping every chart uses from data values to SVG coordinates. */

/** A linear map from `domain` to `range`; `invert` maps back. */
export interface LinearScale {
  (x: number): number;
  readonly domain: readonly [number, number];
  readonly range: readonly [number, number];
  invert(y: number): number;
}

/**
 * Maps domain[0] → range[0] and domain[1] → range[1] linearly (a reversed range, as on a y axis where
 * SVG counts downwards, is fine). A degenerate domain (one value) maps to the middle of the range, so a
 * flat series is drawn across the middle of its chart rather than divided by zero.
 */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  const f = ((x: number) => (span === 0 ? (r0 + r1) / 2 : r0 + ((x - d0) / span) * (r1 - r0))) as LinearScale;
  return Object.assign(f, {
    domain: [d0, d1] as const,
    range: [r0, r1] as const,
    invert: (y: number) => (r1 === r0 ? d0 : d0 + ((y - r0) / (r1 - r0)) * span),
  });
}

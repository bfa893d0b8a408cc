/**
 * "Nice" axis ticks: steps of 1, 2 or 5 × 10^k, as people round numbers (the rule of d3-array's ticks).
 * Ticks are computed as integers divided by a power of ten so that they are exact decimals (0.3, not
 * 0.30000000000000004), which keeps labels and tests exact.
 */

/** The nice step for about `count` intervals over [min, max] (0 when the interval is empty). */
export function tickStep(min: number, max: number, count: number): number {
  const span = Math.abs(max - min);
  if (!(span > 0) || count < 1) return 0;
  const raw = span / count;
  const power = Math.floor(Math.log10(raw));
  const base = 10 ** power;
  const error = raw / base;
  // Thresholds at the geometric means between 1, 2, 5 and 10 pick the nearest nice step.
  const m = error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1;
  return m * base;
}

/** Decimals needed to write multiples of `step` exactly (0 for steps ≥ 1). */
export function stepDecimals(step: number): number {
  if (!(step > 0)) return 0;
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

/** k × step as an exact decimal. */
function multiple(k: number, step: number): number {
  const d = stepDecimals(step);
  const factor = 10 ** d;
  // `+ 0` folds -0 (from Math.ceil of a tiny negative) into 0, so no axis says "-0".
  return (k * Math.round(step * factor)) / factor + 0;
}

/** Nice ticks within [min, max] (both ends included when they fall on a step). */
export function niceTicks(min: number, max: number, count: number): number[] {
  if (min > max) [min, max] = [max, min];
  const step = tickStep(min, max, count);
  if (step === 0) return [min];
  const out: number[] = [];
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  for (let k = first; k <= last; k++) out.push(multiple(k, step));
  return out;
}

/**
 * The domain widened to whole steps, so the axis starts and ends on a labelled tick. A domain of one
 * value is widened around it (or to [0, 1] at zero) so that a flat line still gets a readable axis.
 */
export function niceDomain(min: number, max: number, count: number): [number, number] {
  if (min > max) [min, max] = [max, min];
  if (min === max) {
    if (min === 0) return [0, 1];
    const pad = Math.abs(min) * 0.1;
    [min, max] = [min - pad, max + pad];
  }
  const step = tickStep(min, max, count);
  return [multiple(Math.floor(min / step + 1e-9), step), multiple(Math.ceil(max / step - 1e-9), step)];
}

/**
 * Order-independent statistics of Monte Carlo samples. Every function sorts a copy first, so the result
 * depends only on the multiset of values — never on the order draws finished in or how they were
 * split across workers and shards (which is what makes `reesim merge` byte-identical to one run).
 */

/** The statistics reported per output. */
export interface SampleStats {
  readonly mean: number;
  readonly p5: number;
  readonly p50: number;
  readonly p95: number;
}

/** Quantile q ∈ [0,1] of ascending `sorted` values, linear interpolation between order statistics (Hyndman–Fan type 7). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Mean and p5/p50/p95 of the finite values in `values`; null when there are none. */
export function sampleStats(values: ArrayLike<number>): SampleStats | null {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite.push(values[i]);
  if (finite.length === 0) return null;
  const sorted = Float64Array.from(finite).sort();
  // Kahan-free but order-independent: summing the sorted values gives the same rounding every time.
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += sorted[i];
  return {
    mean: sum / sorted.length,
    p5: quantileSorted(sorted, 0.05),
    p50: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
  };
}

/** Average ranks (1-based, ties share their mean rank) of `values`. */
export function ranks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  const out = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k]] = rank;
    i = j + 1;
  }
  return out;
}

/** Pearson correlation of two equally long samples; null when either is constant. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  const n = x.length;
  if (n < 2 || y.length !== n) return null;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
  mx /= n; my /= n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx, dy = y[i] - my;
    sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
  }
  // Relative threshold: a sample whose spread is rounding noise is constant for our purposes.
  if (sxx <= 1e-24 * Math.max(1, mx * mx) * n || syy <= 1e-24 * Math.max(1, my * my) * n) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/** Spearman rank correlation (Pearson on average ranks); null when either sample is constant. */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  return pearson(ranks(x), ranks(y));
}

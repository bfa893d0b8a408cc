/**
 * Imperfect substitution between origins (Armington), kept linear and mass-conserving.
 *
 * A destination's buyers of a product with an elasticity of substitution σ do not treat goods of
 * different origins as one good: they use a composite mixed from origin varieties. reesim represents
 * the mixing by **mix columns**: each makes 1 t of composite from a fixed mix u of origin varieties
 * (Σ u_o = 1 t: mass is conserved) at a switching cost per tonne of
 *
 *   friction(u) · P̂,   friction(u) = Z(s)/Z(u) − 1,   Z(u) = (Σ_o a_o^{1/σ} u_o^{(σ−1)/σ})^{σ/(σ−1)},
 *
 * where s is the destination's benchmark mix, a the preference weights that make s the buyers' choice at
 * the reference landed prices (benchmark.ts), and P̂ the composite's price level (the previous period's
 * price there). Z(s)/Z(u) − 1 is the extra tonnage a CES buyer would need to get the service of the
 * benchmark from mix u, so a buyer facing variety prices π chooses, over the mixes,
 * min π·u + P̂·(Z(s)/Z(u) − 1) — the CES choice when P̂ is the composite's price, and the benchmark mix at
 * the reference prices. Friction is 0 at the benchmark and convex in u (1/Z is convex where Z is concave
 * and positive), so combinations of mixes (what the LP forms) are an inner approximation of the convex
 * switching cost that is exact at the mixes themselves.
 *
 * The mixes: the benchmark; each origin's share multiplied by 0, ¼, ½, 2 and 4 (the others rescaled);
 * and each origin alone. A price rise of one origin moves the LP along its own tilts; a ban of it to the
 * mix without it; a destination cut off from all but one origin to that origin alone. As σ → ∞ the
 * composite becomes linear, origins differing only by their reference landed prices (equal for the
 * origins the reference clearing uses): the homogeneous good.
 */

/** Factors by which one origin's benchmark share is tilted (0 drops it); "alone" mixes are added apart. */
export const TILTS = [0, 0.25, 0.5, 2, 4] as const;

/**
 * The CES aggregate of mix `u` with preference weights `a` (same index set), not normalised:
 * (Σ a_o^{1/σ} u_o^{(σ−1)/σ})^{σ/(σ−1)}; at σ = 1 the Cobb-Douglas limit Π u_o^{α_o}, α = a / Σ a.
 */
export function cesAggregate(u: readonly number[], a: readonly number[], sigma: number): number {
  if (Math.abs(sigma - 1) < 1e-9) {
    const total = a.reduce((x, y) => x + y, 0);
    let z = 1;
    for (let i = 0; i < u.length; i++) if (a[i] > 0) z *= u[i] > 0 ? Math.pow(u[i], a[i] / total) : 0;
    return z;
  }
  const rho = (sigma - 1) / sigma;
  let sum = 0;
  for (let i = 0; i < u.length; i++) {
    if (a[i] <= 0) continue;
    if (u[i] <= 0) {
      if (rho < 0) return 0; // complements (σ < 1): a missing variety leaves no composite
      continue;
    }
    sum += Math.pow(a[i], 1 / sigma) * Math.pow(u[i], rho);
  }
  return sum > 0 ? Math.pow(sum, 1 / rho) : 0;
}

/** One mix column's recipe: tonnes of each origin's variety per tonne of composite, and its friction. */
export interface Mix {
  readonly u: readonly number[];
  readonly friction: number;
}

/**
 * The mixes of one destination (see the module comment), over its origins in the order of `s` (the
 * benchmark shares, summing to 1) with preference weights `a`. Friction is Z(s)/Z(u) − 1: 0 at the
 * benchmark; negative for a mix worth more than the benchmark at equal prices (one that leans towards an
 * origin whose weight exceeds its share: a dearer origin buyers still chose). Mixes with no composite
 * are left out, and so are duplicates.
 */
export function mixesOf(s: readonly number[], a: readonly number[], sigma: number): Mix[] {
  const n = s.length;
  const candidates: number[][] = [[...s]];
  for (let o = 0; o < n; o++) {
    for (const f of TILTS) {
      const u = s.map((x, i) => (i === o ? x * f : x));
      const total = u.reduce((x, y) => x + y, 0);
      if (total > 0) candidates.push(u.map((x) => x / total));
    }
    candidates.push(s.map((_, i) => (i === o ? 1 : 0)));
  }
  const benchmark = cesAggregate(s, a, sigma);
  const out: Mix[] = [];
  for (const u of candidates) {
    if (out.some((m) => m.u.every((x, i) => Math.abs(x - u[i]) < 1e-12))) continue;
    const z = cesAggregate(u, a, sigma);
    if (!(z > 0) || !(benchmark > 0)) continue;
    out.push({ u, friction: benchmark / z - 1 });
  }
  return out;
}

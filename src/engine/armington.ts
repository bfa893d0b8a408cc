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
 * The mixes: the core (the benchmark over the origins that supplied the destination); each of their
 * shares multiplied by 0, ½ and 2 (TILTS; the others rescaled); each origin alone; and each entrant (an
 * origin with a floor share but no benchmark supply, e.g. a plant a policy will build) blended into the
 * core at 1, 4 and 16 times its share. A price rise of one origin moves the LP along its own tilts; a ban
 * of it to the mix without it; a destination cut off from all but one origin to that origin alone; new
 * capacity into the blends. Friction is measured from the core, so the core costs nothing whether or not
 * entrants exist. As σ → ∞ the composite becomes linear, origins differing only by their reference
 * landed prices (equal for the origins the reference clearing uses): the homogeneous good.
 */

/** Factors by which one origin's benchmark share is tilted (0 drops it); "alone" mixes are added apart. */
const TILTS = [0, 0.5, 2] as const;

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

/** Multiples of an entrant's benchmark share at which it is blended into the core mix. */
const ENTRY_STEPS = [1, 4, 16] as const;

/**
 * The mixes of one destination (see the module comment), over its origins in the order of `s` (the
 * benchmark shares, summing to 1) with preference weights `a`. `active` marks the origins that supplied
 * the destination in the benchmark; the others (entrants: a floor share, no supply yet) are left out of
 * the **core** mix (s over the active origins), which is what friction is measured from:
 * Z(core)/Z(u) − 1 — 0 at the core, negative for a mix worth more at equal prices (one that leans towards
 * an origin whose weight exceeds its share, or adds an entrant: CES values a new variety highly at
 * first). Candidates: the core; each active origin's share tilted; each origin alone; each entrant
 * blended into the core at 1, 4 and 16 times its share. With σ ≤ 1 (complements) entrants are left out
 * altogether: a missing variety would leave no composite. Mixes with no composite and duplicates are
 * dropped.
 */
export function mixesOf(s: readonly number[], a: readonly number[], sigma: number, active: readonly boolean[] = s.map(() => true)): Mix[] {
  const n = s.length;
  const entrantsAllowed = sigma > 1 + 1e-9;
  const isActive = active.some((x) => x) ? active : s.map(() => true);
  const weight = a.map((x, i) => (isActive[i] || entrantsAllowed ? x : 0));
  const coreTotal = s.reduce((sum, x, i) => sum + (isActive[i] ? x : 0), 0);
  const core = s.map((x, i) => (isActive[i] ? x / coreTotal : 0));
  const candidates: number[][] = [core];
  const normalised = (u: number[]) => {
    const total = u.reduce((x, y) => x + y, 0);
    return total > 0 ? u.map((x) => x / total) : null;
  };
  for (let o = 0; o < n; o++) {
    if (isActive[o]) {
      for (const f of TILTS) {
        const u = normalised(core.map((x, i) => (i === o ? x * f : x)));
        if (u) candidates.push(u);
      }
    } else if (weight[o] > 0) {
      for (const k of ENTRY_STEPS) {
        const x = k * s[o];
        if (x < 1) candidates.push(core.map((c, i) => (i === o ? x : c * (1 - x))));
      }
    }
    if (isActive[o] || weight[o] > 0) candidates.push(s.map((_, i) => (i === o ? 1 : 0)));
  }
  const reference = cesAggregate(core, weight, sigma);
  const out: Mix[] = [];
  for (const u of candidates) {
    if (out.some((m) => m.u.every((x, i) => Math.abs(x - u[i]) < 1e-12))) continue;
    const z = cesAggregate(u, weight, sigma);
    if (!(z > 0) || !(reference > 0)) continue;
    out.push({ u, friction: reference / z - 1 });
  }
  return out;
}

/** `raw` normalised over `origins` (equal shares when all are 0). */
export function normalisedOver(origins: readonly number[], raw: Float64Array): Float64Array {
  const out = new Float64Array(raw.length);
  const total = origins.reduce((sum, o) => sum + Math.max(0, raw[o]), 0);
  for (const o of origins) out[o] = total > 0 ? Math.max(0, raw[o]) / total : 1 / origins.length;
  return out;
}

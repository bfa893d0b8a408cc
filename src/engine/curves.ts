/**
 * Demand and stock-holding curves on the price grid.
 *
 * Final demand (per demand definition s, per period): Q_s = referenceQuantity[t] × demand shocks ×
 * structural factor. The critical part φ_s·Q_s has no short-run substitute: it is a fixed requirement
 * of the balance row, served up to the choke price by a backstop column (so a region in shortage has
 * exactly the choke price). The rest follows q(p) = (1 − φ_s)·Q_s·(p/p_ref)^ε for p < choke, 0 at or
 * above. On the grid w_0 < w_1 < … < w_{K−1} < top (w_K := top) tier k holds q(w_k) − q(w_{k+1}) at
 * willingness to pay w_k: the curve is approximated from below (a tier is priced at the bottom of its
 * step), and demand below w_0 saturates at q(w_0).
 *
 * Commercial stock holding (per region × product): holders start the period with S0 and choose the
 * end-of-period stock as a downward-sloping demand for holding,
 *   S_end(p) = (1 − 1/n)·S0·min(1, (p_e/p)^η) + (1/n)·[min(M·B, B·(p_n/p)^η) + min(M·E, E·(p_e/p)^η)],
 * 0 at p ≥ top, with n = adjustmentPeriods, η = priceResponse, p_e = expected price / (1 + carrying
 * cost) (the price at which holding one more period breaks even), p_n the same for the slow normal price,
 * B = normal coverage × use per period, E = precautionary extra coverage (momentum, announcements) × use,
 * and M = MAX_TARGET_MULTIPLE. Ordinary restocking is valued at the normal price, so holders do not
 * rebuild stocks at spike prices once the spike's cause has gone; precautionary buying is valued at the
 * expected price, which follows a rising market (panic buying). At p = p_e holders close 1/n of the gap to target (partial adjustment); above it
 * they release (the old stock is not re-bought at a price above its expected value; at the choke price
 * everything is released), below it they buy towards at most M·S*. The target S* rises with price
 * momentum and, for importers, on the announcement of a restriction: that is what makes hoarding.
 */
import type { ModelInput } from '../model/types.js';
import type { LpLayout } from './layout.js';

/** Holders never aim above this multiple of their coverage target, however cheap the product. */
export const MAX_TARGET_MULTIPLE = 2;

/** Parameters of one row's stock-holding curve this period. */
export interface HoldingCurve {
  /** Beginning stock (t). */
  readonly s0: number;
  /** Break-even price of holding at the expected price (USD/kg). */
  readonly pe: number;
  /** Break-even price of holding at the slow normal price (USD/kg): what ordinary restocking pays. */
  readonly pn: number;
  /** Base coverage target in tonnes (normal coverage × use). */
  readonly base: number;
  /** Precautionary extra target in tonnes (momentum and announcement coverage × use). */
  readonly extra: number;
  readonly n: number;
  readonly eta: number;
}

/** (p/w)^η, the relative demand for holding at price w against break-even price p. */
function holdRatio(p: number, w: number, eta: number): number {
  return p > 0 ? Math.pow(p / w, eta) : eta === 0 ? 1 : 0;
}

/**
 * Desired end-of-period stock at price w (t) for a row whose grid tops out at `top`: holders keep their
 * stock up to its expected value, close 1/n of the gap to the base target valued at the normal price,
 * and 1/n of the gap to the precautionary extra valued at the expected price.
 */
export function desiredStock(c: HoldingCurve, w: number, top: number): number {
  if (w >= top) return 0;
  const re = holdRatio(c.pe, w, c.eta);
  const rn = holdRatio(c.pn, w, c.eta);
  const keep = (1 - 1 / c.n) * c.s0 * Math.min(1, re);
  const move = (1 / c.n) * (Math.min(MAX_TARGET_MULTIPLE * c.base, c.base * rn) + Math.min(MAX_TARGET_MULTIPLE * c.extra, c.extra * re));
  return keep + move;
}

/**
 * Fills, for every tier column, the final-demand quantity (elastic part) and the holding quantity.
 * `q` is each demand definition's effective reference quantity; `holding[rp]` is null when the row's
 * stock is passive (warm-up, no holders).
 */
export function fillTiers(
  input: ModelInput,
  layout: LpLayout,
  q: Float64Array,
  holding: readonly (HoldingCurve | null)[],
  demandTier: Float64Array,
  stockTier: Float64Array,
): void {
  const N = layout.balanceRows;
  for (let rp = 0; rp < N; rp++) {
    const K = layout.tierCount[rp];
    if (K === 0) continue;
    const first = layout.tierStart[rp];
    for (let k = 0; k < K; k++) demandTier[first + k] = 0;
    for (let i = layout.defsStart[rp]; i < layout.defsStart[rp + 1]; i++) {
      const s = layout.defsOf[i];
      const elastic = (1 - input.demands[s].criticalShare) * q[s];
      const shape = layout.shapeStart[s];
      for (let k = 0; k < K; k++) demandTier[first + k] += elastic * layout.shapeDrop[shape + k];
    }
    const curve = holding[rp];
    const top = layout.gridTop[rp];
    // Below `saturated` the curve is flat (desiredStock gives the same value), so every lower tier is 0.
    const saturated = curve ? saturationPrice(curve) : Infinity;
    let above = 0; // desired stock at the next grid step up
    let k = K - 1;
    for (; k >= 0; k--) {
      const w = layout.tierWtp[first + k];
      if (w <= saturated) break;
      const here = desiredStock(curve!, w, top);
      stockTier[first + k] = Math.max(0, here - above);
      above = Math.max(above, here);
    }
    if (k >= 0 && curve) {
      // First flat tier: the same expressions desiredStock evaluates with min(1, ratio) = 1 and the target cap binding.
      const here = layout.tierWtp[first + k] >= top ? 0 : flatStock(curve);
      stockTier[first + k] = Math.max(0, here - above);
      k--;
    }
    for (; k >= 0; k--) stockTier[first + k] = 0;
  }
}

/**
 * A price at or below which desiredStock is certainly on its flat part ((p_e/w)^η ≥ MAX_TARGET_MULTIPLE ≥ 1,
 * with a margin far above Math.pow's rounding), or −Infinity when there is none. Lets fillTiers skip the
 * pow of every tier far below the expected price without changing a bit of the result.
 */
function saturationPrice(c: HoldingCurve): number {
  const p = Math.min(c.pe, c.pn);
  if (!(p > 0) || !(c.eta >= 1e-3) || !(c.base >= 0) || !(c.extra >= 0) || !Number.isFinite(c.base + c.extra)) return -Infinity;
  const x = Math.pow(MAX_TARGET_MULTIPLE, 1 / c.eta) * (1 + 1e-9);
  return Number.isFinite(x) ? p / x / (1 + 1e-9) : -Infinity;
}

/** desiredStock on its flat part, written exactly as desiredStock computes it there. */
function flatStock(c: HoldingCurve): number {
  const keep = (1 - 1 / c.n) * c.s0 * 1;
  const move = (1 / c.n) * (MAX_TARGET_MULTIPLE * c.base + MAX_TARGET_MULTIPLE * c.extra);
  return keep + move;
}

/**
 * `price_floor`: producers of the product in the regions receive max(p, floor). The subsidy
 * s = max(0, floor − p) per tonne of that product's output lowers the cost of every cost band of the
 * plants that make it there; it depends on the price, so it is settled in the same per-period fixed
 * point as the ad valorem wedges. Its cost is reported (USD).
 */
import { at, inForce, type PolicyPlugin } from './controls.js';

/** Plug-in for `price_floor`. */
export const priceFloor: PolicyPlugin<'price_floor'> = {
  type: 'price_floor',
  apply(pol, _index, ctx, out) {
    if (!inForce(pol, ctx.period)) return;
    const price = at(pol.price, ctx.period);
    for (const r of pol.regions) {
      const rp = r * ctx.layout.products + pol.product;
      out.floor[rp] = out.hasFloor[rp] ? Math.max(out.floor[rp], price) : price;
      out.hasFloor[rp] = 1;
    }
  },
};

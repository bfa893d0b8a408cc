/** `stockpile_build`: strategic purchases up to the planned quantity, at any price up to the product's highest choke price. */
import { at, inForce, type PolicyPlugin } from './controls.js';

/** Plug-in for `stockpile_build`. */
export const stockpileBuild: PolicyPlugin<'stockpile_build'> = {
  type: 'stockpile_build',
  apply(pol, _index, ctx, out) {
    if (!inForce(pol, ctx.period)) return;
    out.build[pol.region * ctx.layout.products + pol.product] += Math.max(0, at(pol.rate, ctx.period));
  },
};

/**
 * `stockpile_release`: the strategic stock sells its planned quantity into the market at any price (a
 * price-taking sale, entered as supply on the right-hand side). The engine caps it by the stock left.
 */
import { at, inForce, type PolicyPlugin } from './controls.js';

/** Plug-in for `stockpile_release`. */
export const stockpileRelease: PolicyPlugin<'stockpile_release'> = {
  type: 'stockpile_release',
  apply(pol, _index, ctx, out) {
    if (!inForce(pol, ctx.period)) return;
    out.release[pol.region * ctx.layout.products + pol.product] += Math.max(0, at(pol.rate, ctx.period));
  },
};

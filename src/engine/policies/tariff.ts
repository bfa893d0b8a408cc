/** `tariff`: an ad valorem wedge `rate` × origin price on imports into `to` from `from` (exempt regions already removed). */
import { at, forEachLinkOf, inForce, markHoarding, markOriginRules, type PolicyPlugin } from './controls.js';

/** Plug-in for `tariff`. */
export const tariff: PolicyPlugin<'tariff'> = {
  type: 'tariff',
  apply(pol, _index, ctx, out) {
    markHoarding(pol, ctx, out);
    if (!inForce(pol, ctx.period)) return;
    const rate = Math.max(0, at(pol.rate, ctx.period));
    if (rate === 0) return; // a zero rate restricts nothing: no rules of origin either
    forEachLinkOf(ctx, pol, (l) => {
      out.adValorem[l] += rate;
      out.tariffRate[l] += rate;
    });
    markOriginRules(pol, ctx, out);
  },
};

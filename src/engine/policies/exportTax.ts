/** `export_tax`: an ad valorem wedge `rate` × origin price on the selected links (added to any tariff). */
import { at, forEachLinkOf, inForce, markHoarding, markOriginRules, type PolicyPlugin } from './controls.js';

/** Plug-in for `export_tax`. */
export const exportTax: PolicyPlugin<'export_tax'> = {
  type: 'export_tax',
  apply(pol, _index, ctx, out) {
    markHoarding(pol, ctx, out);
    if (!inForce(pol, ctx.period)) return;
    const rate = Math.max(0, at(pol.rate, ctx.period));
    if (rate === 0) return; // a zero rate restricts nothing: no rules of origin either
    forEachLinkOf(ctx, pol, (l) => (out.adValorem[l] += rate));
    markOriginRules(pol, ctx, out);
  },
};

/**
 * `export_license`: only `approval` × the reference flow (the baseline run's flow on that link in the same
 * period) gets through. With `delay` > 0 the licensed shipment leaves the origin now and arrives `delay`
 * periods later: it moves to the link's shipment column (the same-period trade column is closed) and the
 * goods are a stock in transit. Leakage as for a ban.
 */
import { at, capLink, forEachLinkOf, inForce, markHoarding, type PolicyPlugin } from './controls.js';

/** Plug-in for `export_license`. */
export const exportLicense: PolicyPlugin<'export_license'> = {
  type: 'export_license',
  apply(pol, index, ctx, out) {
    markHoarding(pol, ctx, out);
    if (!inForce(pol, ctx.period)) return;
    const approval = Math.min(1, Math.max(0, at(pol.approval, ctx.period)));
    const leak = at(pol.leakage, ctx.period);
    forEachLinkOf(ctx, pol, (l) => {
      const ref = Math.max(0, ctx.referenceFlow(index, l));
      const delayed = ctx.layout.shipCol[l] >= 0 && pol.delay > 0;
      capLink(out, l, delayed ? 0 : approval * ref, ref, leak);
      if (delayed) out.shipCap[l] = Math.max(out.shipCap[l], approval * ref);
    });
  },
};

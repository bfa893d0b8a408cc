/**
 * `export_license`: only `approval` × the reference flow (the baseline run's flow on that link in the same
 * period) gets through. With `delay` > 0 the licensed shipment leaves the origin now and arrives `delay`
 * periods later: it moves to the link's shipment column (the same-period trade column is closed) and the
 * goods are a stock in transit. Leakage applies to the flow the licence keeps off the link: up to
 * `leakage` × (1 − approval) × the reference flow arrives via third countries (a full approval leaves
 * nothing to smuggle).
 */
import { at, capForeignMade, capLink, forEachLinkOf, inForce, markHoarding, markOriginRules, type PolicyPlugin } from './controls.js';

/** Plug-in for `export_license`. */
export const exportLicense: PolicyPlugin<'export_license'> = {
  type: 'export_license',
  apply(pol, index, ctx, out) {
    markHoarding(pol, ctx, out);
    if (!inForce(pol, ctx.period)) return;
    const approval = Math.min(1, Math.max(0, at(pol.approval, ctx.period)));
    const leak = at(pol.leakage, ctx.period);
    const delay = Math.max(0, Math.round(pol.delay));
    forEachLinkOf(ctx, pol, (l) => {
      const ref = Math.max(0, ctx.referenceFlow(index, l));
      capLink(out, l, approval * ref, ref, leak, (1 - approval) * ref);
      out.shipDelay[l] = Math.max(out.shipDelay[l], delay);
    });
    // Foreign-made reach: the same approval share of third regions' goods with the origins' material (no
    // delay: the licence is the exporter's, not the origin's shipment), plus the leakage of the rest.
    if (pol.foreignMade) capForeignMade(pol, index, ctx, out, (ref) => approval * ref + leak * (1 - approval) * ref);
    markOriginRules(pol, ctx, out);
  },
};

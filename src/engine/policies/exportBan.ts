/** `export_ban`: no exports on the selected links, except the leakage share of the reference flow via third countries. */
import { at, capForeignMade, capLink, forEachLinkOf, inForce, markHoarding, markOriginRules, type PolicyPlugin } from './controls.js';

/** Plug-in for `export_ban`. */
export const exportBan: PolicyPlugin<'export_ban'> = {
  type: 'export_ban',
  apply(pol, index, ctx, out) {
    markHoarding(pol, ctx, out);
    if (!inForce(pol, ctx.period)) return;
    const leak = at(pol.leakage, ctx.period);
    forEachLinkOf(ctx, pol, (l) => capLink(out, l, 0, ctx.referenceFlow(index, l), leak));
    // Foreign-made reach: third regions' goods with the origins' material are banned too (but the leakage share).
    if (pol.foreignMade) capForeignMade(pol, index, ctx, out, (ref) => leak * ref);
    markOriginRules(pol, ctx, out);
  },
};

/** `import_ban`: no imports on the selected links. Unlike an export ban it allows no leakage (the importer polices its border). */
import { capLink, forEachLinkOf, inForce, markHoarding, markOriginRules, type PolicyPlugin } from './controls.js';

/** Plug-in for `import_ban`. */
export const importBan: PolicyPlugin<'import_ban'> = {
  type: 'import_ban',
  apply(pol, index, ctx, out) {
    markHoarding(pol, ctx, out);
    if (!inForce(pol, ctx.period)) return;
    forEachLinkOf(ctx, pol, (l) => capLink(out, l, 0, ctx.referenceFlow(index, l), 0));
    markOriginRules(pol, ctx, out);
  },
};

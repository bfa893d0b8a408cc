/**
 * `export_quota`: one row caps the sum of same-period trade (and licensed shipments) over the selected
 * links at `limit` (t per period). Leakage: each link may also carry `leakage` × its reference flow via
 * third countries, outside the quota.
 */
import { at, forEachLinkOf, inForce, limitLeakage, markHoarding, markOriginRules, type PolicyPlugin } from './controls.js';

/** Plug-in for `export_quota`. */
export const exportQuota: PolicyPlugin<'export_quota'> = {
  type: 'export_quota',
  apply(pol, index, ctx, out) {
    markHoarding(pol, ctx, out);
    if (!inForce(pol, ctx.period)) return;
    out.quotaLimit[index] = Math.min(out.quotaLimit[index], Math.max(0, at(pol.limit, ctx.period)));
    const leak = at(pol.leakage, ctx.period);
    forEachLinkOf(ctx, pol, (l) => {
      limitLeakage(out, l, ctx.referenceFlow(index, l), leak);
      if (out.capKind[l] === 0) out.capKind[l] = 2;
    });
    markOriginRules(pol, ctx, out);
  },
};

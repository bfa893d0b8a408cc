/** `demand_shock`: multiplies the reference quantity of every demand definition of the regions × products by `factor`. */
import { at, inForce, type PolicyPlugin } from './controls.js';

/** Plug-in for `demand_shock`. */
export const demandShock: PolicyPlugin<'demand_shock'> = {
  type: 'demand_shock',
  apply(pol, _index, ctx, out) {
    if (!inForce(pol, ctx.period)) return;
    const factor = Math.max(0, at(pol.factor, ctx.period));
    const { layout } = ctx;
    for (const r of pol.regions)
      for (const p of pol.products) {
        const rp = r * layout.products + p;
        for (let i = layout.defsStart[rp]; i < layout.defsStart[rp + 1]; i++) out.demandFactor[layout.defsOf[i]] *= factor;
      }
  },
};

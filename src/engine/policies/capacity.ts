/**
 * `capacity`: scheduled capacity change of a plant. `added[t]` is cumulative (ramp included), so from the
 * start the plant has `added[t]` more (or less) capacity. The change holds while the policy is in force:
 * a plant built has no `end`; a change with an `end` is temporary (an outage, a mine halted for some
 * months) and reverts when the window closes.
 */
import { at, type PolicyPlugin } from './controls.js';

/** Plug-in for `capacity`. */
export const capacity: PolicyPlugin<'capacity'> = {
  type: 'capacity',
  apply(pol, _index, ctx, out) {
    const t = ctx.period;
    if (t < pol.start || t >= pol.end) return;
    out.capacityAdded[pol.plant] += at(pol.added, t);
  },
};

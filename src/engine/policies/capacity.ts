/**
 * `capacity`: scheduled capacity change of a plant. `added[t]` is cumulative (ramp included), so from the
 * start the plant has `added[t]` more (or less) capacity; after the end the change stays at its last
 * in-force value (a plant built is not unbuilt when the policy's window closes).
 */
import { at, type PolicyPlugin } from './controls.js';

/** Plug-in for `capacity`. */
export const capacity: PolicyPlugin<'capacity'> = {
  type: 'capacity',
  apply(pol, _index, ctx, out) {
    const t = ctx.period;
    if (t < pol.start) return;
    out.capacityAdded[pol.plant] += at(pol.added, Math.min(t, pol.end - 1));
  },
};

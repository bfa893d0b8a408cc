/**
 * `capacity`: a scheduled change of a plant's capacity, per year, reached linearly over `ramp` (whole
 * periods; 0 = at once). `added[t]` is cumulative: 0 before start, change × min(1, (t − start + 1) / ramp)
 * after. A region without a plant of that process gets a new zero-capacity plant (e.g. a US magnet plant).
 */
import { RANGES } from '../fields.js';
import { regionId } from '../selectors.js';
import { scalarField, type PolicyConverter } from './common.js';

/** Converts a capacity change (`change` per year → t per period, cumulative with ramp). */
export const capacity: PolicyConverter = (src) => {
  const region = regionId(src.ctx, [...src.path, 'region']);
  const process = String(src.doc.process);
  if (!src.ctx.ids.processes.has(process)) {
    src.ctx.error([...src.path, 'process'], `unknown process "${process}" (known: ${[...src.ctx.ids.processes].sort().join(', ')})`);
    return null;
  }
  const change = scalarField(src, 'change', 'flow', RANGES.any);
  const ramp = scalarField(src, 'ramp', 'duration', RANGES.nonNegative, 0);
  if (region < 0 || change < 0 || ramp < 0) return null;
  const plant = src.plants.plantFor(region, process);
  const periods = src.ctx.cal.timeline.labels.length;
  const { start } = src.window;
  return (v, plantIndex) => {
    const rampPeriods = Math.max(1, Math.round(v[ramp]));
    const added = new Float64Array(periods);
    for (let t = Math.max(0, start); t < periods; t++) added[t] = v[change] * Math.min(1, (t - start + 1) / rampPeriods);
    return { ...src.window, type: 'capacity', plant: plantIndex(plant.id), added };
  };
};

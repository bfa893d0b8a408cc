/**
 * `stockpile_release` and `stockpile_build`: a total quantity spread evenly over `over` (whole periods,
 * at least 1) from the start. The policy ends when the quantity is spread, or at an earlier `end`: the
 * total never exceeds `quantity`.
 */
import type { PolicyInput } from '../../model/types.js';
import { RANGES } from '../fields.js';
import { productId, regionId } from '../selectors.js';
import { scalarField, type PolicyConverter } from './common.js';

function stockpile(type: 'stockpile_release' | 'stockpile_build'): PolicyConverter {
  return (src) => {
    const region = regionId(src.ctx, [...src.path, 'region']);
    const product = productId(src.ctx, [...src.path, 'product']);
    const quantity = scalarField(src, 'quantity', 'mass', RANGES.nonNegative);
    const over = scalarField(src, 'over', 'duration', RANGES.positive);
    if (region < 0 || product < 0 || quantity < 0 || over < 0) return null;
    const periods = src.ctx.cal.timeline.labels.length;
    return (v) => {
      const n = Math.max(1, Math.round(v[over]));
      const rate = new Float64Array(periods).fill(v[quantity] / n);
      const end = Math.min(src.window.end, src.window.start + n);
      return { ...src.window, end, type, region, product, rate } as PolicyInput;
    };
  };
}

/** Converts a strategic stock release (`quantity` over `over` → t per period). */
export const stockpileRelease = stockpile('stockpile_release');
/** Converts strategic purchases (`quantity` over `over` → t per period). */
export const stockpileBuild = stockpile('stockpile_build');

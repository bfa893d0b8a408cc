/** `export_quota`: a cap on the total exports over the selected links; the yearly limit is spread over periods. */
import { RANGES } from '../fields.js';
import { foreignMadeField, linkFields, seriesField, type PolicyConverter } from './common.js';

/** Converts an export quota (`limit` per year → t per period). */
export const exportQuota: PolicyConverter = (src) => {
  const links = linkFields(src, 'from', 'to', undefined, '*');
  const limit = seriesField(src, 'limit', 'flow', RANGES.nonNegative);
  const leakage = seriesField(src, 'leakage', 'fraction', RANGES.fraction, 0);
  const reach = foreignMadeField(src);
  if (!links || !limit || !leakage || !reach) return null;
  return (v) => ({ ...src.window, ...links, type: 'export_quota', limit: limit(v), leakage: leakage(v), foreignMade: reach(v) });
};

/** `export_ban`: no exports on the selected links, except the leakage share. */
import { RANGES } from '../fields.js';
import { foreignMadeField, linkFields, seriesField, type PolicyConverter } from './common.js';

/** Converts an export ban. */
export const exportBan: PolicyConverter = (src) => {
  const links = linkFields(src, 'from', 'to');
  const leakage = seriesField(src, 'leakage', 'fraction', RANGES.fraction, 0);
  const reach = foreignMadeField(src);
  if (!links || !leakage || !reach) return null;
  return (v) => ({ ...src.window, ...links, type: 'export_ban', leakage: leakage(v), foreignMade: reach(v) });
};

/** `export_tax`: an ad valorem tax on the origin price of exports. */
import { RANGES } from '../fields.js';
import { linkFields, seriesField, type PolicyConverter } from './common.js';

/** Converts an export tax. */
export const exportTax: PolicyConverter = (src) => {
  const links = linkFields(src, 'from', 'to', undefined, '*');
  const rate = seriesField(src, 'rate', 'rate', RANGES.nonNegative);
  if (!links || !rate) return null;
  return (v) => ({ ...src.window, ...links, type: 'export_tax', rate: rate(v) });
};

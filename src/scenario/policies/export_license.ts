/** `export_license`: only `approval` × the baseline flow is licensed, arriving `delay` (whole periods) later. */
import { RANGES } from '../fields.js';
import { foreignMadeField, linkFields, scalarField, seriesField, type PolicyConverter } from './common.js';

/** Converts an export licence. */
export const exportLicense: PolicyConverter = (src) => {
  const links = linkFields(src, 'from', 'to');
  const approval = seriesField(src, 'approval', 'fraction', RANGES.fraction);
  const delay = scalarField(src, 'delay', 'duration', RANGES.nonNegative, 0);
  const leakage = seriesField(src, 'leakage', 'fraction', RANGES.fraction, 0);
  const reach = foreignMadeField(src);
  if (!links || !approval || delay < 0 || !leakage || !reach) return null;
  return (v) => ({ ...src.window, ...links, type: 'export_license', approval: approval(v), delay: Math.round(v[delay]), leakage: leakage(v), foreignMade: reach(v) });
};

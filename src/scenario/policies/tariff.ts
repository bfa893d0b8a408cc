/** `tariff`: an ad valorem tariff levied by the importers; exempt origins are removed from `from`. */
import { RANGES } from '../fields.js';
import { linkFields, regionsField, seriesField, type PolicyConverter } from './common.js';

/** Converts a tariff (`importer` → `to`, `from` minus `exempt`). */
export const tariff: PolicyConverter = (src) => {
  const links = linkFields(src, 'from', 'importer', '*');
  const exempt = src.doc.exempt === undefined ? [] : regionsField(src, 'exempt');
  const rate = seriesField(src, 'rate', 'rate', RANGES.nonNegative);
  if (!links || !exempt || !rate) return null;
  const from = links.from.filter((r) => !exempt.includes(r));
  if (from.length === 0) {
    src.ctx.error([...src.path, 'exempt'], 'exempts every origin: the tariff would apply to nothing');
    return null;
  }
  return (v) => ({ ...src.window, ...links, from, type: 'tariff', rate: rate(v) });
};

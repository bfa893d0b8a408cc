/** `demand_shock`: the demand of the selected regions and products multiplied by `factor`. */
import { RANGES } from '../fields.js';
import { selectProducts } from '../selectors.js';
import { regionsField, seriesField, type PolicyConverter } from './common.js';

/** Converts a demand shock (`region` and `product` may be selectors). */
export const demandShock: PolicyConverter = (src) => {
  const regions = regionsField(src, 'region');
  const products = selectProducts(src.ctx, [...src.path, 'product'], src.doc.product);
  const factor = seriesField(src, 'factor', 'factor', RANGES.nonNegative);
  if (!regions || !products || !factor) return null;
  return (v) => ({ ...src.window, type: 'demand_shock', regions, products, factor: factor(v) });
};

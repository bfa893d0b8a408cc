/** `price_floor`: producers in the regions receive at least `price`; the difference is a reported subsidy. */
import { RANGES } from '../fields.js';
import { productId } from '../selectors.js';
import { regionsField, seriesField, type PolicyConverter } from './common.js';

/** Converts a price floor (`region` may be a selector). */
export const priceFloor: PolicyConverter = (src) => {
  const regions = regionsField(src, 'region');
  const product = productId(src.ctx, [...src.path, 'product']);
  const price = seriesField(src, 'price', 'price', RANGES.nonNegative);
  if (!regions || product < 0 || !price) return null;
  return (v) => ({ ...src.window, type: 'price_floor', regions, product, price: price(v) });
};

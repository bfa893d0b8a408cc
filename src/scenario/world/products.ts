/** Products: reference price, disposal cost and default transport cost. */
import type { ProductDef } from '../../model/types.js';
import type { Ctx } from '../context.js';
import { RANGES } from '../fields.js';

type Doc = Record<string, unknown>;

/** Compiled products, in id order, with the field indices other sections default to. */
export interface ProductPlan {
  /** Field index of each product's reference price. */
  readonly price: readonly number[];
  /** Field index of each product's default transport cost. */
  readonly transport: readonly number[];
  build(v: Float64Array): ProductDef[];
}

/** Compiles the `products` section. */
export function compileProducts(ctx: Ctx): ProductPlan {
  const docs = (ctx.doc.products ?? {}) as Record<string, Doc>;
  const specs = ctx.ids.products.map((id) => {
    const path = ['products', id];
    const d = docs[id];
    return {
      id,
      name: String(d.name ?? id),
      unit: String(d.unit ?? 't'),
      price: ctx.scalar([...path, 'price'], `products.${id}.price`, 'price', RANGES.positive),
      disposal: d.disposal === undefined ? -1 : ctx.scalar([...path, 'disposal'], `products.${id}.disposal`, 'price', RANGES.nonNegative),
      transport: ctx.scalar([...path, 'transport'], `products.${id}.transport`, 'price', RANGES.nonNegative, 0),
    };
  });
  return {
    price: specs.map((s) => s.price),
    transport: specs.map((s) => s.transport),
    build: (v) =>
      specs.map((s) => ({ id: s.id, name: s.name, unit: s.unit, referencePrice: v[s.price], disposalCost: s.disposal < 0 ? null : v[s.disposal] })),
  };
}

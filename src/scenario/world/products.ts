/**
 * Products: reference price, disposal cost, default transport cost, and how origins substitute (the
 * elasticity of substitution), how new links qualify and what share of volume moves under contracts.
 */
import type { ProductDef } from '../../model/types.js';
import type { Ctx } from '../context.js';
import { RANGES } from '../fields.js';
import { SETTING_RANGES } from '../limits.js';

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
      substitution: d.substitution === undefined ? -1 : ctx.scalar([...path, 'substitution', 'elasticity'], `products.${id}.substitution.elasticity`, 'number', SETTING_RANGES.substitution),
      qualification:
        d.qualification === undefined
          ? null
          : {
              leadTime: ctx.scalar([...path, 'qualification', 'leadTime'], `products.${id}.qualification.leadTime`, 'duration', SETTING_RANGES.duration),
              premium: ctx.scalar([...path, 'qualification', 'premium'], `products.${id}.qualification.premium`, 'rate', SETTING_RANGES.premium),
            },
      contracts:
        d.contracts === undefined
          ? null
          : {
              share: ctx.scalar([...path, 'contracts', 'share'], `products.${id}.contracts.share`, 'fraction', RANGES.fraction),
              lag: ctx.scalar([...path, 'contracts', 'lag'], `products.${id}.contracts.lag`, 'duration', SETTING_RANGES.duration),
            },
    };
  });
  return {
    price: specs.map((s) => s.price),
    transport: specs.map((s) => s.transport),
    build: (v) =>
      specs.map((s) => ({
        id: s.id,
        name: s.name,
        unit: s.unit,
        referencePrice: v[s.price],
        disposalCost: s.disposal < 0 ? null : v[s.disposal],
        substitution: s.substitution < 0 ? null : v[s.substitution],
        qualification: s.qualification && { leadTimePeriods: Math.max(1, v[s.qualification.leadTime]), premium: v[s.qualification.premium] },
        contracts: s.contracts && { share: v[s.contracts.share], lagPeriods: Math.max(1, v[s.contracts.lag]) },
      })),
  };
}

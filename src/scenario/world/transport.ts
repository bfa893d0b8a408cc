/** Transport costs per link: each product's default on every link, then `trade.transport` overrides in order. */
import type { Ctx } from '../context.js';
import { RANGES } from '../fields.js';
import type { Segment } from '../locate.js';
import { selectProducts, selectRegions } from '../selectors.js';

type Doc = Record<string, unknown>;

/** Compiled transport costs (layout product × from × to, diagonal 0). */
export interface TransportPlan {
  build(v: Float64Array): Float64Array;
}

/** Compiles `trade.transport`; `productDefault[p]` is the field of product p's default transport cost. */
export function compileTransport(ctx: Ctx, productDefault: readonly number[]): TransportPlan {
  const docs = ((ctx.doc.trade as Doc | undefined)?.transport ?? []) as Doc[];
  const overrides: { products: number[]; from: number[]; to: number[]; cost: number }[] = [];
  docs.forEach((d, i) => {
    const path: Segment[] = ['trade', 'transport', i];
    const products = selectProducts(ctx, [...path, 'product'], d.product);
    const from = selectRegions(ctx, [...path, 'from'], d.from);
    const to = selectRegions(ctx, [...path, 'to'], d.to);
    const label = `${JSON.stringify(d.product)}.${JSON.stringify(d.from)}.${JSON.stringify(d.to)}`.replace(/"/g, '');
    const cost = ctx.scalar([...path, 'cost'], `trade.transport.${label}.cost`, 'price', RANGES.nonNegative);
    if (products && from && to && cost >= 0) overrides.push({ products, from, to, cost });
  });
  const R = ctx.ids.regions.length;
  const P = ctx.ids.products.length;
  return {
    build(v) {
      const out = new Float64Array(P * R * R);
      for (let p = 0; p < P; p++) out.fill(v[productDefault[p]], p * R * R, (p + 1) * R * R);
      for (const o of overrides) for (const p of o.products) for (const a of o.from) for (const b of o.to) out[(p * R + a) * R + b] = v[o.cost];
      for (let p = 0; p < P; p++) for (let r = 0; r < R; r++) out[(p * R + r) * R + r] = 0;
      return out;
    },
  };
}

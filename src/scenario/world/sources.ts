/**
 * Observed origin shares (`trade.sources`) of products that keep their origin (`substitution`): what
 * the world file states, nothing more. The engine calibrates each destination's benchmark mix from
 * them and from its reference clearing (engine/benchmark.ts); the shares a file leaves out are NaN.
 */
import type { ProductDef } from '../../model/types.js';
import type { Ctx } from '../context.js';
import { RANGES } from '../fields.js';
import type { Segment } from '../locate.js';
import { selectProducts, selectRegions } from '../selectors.js';

type Doc = Record<string, unknown>;

/** Compiled `trade.sources`. */
export interface SourcesPlan {
  /** Observed shares, layout (p·R + d)·R + o: import shares for o ≠ d, the home share at o = d; NaN where none is stated. */
  build(v: Float64Array, products: readonly ProductDef[]): Float64Array;
}

interface Entry {
  readonly to: number[];
  readonly products: number[];
  /** Origin region → field index of its share. */
  readonly shares: [number, number][];
}

/** Compiles `trade.sources`. */
export function compileSources(ctx: Ctx): SourcesPlan {
  const docs = ((ctx.doc.trade as Doc | undefined)?.sources ?? []) as Doc[];
  const entries: Entry[] = [];
  docs.forEach((d, i) => {
    const path: Segment[] = ['trade', 'sources', i];
    const to = selectRegions(ctx, [...path, 'to'], d.to);
    const products = selectProducts(ctx, [...path, 'products'], d.products);
    const shares: [number, number][] = [];
    for (const id of Object.keys((d.shares ?? {}) as Doc)) {
      const r = ctx.ids.regions.indexOf(id);
      if (r < 0) {
        ctx.error([...path, 'shares', id], `unknown region "${id}"`);
        continue;
      }
      const label = `${JSON.stringify(d.to)}.${JSON.stringify(d.products)}`.replace(/"/g, '');
      const field = ctx.scalar([...path, 'shares', id], `trade.sources.${label}.${id}`, 'fraction', RANGES.fraction);
      if (field >= 0) shares.push([r, field]);
    }
    if (to && products) entries.push({ to, products, shares });
  });
  const R = ctx.ids.regions.length;
  const P = ctx.ids.products.length;
  return {
    build(v, products) {
      const out = new Float64Array(P * R * R).fill(NaN);
      // Later entries replace earlier ones for the destinations and products they name.
      for (const e of entries)
        for (const p of e.products) {
          if (products[p].substitution == null) continue;
          for (const d of e.to) {
            out.fill(NaN, (p * R + d) * R, (p * R + d + 1) * R);
            for (const [o, field] of e.shares) out[(p * R + d) * R + o] = v[field];
          }
        }
      return out;
    },
  };
}

/**
 * Initial stocks. `commercial` and `strategic` are tonnes, or a cover in time of use converted with the
 * region's reference use of the product per period: its final demand in the first period plus the inputs
 * its plants would consume at full capacity. `coverage` defaults to the initial commercial cover.
 */
import type { DemandDef, PlantDef, StockDef } from '../../model/types.js';
import type { Ctx } from '../context.js';
import { RANGES } from '../fields.js';
import { SETTING_RANGES } from '../limits.js';
import type { Segment } from '../locate.js';
import { productId, regionId } from '../selectors.js';

type Doc = Record<string, unknown>;

/** Compiled stock entries, sorted by region and product. */
export interface StockPlan {
  build(v: Float64Array, demands: readonly DemandDef[], plants: readonly PlantDef[]): StockDef[];
}

/** Compiles the `stocks` section. */
export function compileStocks(ctx: Ctx): StockPlan {
  const docs = (ctx.doc.stocks ?? []) as Doc[];
  const seen = new Set<string>();
  const specs: { region: number; product: number; commercial: number; strategic: number; coverage: number }[] = [];
  docs.forEach((d, i) => {
    const path: Segment[] = ['stocks', i];
    const region = regionId(ctx, [...path, 'region']);
    const product = productId(ctx, [...path, 'product']);
    if (region < 0 || product < 0) return;
    const key = `${ctx.ids.regions[region]}.${ctx.ids.products[product]}`;
    if (seen.has(key)) return ctx.error(path, `a second stock entry for ${ctx.ids.regions[region]} ${ctx.ids.products[product]}`);
    seen.add(key);
    const name = `stocks.${key}`;
    specs.push({
      region,
      product,
      commercial: ctx.scalar([...path, 'commercial'], `${name}.commercial`, 'stock', RANGES.nonNegative, 0),
      strategic: ctx.scalar([...path, 'strategic'], `${name}.strategic`, 'stock', RANGES.nonNegative, 0),
      coverage: d.coverage === undefined ? -1 : ctx.scalar([...path, 'coverage'], `${name}.coverage`, 'duration', SETTING_RANGES.coverage),
    });
  });
  specs.sort((a, b) => a.region - b.region || a.product - b.product);
  const fields = ctx.fields.fields;
  return {
    build(v, demands, plants) {
      return specs.map((s) => {
        const use = referenceUse(s.region, s.product, demands, plants);
        const tonnes = (field: number): number => (fields[field].kind === 'cover' ? v[field] * use : v[field]);
        const commercial = tonnes(s.commercial);
        const coverage = s.coverage >= 0 ? v[s.coverage] : fields[s.commercial].kind === 'cover' ? v[s.commercial] : use > 0 ? commercial / use : 0;
        return { region: s.region, product: s.product, commercial, coverage, strategic: tonnes(s.strategic) };
      });
    },
  };
}

/** A region's use of a product per period: first-period final demand + plant inputs at full capacity. */
export function referenceUse(region: number, product: number, demands: readonly DemandDef[], plants: readonly PlantDef[]): number {
  let use = 0;
  for (const d of demands) if (d.region === region && d.product === product) use += d.referenceQuantity[0] ?? 0;
  for (const p of plants) if (p.region === region) for (const t of p.inputs) if (t.product === product) use += t.perUnit * p.capacity;
  return use;
}

/**
 * Final demand. The reference quantity is given per year for the first period and grows by `growth`
 * (per year, possibly a time series) compounded per period: q[t] = q[t−1] · (1 + g[t])^(1/periodsPerYear).
 */
import type { DemandDef } from '../../model/types.js';
import { expandSeries, type Ctx, type SeriesSpec } from '../context.js';
import { DEFAULT_DEMAND } from '../defaults.js';
import { RANGES } from '../fields.js';
import type { Segment } from '../locate.js';
import { productId, regionId } from '../selectors.js';

type Doc = Record<string, unknown>;

interface DemandSpec {
  readonly key: string;
  readonly region: number;
  readonly product: number;
  readonly sector: string;
  readonly quantity: number;
  /** -1: the product's price. */
  readonly price: number;
  readonly growth: SeriesSpec;
  readonly elasticity: number;
  /** -1: the short-run elasticity. */
  readonly longRun: number;
  readonly critical: number;
  readonly choke: number;
}

/** Compiled demand entries, sorted by region, product and sector. */
export interface DemandPlan {
  build(v: Float64Array): DemandDef[];
}

/** Compiles the `demand` section; `productPrice[p]` is the field of product p's reference price. */
export function compileDemand(ctx: Ctx, productPrice: readonly number[]): DemandPlan {
  const docs = (ctx.doc.demand ?? []) as Doc[];
  const specs: DemandSpec[] = [];
  const seen = new Set<string>();
  docs.forEach((d, i) => {
    const path: Segment[] = ['demand', i];
    const region = regionId(ctx, [...path, 'region']);
    const product = productId(ctx, [...path, 'product']);
    if (region < 0 || product < 0) return;
    const sector = typeof d.sector === 'string' ? d.sector : DEFAULT_DEMAND.sector;
    const key = `${ctx.ids.regions[region]}.${ctx.ids.products[product]}.${sector}`;
    if (seen.has(key)) {
      ctx.error(path, `a second demand entry for ${ctx.ids.regions[region]} ${ctx.ids.products[product]} sector "${sector}": give each entry its own sector`);
      return;
    }
    seen.add(key);
    const name = `demand.${key}`;
    const growth = ctx.series([...path, 'growth'], `${name}.growth`, 'growth', RANGES.growth, DEFAULT_DEMAND.growth);
    const spec: DemandSpec = {
      key,
      region,
      product,
      sector,
      quantity: ctx.scalar([...path, 'quantity'], `${name}.quantity`, 'flow', RANGES.nonNegative),
      price: d.price === undefined ? -1 : ctx.scalar([...path, 'price'], `${name}.price`, 'price', RANGES.positive),
      growth: growth ?? { points: [] },
      elasticity: ctx.scalar([...path, 'elasticity'], `${name}.elasticity`, 'number', RANGES.nonPositive),
      longRun: d.longRunElasticity === undefined ? -1 : ctx.scalar([...path, 'longRunElasticity'], `${name}.longRunElasticity`, 'number', RANGES.nonPositive),
      critical: ctx.scalar([...path, 'critical'], `${name}.critical`, 'fraction', RANGES.fraction),
      choke: ctx.scalar([...path, 'choke'], `${name}.choke`, 'price', RANGES.positive),
    };
    checkChoke(ctx, path, spec, productPrice);
    specs.push(spec);
  });
  specs.sort((a, b) => a.region - b.region || a.product - b.product || (a.sector < b.sector ? -1 : a.sector > b.sector ? 1 : 0));
  const periods = ctx.cal.timeline.labels.length;
  const ppy = ctx.cal.periodsPerYear;
  return {
    build: (v) =>
      specs.map((s) => {
        const referencePrice = s.price >= 0 ? v[s.price] : v[productPrice[s.product]];
        const factor = expandSeries(s.growth, v, periods, (g) => (1 + g) ** (1 / ppy));
        const q = new Float64Array(periods);
        for (let t = 0; t < periods; t++) q[t] = t === 0 ? v[s.quantity] : q[t - 1] * factor[t];
        const shortRun = v[s.elasticity];
        return {
          region: s.region,
          product: s.product,
          sector: s.sector,
          referenceQuantity: q,
          referencePrice,
          shortRunElasticity: shortRun,
          longRunElasticity: s.longRun >= 0 ? v[s.longRun] : shortRun,
          criticalShare: v[s.critical],
          chokePrice: Math.max(v[s.choke], referencePrice),
        };
      }),
  };
}

/** Cross-field check: critical demand's willingness to pay is at least the reference price. */
function checkChoke(ctx: Ctx, path: Segment[], s: DemandSpec, productPrice: readonly number[]): void {
  if (s.choke < 0) return;
  const central = (i: number): number => ctx.fields.fields[i]?.central ?? NaN;
  const price = s.price >= 0 ? central(s.price) : central(productPrice[s.product]);
  if (central(s.choke) < price) ctx.error([...path, 'choke'], `expected a choke price at least the reference price (${price} USD/kg), got ${central(s.choke)} USD/kg`);
}

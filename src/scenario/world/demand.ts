/**
 * Final demand. The reference quantity is given per year for the first period and grows by `growth`
 * (per year, possibly a time series) compounded per period: q[t] = q[t−1] · (1 + g[t])^(1/periodsPerYear).
 * Compounding is bounded (MAX_DEMAND_GROWTH_FACTOR): 10 %/yr over a thousand years would put demands
 * beyond what the LP solver can represent, so central values over the limit are an error and drawn
 * paths are capped at it; choke prices are bounded by MAX_CHOKE_MULTIPLE × the reference price, which
 * bounds the number of price steps of a demand curve.
 */
import type { DemandDef } from '../../model/types.js';
import { expandSeries, type Ctx, type SeriesSpec } from '../context.js';
import { DEFAULT_DEMAND } from '../defaults.js';
import { RANGES } from '../fields.js';
import { MAX_CHOKE_MULTIPLE, MAX_DEMAND_GROWTH_FACTOR, SETTING_RANGES } from '../limits.js';
import type { Segment } from '../locate.js';
import { productId, regionId } from '../selectors.js';
import { tidy } from '../units.js';

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
    const growth = ctx.series([...path, 'growth'], `${name}.growth`, 'growth', SETTING_RANGES.growth, DEFAULT_DEMAND.growth);
    if (growth) checkCompounding(ctx, [...path, 'growth'], growth);
    const spec: DemandSpec = {
      key,
      region,
      product,
      sector,
      quantity: ctx.scalar([...path, 'quantity'], `${name}.quantity`, 'flow', RANGES.nonNegative),
      price: d.price === undefined ? -1 : ctx.scalar([...path, 'price'], `${name}.price`, 'price', RANGES.positive),
      growth: growth ?? { points: [] },
      elasticity: ctx.scalar([...path, 'elasticity'], `${name}.elasticity`, 'number', SETTING_RANGES.elasticity),
      longRun: d.longRunElasticity === undefined ? -1 : ctx.scalar([...path, 'longRunElasticity'], `${name}.longRunElasticity`, 'number', SETTING_RANGES.elasticity),
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
        const cap = v[s.quantity] * MAX_DEMAND_GROWTH_FACTOR;
        for (let t = 0; t < periods; t++) q[t] = t === 0 ? v[s.quantity] : Math.min(q[t - 1] * factor[t], cap);
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
          chokePrice: Math.min(Math.max(v[s.choke], referencePrice), MAX_CHOKE_MULTIPLE * referencePrice),
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
  else if (central(s.choke) > MAX_CHOKE_MULTIPLE * price) ctx.error([...path, 'choke'], `expected a choke price of at most ${MAX_CHOKE_MULTIPLE} × the reference price (${tidy(MAX_CHOKE_MULTIPLE * price)} USD/kg), got ${central(s.choke)} USD/kg`);
}

/** Cross-period check: central growth compounded over the run stays within MAX_DEMAND_GROWTH_FACTOR. */
function checkCompounding(ctx: Ctx, path: Segment[], growth: SeriesSpec): void {
  const periods = ctx.cal.timeline.labels.length;
  const central = Float64Array.from(ctx.fields.fields, (f) => f.central);
  const factor = expandSeries(growth, central, periods, (g) => (1 + g) ** (1 / ctx.cal.periodsPerYear));
  let level = 1;
  for (let t = 1; t < periods; t++) {
    level *= factor[t];
    if (level > MAX_DEMAND_GROWTH_FACTOR) {
      ctx.error(path, `this growth multiplies demand by more than ${MAX_DEMAND_GROWTH_FACTOR} by ${ctx.cal.timeline.labels[t]} (the limit over a run): shorten the run or lower the growth`);
      return;
    }
  }
}

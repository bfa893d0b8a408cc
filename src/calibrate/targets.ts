/**
 * Calibration targets: observed figures (with sources) that a run must reproduce within stated
 * tolerances, and the measures that compute the model's side from a run. Generic: a target names
 * regions, products and a measure; what the products mean is in the data.
 *
 * A target file (YAML) looks like
 *   scenario: world-2024.yaml          # run relative to this file; its baseline is compared
 *   year: 2024                         # calendar year the figures refer to (periods whose label starts with it)
 *   targets:
 *     - {id: mine.CN, measure: production, regions: [CN], products: [conc.light, conc.ionic],
 *        value: 270000, unit: t/yr, tolerance: {relative: 0.15}, source: "USGS MCS 2025"}
 */
import { z } from 'zod';
import type { ModelInput, PeriodResult } from '../model/types.js';
import { globToRegExp } from '../scenario/selectors.js';

/** What a target measures. Quantities are summed over the year; prices are the mean over the year. */
export const MEASURES = {
  production: 't/yr: production of the products in the regions',
  consumption: 't/yr: final consumption',
  imports: 't/yr: imports into the regions (from `from`, default everywhere outside them)',
  exports: 't/yr: exports from the regions',
  price: 'USD/kg: mean price over the year (mean over regions and products)',
  production_share: 'fraction: the regions\' production / world production of the products',
  import_reliance: 'fraction: net imports / apparent consumption (production + imports − exports) of the products in the regions',
  import_source_share: 'fraction: imports from `from` / all imports of the regions',
  activity: 't/yr: activity of the plants of the processes in the regions',
  activity_share: 'fraction: the regions\' plant activity of the processes / world activity of those processes',
} as const;

export type MeasureName = keyof typeof MEASURES;

const tolerance = z.union([
  z.strictObject({ relative: z.number().positive().describe('Allowed |model/target − 1|') }),
  z.strictObject({ absolute: z.number().positive().describe('Allowed |model − target| in the target unit') }),
]);

const target = z.strictObject({
  id: z.string().min(1).describe('Stable id of the target'),
  measure: z.enum(Object.keys(MEASURES) as [MeasureName, ...MeasureName[]]).describe('What is measured'),
  regions: z.array(z.string()).min(1).describe('Region ids (summed)'),
  products: z.array(z.string()).min(1).optional().describe('Product ids or globs such as `magnet.*` (summed; prices: mean); for the product measures'),
  processes: z.array(z.string()).min(1).optional().describe('Process ids (summed); for activity and activity_share'),
  from: z.array(z.string()).optional().describe('Origin regions for imports and import_source_share'),
  value: z.number().describe('Observed value in `unit`'),
  unit: z.string().describe('Unit of value: t/yr, USD/kg or fraction'),
  tolerance: tolerance.describe('How far the model may be from the value'),
  source: z.string().min(1).describe('Where the observed value comes from'),
  check: z.boolean().default(true).describe('false: reported but not required to be within tolerance (a known miss, documented)'),
}).refine((t) => (t.measure.startsWith('activity') ? t.processes !== undefined : t.products !== undefined), {
  message: 'activity measures need `processes`; the others need `products`',
});

/** The schema of a target file. */
export const targetFileSchema = z.strictObject({
  title: z.string().optional(),
  scenario: z.string().describe('World or scenario file to run, relative to the target file'),
  year: z.number().int().describe('Calendar year of the observed figures'),
  targets: z.array(target).min(1),
});

export type TargetFile = z.infer<typeof targetFileSchema>;
export type Target = z.infer<typeof target>;

/** One row of the calibration table. */
export interface TargetResult {
  readonly target: Target;
  readonly model: number;
  /** model/target − 1 for relative tolerances, model − target for absolute ones. */
  readonly error: number;
  /** Within tolerance, or not checked (`check: false`). */
  readonly ok: boolean;
}

/** Index of `id` in a list of regions, products…; throws naming `what` when it is unknown. */
export function indexOf(list: readonly { id: string }[], id: string, what: string): number {
  const i = list.findIndex((x) => x.id === id);
  if (i < 0) throw new Error(`unknown ${what} "${id}"`);
  return i;
}

/** Indices of the products named by `ids`, ids or globs (`magnet.*`) as in scenario files, ascending; throws naming an unknown one. */
export function productIndices(list: readonly { id: string }[], ids: readonly string[]): number[] {
  const out = new Set<number>();
  for (const id of ids) {
    if (!id.includes('*')) {
      out.add(indexOf(list, id, 'product'));
      continue;
    }
    const re = globToRegExp(id);
    const hits = list.flatMap((p, i) => (re.test(p.id) ? [i] : []));
    if (hits.length === 0) throw new Error(`"${id}" matches no product`);
    for (const i of hits) out.add(i);
  }
  return [...out].sort((a, b) => a - b);
}

/** Evaluates one measure over the periods `ts` of a run. */
export function measure(model: ModelInput, results: readonly PeriodResult[], ts: readonly number[], t: Target): number {
  const R = model.regions.length;
  const P = model.products.length;
  const regions = t.regions.map((id) => indexOf(model.regions, id, 'region'));
  const products = productIndices(model.products, t.products ?? []);
  const activity = (rs: readonly number[]) => {
    const processes = t.processes ?? [];
    for (const id of processes) if (!model.plants.some((pl) => pl.process === id)) throw new Error(`unknown process "${id}"`);
    let s = 0;
    model.plants.forEach((pl, j) => {
      if (!rs.includes(pl.region) || !processes.includes(pl.process)) return;
      for (const k of ts) s += results[k].activity[j];
    });
    return s;
  };
  const from = (t.from ?? model.regions.map((r) => r.id)).map((id) => indexOf(model.regions, id, 'region'));
  const sum = (field: 'production' | 'consumption' | 'imports' | 'exports', rs = regions) => {
    let s = 0;
    for (const k of ts) for (const r of rs) for (const p of products) s += results[k][field][r * P + p];
    return s;
  };
  const flowInto = (origins: readonly number[]) => {
    let s = 0;
    for (const k of ts) for (const p of products) for (const o of origins) for (const d of regions) {
      if (o !== d && !regions.includes(o)) s += results[k].flow[(p * R + o) * R + d];
    }
    return s;
  };
  const years = ts.length / model.timeline.periodsPerYear;
  switch (t.measure) {
    case 'production': return sum('production') / years;
    case 'consumption': return sum('consumption') / years;
    case 'exports': return sum('exports') / years;
    case 'imports': return flowInto(from) / years;
    case 'price': {
      let s = 0;
      for (const k of ts) for (const r of regions) for (const p of products) s += results[k].price[r * P + p];
      return s / (ts.length * regions.length * products.length);
    }
    case 'production_share': {
      const world = sum('production', model.regions.map((_, r) => r));
      return world > 0 ? sum('production') / world : 0;
    }
    case 'import_reliance': {
      const imports = flowInto(model.regions.map((_, r) => r));
      let exports = 0;
      for (const k of ts) for (const p of products) for (const o of regions) for (let d = 0; d < R; d++) {
        if (!regions.includes(d)) exports += results[k].flow[(p * R + o) * R + d];
      }
      const apparent = sum('production') + imports - exports;
      return apparent > 0 ? (imports - exports) / apparent : 0;
    }
    case 'activity': return activity(regions) / years;
    case 'activity_share': {
      const world = activity(model.regions.map((_, r) => r));
      return world > 0 ? activity(regions) / world : 0;
    }
    case 'import_source_share': {
      const all = flowInto(model.regions.map((_, r) => r));
      return all > 0 ? flowInto(from) / all : 0;
    }
  }
}

/** Periods of the timeline whose label falls in `year`. */
export function periodsOfYear(model: ModelInput, year: number): number[] {
  return model.timeline.labels.map((l, i) => (l.startsWith(String(year)) ? i : -1)).filter((i) => i >= 0);
}

/** Compares every target with the run; `results` is the baseline of the run. */
export function evaluateTargets(model: ModelInput, results: readonly PeriodResult[], file: TargetFile): TargetResult[] {
  const ts = periodsOfYear(model, file.year);
  if (ts.length === 0) throw new Error(`the run has no periods in ${file.year}`);
  return file.targets.map((t) => {
    const value = measure(model, results, ts, t);
    const error = 'relative' in t.tolerance ? (t.value === 0 ? value : value / t.value - 1) : value - t.value;
    const limit = 'relative' in t.tolerance ? t.tolerance.relative : t.tolerance.absolute;
    return { target: t, model: value, error, ok: Math.abs(error) <= limit || !t.check };
  });
}

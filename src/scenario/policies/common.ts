/** What every policy converter shares: the policy's source, its window and link selections. */
import type { LinkSelection, PolicyInput, PolicyWindow } from '../../model/types.js';
import { expandSeries, type Ctx } from '../context.js';
import type { Range } from '../fields.js';
import type { Segment } from '../locate.js';
import type { ValueKind } from '../schema.js';
import { selectProducts, selectRegions } from '../selectors.js';
import type { PlantPlan } from '../world/plants.js';

/** One policy entry being compiled. */
export interface PolicySource {
  readonly ctx: Ctx;
  readonly doc: Record<string, unknown>;
  /** Document path of the entry (`policies[i]`). */
  readonly path: readonly Segment[];
  /** Field-name prefix (`policies.<id>`). */
  readonly name: string;
  readonly window: PolicyWindow;
  readonly plants: PlantPlan;
}

/** Builds the policy of one draw; `plantIndex` maps plant ids to their final indices. */
export type PolicyBuilder = (v: Float64Array, plantIndex: (id: string) => number) => PolicyInput;

/** Converts one policy entry, or returns null after reporting issues. */
export type PolicyConverter = (src: PolicySource) => PolicyBuilder | null;

/** Compiles a series field of the policy; returns a per-draw expander, or null after issues. */
export function seriesField(src: PolicySource, field: string, kind: ValueKind, range: Range, fallback?: number | string): ((v: Float64Array) => Float64Array) | null {
  const spec = src.ctx.series([...src.path, field], `${src.name}.${field}`, kind, range, fallback);
  const periods = src.ctx.cal.timeline.labels.length;
  return spec ? (v) => expandSeries(spec, v, periods) : null;
}

/** Compiles a scalar field; returns its field index or -1. */
export function scalarField(src: PolicySource, field: string, kind: ValueKind, range: Range, fallback?: number | string): number {
  return src.ctx.scalar([...src.path, field], `${src.name}.${field}`, kind, range, fallback);
}

/** Resolves a region selector field (absent: `fallback`, usually "*"). */
export function regionsField(src: PolicySource, field: string, fallback?: string): number[] | null {
  const raw = src.doc[field] ?? fallback;
  return selectRegions(src.ctx, [...src.path, field], raw);
}

/** Resolves the links of a trade policy: origins, destinations and products. */
export function linkFields(src: PolicySource, fromField: string, toField: string, fallbackFrom?: string, fallbackTo?: string): LinkSelection | null {
  const from = regionsField(src, fromField, fallbackFrom);
  const to = regionsField(src, toField, fallbackTo);
  const products = selectProducts(src.ctx, [...src.path, 'products'], src.doc.products);
  return from && to && products ? { from, to, products } : null;
}

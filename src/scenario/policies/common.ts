/** What every policy converter shares: the policy's source, its window and link selections. */
import type { ForeignMade, LinkSelection, PolicyInput, PolicyWindow } from '../../model/types.js';
import { expandSeries, type Ctx } from '../context.js';
import { RANGES, type Range } from '../fields.js';
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

/** Default de minimis of a foreign-made reach: 0.1 % of value (China's rule of 9 October 2025). */
const DEFAULT_DE_MINIMIS = 0.001;

/**
 * Compiles `foreignMade` and `deMinimis`: a builder of the reach (null when off), or undefined after
 * issues (a de minimis on a policy that never mentions the reach is an error, not a silent no-op).
 */
export function foreignMadeField(src: PolicySource): ((v: Float64Array) => ForeignMade | null) | undefined {
  const on = src.doc.foreignMade === true;
  if (!on) {
    // A de minimis with no reach at all is a mistake; with `foreignMade: false` (a variant switching the
    // reach off) it is simply unused.
    if (src.doc.deMinimis !== undefined && src.doc.foreignMade === undefined) {
      src.ctx.error([...src.path, 'deMinimis'], 'deMinimis applies only with foreignMade: true');
      return undefined;
    }
    return () => null;
  }
  const field = scalarField(src, 'deMinimis', 'fraction', RANGES.fraction, DEFAULT_DE_MINIMIS);
  if (field < 0) return undefined;
  return (v) => ({ deMinimis: v[field] });
}

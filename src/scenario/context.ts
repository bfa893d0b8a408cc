/**
 * The state shared by the compilers of one scenario: the merged document (for locating issues), the
 * calendar, the known ids and the field registry, with helpers that compile one value or series.
 */
import { compileExpression } from './expression.js';
import { drawExtremes, FieldRegistry, inRange, reachable, type Range } from './fields.js';
import { Issues, show } from './issues.js';
import { MAX_MAGNITUDE } from './limits.js';
import { getMeta, issueAt, locate, valueAt, type Loc, type Segment } from './locate.js';
import { VALUE_KINDS, type ValueKind } from './schema.js';
import { parseDate, periodOf, type Calendar } from './timeline.js';
import { canonicalUnit, resolveKind, toCanonical, type PeriodBasis, type ResolvedKind } from './units.js';

/** Ids known to the scenario, each list sorted. */
export interface Ids {
  readonly regions: readonly string[];
  readonly regionIndex: ReadonlyMap<string, number>;
  readonly groups: ReadonlyMap<string, readonly number[]>;
  readonly products: readonly string[];
  readonly productIndex: ReadonlyMap<string, number>;
  readonly processes: ReadonlySet<string>;
}

/** Compilation context of one scenario. */
export class Ctx {
  readonly fields: FieldRegistry;
  constructor(
    readonly doc: Record<string, unknown>,
    readonly issues: Issues,
    readonly fallback: Loc,
    readonly cal: Calendar,
    readonly ids: Ids,
  ) {
    this.fields = new FieldRegistry(cal);
  }

  /** Where the value at a document path was written. */
  loc(path: readonly Segment[], key = false): Loc {
    return locate(this.doc, path, this.fallback, key);
  }

  /** Reports an error at a document path. */
  error(path: readonly Segment[], message: string, key = false): void {
    this.issues.add(issueAt(this.loc(path, key), message));
  }

  /** Reports a warning at a document path. */
  warn(path: readonly Segment[], message: string): void {
    this.issues.warn(issueAt(this.loc(path), message));
  }

  /** The raw value at a document path. */
  get(path: readonly Segment[]): unknown {
    return valueAt(this.doc, path);
  }

  /**
   * Compiles the value at `path` into a field named `name`; `fallback` (scenario-language text or a
   * number) is used when the field is absent. Returns the field index, or -1 after reporting an issue.
   */
  scalar(path: readonly Segment[], name: string, kind: ValueKind, range: Range, fallback?: number | string): number {
    const raw = this.get(path);
    return this.compileValue(raw === undefined || raw === null ? fallback : raw, path, name, kind, range);
  }

  /** Compiles one raw value (number or expression text); see `scalar`. */
  compileValue(raw: unknown, path: readonly Segment[], name: string, kind: ValueKind, range: Range): number {
    const expected = VALUE_KINDS[kind];
    if (raw === undefined || raw === null) {
      this.error(path, `required field missing: expected ${expected}`);
      return -1;
    }
    if (typeof raw !== 'number' && typeof raw !== 'string') {
      this.error(path, `expected ${expected}, got ${show(raw)}`);
      return -1;
    }
    const expr = compileExpression(raw);
    if (typeof expr === 'string') {
      this.error(path, `expected ${expected}, got ${show(raw)}: ${expr}`);
      return -1;
    }
    const resolved = resolveKind(kind, expr.central);
    const central = toCanonical(expr.central, resolved, this.cal);
    if (typeof central === 'string') {
      this.error(path, `expected ${expected}, got ${show(raw)}`);
      return -1;
    }
    if (!inRange(central, range)) {
      this.error(path, `expected a value ${range.text}, got ${show(raw)}`);
      return -1;
    }
    if (Math.abs(central) > MAX_MAGNITUDE) {
      this.error(path, `expected a value of at most ${MAX_MAGNITUDE.toExponential()} in magnitude${unitNote(resolved, this.cal)}, got ${show(raw)}`);
      return -1;
    }
    // A bounded distribution whose draws leave the range is a mistake (a negative delay), not something
    // to clamp silently; unbounded ones (normal) are clamped, as documented.
    const extremes = drawExtremes(expr, resolved, this.cal);
    const outside = extremes?.find((x) => !reachable(x, range) || Math.abs(x) > MAX_MAGNITUDE);
    if (outside !== undefined) {
      this.error(path, `expected a value ${range.text}, got ${show(raw)}: its draws reach ${outside}${unitNote(resolved, this.cal, '')}`);
      return -1;
    }
    return this.fields.add({ name, kind: resolved, range, expr, central });
  }

  /**
   * Compiles a value or a time series `{date: value}`. Dates must increase in the order written; a value
   * holds from its date's period until the next date (and before the first date, the first value holds).
   */
  series(path: readonly Segment[], name: string, kind: ValueKind, range: Range, fallback?: number | string): SeriesSpec | null {
    const raw = this.get(path);
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      const field = this.scalar(path, name, kind, range, fallback);
      return field < 0 ? null : { points: [{ period: 0, field }] };
    }
    const keys = [...(getMeta(raw)?.keys.keys() ?? Object.keys(raw))].map(String);
    if (keys.length === 0) {
      this.error(path, 'expected a time series with at least one date, got an empty mapping');
      return null;
    }
    const points: { period: number; field: number }[] = [];
    let previous: { key: string; month: number } | null = null;
    let ok = true;
    for (const key of keys) {
      const month = parseDate(key);
      if (month === null) {
        this.error([...path, key], `expected a date YYYY-MM, YYYY-Qn or YYYY, got ${show(key)}`, true);
        ok = false;
        continue;
      }
      if (previous && month <= previous.month) {
        const what = month === previous.month ? 'the same date as' : 'before';
        this.error([...path, key], `dates of a series must increase: ${key} is ${what} ${previous.key}`, true);
        ok = false;
      }
      previous = { key, month };
      const field = this.scalar([...path, key], `${name}.${key}`, kind, range);
      if (field < 0) ok = false;
      else points.push({ period: periodOf(this.cal, month), field });
    }
    return ok ? { points } : null;
  }
}

/** The canonical unit of a kind for a message (" t/month"), or nothing for plain numbers and fractions. */
function unitNote(kind: ResolvedKind, basis: PeriodBasis, prefix = ' in'): string {
  const unit = canonicalUnit(kind, basis);
  return unit === '1' || unit === 'fraction' || unit === 'factor' ? '' : `${prefix} ${unit}`;
}

/** A compiled time series: field indices with the period from which each holds. */
export interface SeriesSpec {
  readonly points: readonly { readonly period: number; readonly field: number }[];
}

/** Expands a series into one value per period, optionally mapping each value (e.g. per year → per period). */
export function expandSeries(spec: SeriesSpec, values: Float64Array, periods: number, map?: (x: number) => number): Float64Array {
  const out = new Float64Array(periods);
  const pts = spec.points;
  let j = 0;
  for (let t = 0; t < periods; t++) {
    while (j + 1 < pts.length && pts[j + 1].period <= t) j++;
    const x = values[pts[j].field];
    out[t] = map ? map(x) : x;
  }
  return out;
}

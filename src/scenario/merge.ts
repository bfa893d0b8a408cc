/**
 * Merging the chain, root first. Each child merges over its parent:
 * - `name`, `title`, `description` are the leaf's own (not inherited); `extends` is dropped;
 * - scalars (`period`, `start`, `end`, `seed`, `draws`) are replaced;
 * - maps of entities (`regions`, `groups`, `products`, `processes`) and `set` merge by key, an entry
 *   replacing the parent's entry of the same key as a whole;
 * - lists of entities (`plants`, `demand`, `stocks`, `trade.transport`) merge by identity (region +
 *   process, region + product + sector, region + product, product + from + to): a child entry replaces
 *   the parent's entry in place, new entries are appended;
 * - `dynamics` and `market` merge field by field; `policies` append.
 * Position records are carried over, so merged values still point where they were written.
 */
import { defineValue, getMeta, newMeta, setMeta, type Loc, type Segment } from './locate.js';

type Doc = Record<string, unknown>;

const IDENTITY: Record<string, (e: Doc) => string> = {
  plants: (e) => `${String(e.region)}|${String(e.process)}`,
  demand: (e) => `${String(e.region)}|${String(e.product)}|${String(e.sector ?? '')}`,
  stocks: (e) => `${String(e.region)}|${String(e.product)}`,
};
const KEYED = new Set(['regions', 'groups', 'products', 'processes', 'set']);
const IDENTITY_FIELDS = new Set(['name', 'title', 'description', 'extends', '$schema']);

/** Merges a chain of documents (root first) into one new document. */
export function mergeChain(docs: readonly Doc[]): Doc {
  let merged: Doc = {};
  setMeta(merged, newMeta(getMeta(docs[0])!.self));
  docs.forEach((doc, i) => (merged = mergeDocs(merged, doc, i === docs.length - 1)));
  return merged;
}

function mergeDocs(parent: Doc, child: Doc, leaf: boolean): Doc {
  const out = shallowCopy(parent, getMeta(child)!.self);
  for (const key of IDENTITY_FIELDS) if (key in out) delete out[key];
  for (const key of Object.keys(child)) {
    if (IDENTITY_FIELDS.has(key) && (!leaf || key === 'extends' || key === '$schema')) continue;
    const c = child[key];
    const p = parent[key];
    let value: unknown = c;
    if (KEYED.has(key) || key === 'dynamics') value = mergeMaps(p, c, key === 'dynamics');
    else if (key === 'market') value = mergeMaps(p, c, false);
    else if (key in IDENTITY) value = mergeLists(p, c, IDENTITY[key]);
    else if (key === 'trade') value = mergeTrade(p, c);
    else if (key === 'policies') value = appendLists(p, c);
    copyMeta(out, key, child, key);
    defineValue(out, key, value);
  }
  return out;
}

/** Copy of an object or array keeping its position records (self relocated to `self` if given). */
function shallowCopy<T extends object>(node: T, self?: Loc): T {
  // Keys are copied as own properties (never through a setter), so a key such as `__proto__` stays data.
  const copy = (Array.isArray(node) ? [...node] : {}) as T;
  if (!Array.isArray(node)) for (const k of Object.keys(node)) defineValue(copy, k, (node as Record<string, unknown>)[k]);
  const meta = getMeta(node);
  const m = newMeta(self ?? meta?.self ?? { file: '', path: [], line: 0, col: 0 });
  if (meta) {
    meta.values.forEach((v, k) => m.values.set(k, v));
    meta.keys.forEach((v, k) => m.keys.set(k, v));
  }
  setMeta(copy, m);
  return copy;
}

function copyMeta(target: object, key: Segment, source: object, sourceKey: Segment): void {
  const t = getMeta(target);
  const s = getMeta(source);
  if (!t || !s) return;
  const v = s.values.get(sourceKey);
  const k = s.keys.get(sourceKey);
  if (v) t.values.set(key, v);
  if (k) t.keys.set(key, k);
}

const isMap = (x: unknown): x is Doc => x !== null && typeof x === 'object' && !Array.isArray(x);

function mergeMaps(p: unknown, c: unknown, deep: boolean): unknown {
  if (!isMap(p) || !isMap(c)) return c;
  const out = shallowCopy(p, getMeta(c)?.self);
  for (const k of Object.keys(c)) {
    const value = deep && isMap(p[k]) && isMap(c[k]) ? mergeMaps(p[k], c[k], false) : c[k];
    copyMeta(out, k, c, k);
    defineValue(out, k, value);
  }
  return out;
}

function mergeLists(p: unknown, c: unknown, identity: (e: Doc) => string): unknown {
  if (!Array.isArray(p) || !Array.isArray(c)) return c;
  const out = shallowCopy(p, getMeta(c)?.self);
  const index = new Map(p.map((e, i) => [isMap(e) ? identity(e) : `#${i}`, i]));
  c.forEach((e, i) => {
    const at = isMap(e) ? index.get(identity(e)) : undefined;
    const target = at ?? out.length;
    out[target] = e;
    copyMeta(out, target, c, i);
  });
  return out;
}

function appendLists(p: unknown, c: unknown): unknown {
  if (!Array.isArray(p) || !Array.isArray(c)) return c;
  const out = shallowCopy(p, getMeta(c)?.self);
  c.forEach((e, i) => {
    out.push(e);
    copyMeta(out, out.length - 1, c, i);
  });
  return out;
}

function mergeTrade(p: unknown, c: unknown): unknown {
  if (!isMap(p) || !isMap(c)) return c;
  const out = shallowCopy(p, getMeta(c)?.self);
  if ('transport' in c) {
    const identity = (e: Doc): string => JSON.stringify([e.product, e.from, e.to]);
    copyMeta(out, 'transport', c, 'transport');
    defineValue(out, 'transport', mergeLists(p.transport, c.transport, identity));
  }
  return out;
}

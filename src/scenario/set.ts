/**
 * `set` overrides: `path: value` entries that replace one field of world entities, addressed by ids.
 * Product and process ids contain dots, so segments are matched greedily against the known ids:
 *   demand.<region>.<product>[.<sector>].<field>      every matching demand entry (all sectors if none given)
 *   products.<product>.<field>        processes.<process>.<field>[.<product>] (recipe terms)
 *   plants.<region>.<process>.<field>  stocks.<region>.<product>.<field>
 *   dynamics.<mechanism>.<field>       market.<field>       policies.<policy id>.<field>
 * The new value is shape-checked like the field it replaces, and keeps the position of the `set` entry,
 * so a bad value is reported where the override was written.
 */
import type { z } from 'zod';
import { Issues } from './issues.js';
import { defineValue, getMeta, issueAt, newMeta, setMeta, type Loc } from './locate.js';
import { ENTITY_SCHEMAS, POLICY_SCHEMAS } from './schema.js';
import { suggest, validateShape } from './zodIssues.js';

type Doc = Record<string, unknown>;

/** One override: the path text, its value and where it was written. */
export interface SetEntry {
  readonly path: string;
  readonly value: unknown;
  /** Position of the path (for unknown paths) and of the value (for bad values). */
  readonly loc: Loc;
  readonly valueLoc: Loc;
}

/** A field of one entity that an override replaces. */
interface Target {
  readonly entity: Doc;
  readonly field: string;
  /** Schema of the entity (to check the field name and the new value's shape). */
  readonly schema: z.ZodObject;
  /** For recipe terms (`processes.x.outputs.oxide.Dy`), the product key inside the field. */
  readonly subKey?: string;
}

/** Applies every override to the merged document in place; reports unknown paths, ids and fields. */
export function applySets(doc: Doc, entries: readonly SetEntry[], issues: Issues): void {
  for (const entry of entries) {
    const targets = resolveTargets(doc, entry.path, entry.loc);
    if (typeof targets === 'string') {
      issues.add(issueAt(entry.loc, targets));
      continue;
    }
    for (const t of targets) apply(t, entry, issues);
  }
}

function apply(t: Target, entry: SetEntry, issues: Issues): void {
  const shape = t.schema.shape as Record<string, z.ZodType>;
  if (!Object.prototype.hasOwnProperty.call(shape, t.field) || ['type', 'id', 'region', 'product', 'process', 'sector'].includes(t.field)) {
    const settable = Object.keys(shape).filter((k) => !['type', 'id', 'region', 'product', 'process', 'sector', 'source', 'description'].includes(k));
    issues.add(issueAt(entry.loc, `cannot set "${t.field}"${suggest(t.field, settable)} (settable fields: ${settable.join(', ')})`));
    return;
  }
  const meta = getMeta(t.entity) ?? newMeta(entry.loc);
  if (!getMeta(t.entity)) setMeta(t.entity, meta);
  let holder: Doc = t.entity;
  let key = t.field;
  if (t.subKey !== undefined) {
    const recipe = t.entity[t.field];
    if (recipe === null || typeof recipe !== 'object') {
      issues.add(issueAt(entry.loc, `"${t.field}" has no entry to set`));
      return;
    }
    holder = recipe as Doc;
    key = t.subKey;
  }
  const had = Object.prototype.hasOwnProperty.call(holder, key);
  const before = { value: holder[key], loc: getMeta(holder)?.values.get(key) };
  defineValue(holder, key, entry.value);
  getMeta(holder)?.values.set(key, entry.valueLoc);
  // Re-check the entity's shape so a value of the wrong type is reported at the override; then undo
  // the override, so the document keeps its checked shape and compilation can report further issues.
  if (!validateShape(t.schema, t.entity, entry.valueLoc, issues)) {
    if (had) defineValue(holder, key, before.value);
    else delete holder[key];
    if (before.loc) getMeta(holder)?.values.set(key, before.loc);
  }
}

/** Finds the entities an override path addresses, or a message explaining why it addresses none. */
export function resolveTargets(doc: Doc, text: string, at: Loc): Target[] | string {
  const segs = text.split('.');
  const section = segs[0];
  const list = (key: string): Doc[] => (Array.isArray(doc[key]) ? (doc[key] as Doc[]) : []);
  const map = (key: string): Doc => (doc[key] && typeof doc[key] === 'object' ? (doc[key] as Doc) : {});
  const fieldOf = (rest: string[], what: string): string | null => (rest.length === 1 ? rest[0] : rest.length === 0 ? null : `${what}`);
  switch (section) {
    case 'products':
    case 'processes': {
      const entities = map(section);
      const m = matchId(segs.slice(1), Object.keys(entities));
      if (!m) return unknown(section === 'products' ? 'product' : 'process', segs.slice(1).join('.'), Object.keys(entities));
      const [field, ...sub] = m.rest;
      if (!field) return `missing field after ${section}.${m.id}`;
      const schema = section === 'products' ? ENTITY_SCHEMAS.product : ENTITY_SCHEMAS.process;
      if (sub.length > 0 && section === 'processes' && (field === 'inputs' || field === 'outputs')) {
        return [{ entity: entities[m.id] as Doc, field, schema, subKey: sub.join('.') }];
      }
      if (sub.length > 0) return `unexpected "${sub.join('.')}" after ${section}.${m.id}.${field}`;
      return [{ entity: entities[m.id] as Doc, field, schema }];
    }
    case 'plants':
    case 'stocks':
    case 'demand': {
      const entries = list(section);
      const region = segs[1];
      const regions = Object.keys(map('regions'));
      if (!region || !regions.includes(region)) return unknown('region', region ?? '', regions);
      const second = section === 'plants' ? 'process' : 'product';
      const ids = [...new Set(entries.filter((e) => e.region === region).map((e) => String(e[second])))];
      const known = section === 'plants' ? Object.keys(map('processes')) : Object.keys(map('products'));
      const m = matchId(segs.slice(2), known);
      if (!m) return unknown(second, segs.slice(2).join('.'), known);
      let rest = m.rest;
      let sector: string | undefined;
      if (section === 'demand' && rest.length === 2) [sector, ...rest] = rest;
      const field = fieldOf(rest, `unexpected "${rest.join('.')}" after ${section}.${region}.${m.id}`);
      if (field === null) return `missing field after ${section}.${region}.${m.id}`;
      if (rest.length !== 1) return field;
      const hits = entries.filter((e) => e.region === region && e[second] === m.id && (sector === undefined || (e.sector ?? 'all') === sector));
      if (hits.length === 0) {
        const what = `${section === 'plants' ? 'plant' : section === 'stocks' ? 'stock entry' : 'demand entry'} for ${region} ${m.id}${sector ? ` (sector ${sector})` : ''}`;
        return `no ${what}${ids.length ? ` (${region} has: ${ids.join(', ')})` : ''}`;
      }
      const schema = section === 'plants' ? ENTITY_SCHEMAS.plant : section === 'stocks' ? ENTITY_SCHEMAS.stock : ENTITY_SCHEMAS.demand;
      return hits.map((entity) => ({ entity, field, schema }));
    }
    case 'dynamics': {
      const mechanisms = Object.keys(ENTITY_SCHEMAS.dynamics.shape);
      const [, mechanism, field, ...more] = segs;
      if (!mechanism || !mechanisms.includes(mechanism)) return unknown('dynamics mechanism', mechanism ?? '', mechanisms);
      if (!field || more.length) return `expected dynamics.${mechanism}.<field>`;
      const dynamics = ensure(doc, 'dynamics', at);
      const entity = ensure(dynamics, mechanism, at);
      const schema = (ENTITY_SCHEMAS.dynamics.shape as Record<string, z.ZodOptional<z.ZodObject>>)[mechanism].unwrap();
      return [{ entity, field, schema }];
    }
    case 'market': {
      const [, field, ...more] = segs;
      if (!field || more.length) return 'expected market.<field>';
      return [{ entity: ensure(doc, 'market', at), field, schema: ENTITY_SCHEMAS.market }];
    }
    case 'policies': {
      const policies = list('policies');
      const ids = policies.map((p) => String(p.id));
      const m = matchId(segs.slice(1), ids);
      if (!m) return unknown('policy', segs.slice(1).join('.'), ids);
      if (m.rest.length !== 1) return `expected policies.${m.id}.<field>`;
      const entity = policies.find((p) => p.id === m.id)!;
      const schema = POLICY_SCHEMAS[entity.type as keyof typeof POLICY_SCHEMAS];
      return [{ entity, field: m.rest[0], schema }];
    }
    default:
      return `cannot set "${text}": a path starts with demand, products, processes, plants, stocks, dynamics, market or policies${suggest(section, ['demand', 'products', 'processes', 'plants', 'stocks', 'dynamics', 'market', 'policies'])}`;
  }
}

/** Longest prefix of the segments (joined by dots) that is a known id, and the segments after it. */
function matchId(segs: readonly string[], known: readonly string[]): { id: string; rest: string[] } | null {
  for (let n = segs.length; n >= 1; n--) {
    const id = segs.slice(0, n).join('.');
    if (known.includes(id)) return { id, rest: segs.slice(n) };
  }
  return null;
}

function unknown(what: string, text: string, known: readonly string[]): string {
  const first = text.split('.')[0];
  return `unknown ${what} in "${text}"${suggest(first, known)}${known.length ? ` (known: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''})` : ''}`;
}

/** The object at `key` of `parent`, created (positioned at the override) when absent: dynamics and market. */
function ensure(parent: Doc, key: string, at: Loc): Doc {
  if (!parent[key] || typeof parent[key] !== 'object') {
    const created: Doc = {};
    setMeta(created, newMeta(at));
    defineValue(parent, key, created);
    getMeta(parent)?.values.set(key, at);
  }
  return parent[key] as Doc;
}

/** The override entries written in the merged `set` map, with their positions. */
export function setEntriesOf(doc: Doc, fallback: Loc): SetEntry[] {
  const set = doc.set;
  if (!set || typeof set !== 'object') return [];
  const meta = getMeta(set);
  return Object.keys(set).map((path) => ({
    path,
    value: (set as Doc)[path],
    loc: meta?.keys.get(path) ?? fallback,
    valueLoc: meta?.values.get(path) ?? fallback,
  }));
}


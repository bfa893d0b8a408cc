/**
 * Source positions of parsed values. Parsed objects and arrays carry (in a WeakMap, so the values stay
 * plain JSON) where they and each of their children came from. Merging files and applying `set` copy
 * these records, so a value in the merged document still points at the file, line and field path where
 * the user wrote it.
 */
import type { Issue } from './issues.js';

/** A key of an object or an index of an array. */
export type Segment = string | number;

/** Where a value was written: file, the field path inside that file, and its 1-based position. */
export interface Loc {
  readonly file: string;
  readonly path: readonly Segment[];
  readonly line: number;
  readonly col: number;
}

/** Position records of one object or array: of itself, of each child value and of each child's key. */
export interface NodeMeta {
  self: Loc;
  values: Map<Segment, Loc>;
  keys: Map<Segment, Loc>;
}

const metas = new WeakMap<object, NodeMeta>();

/** Attaches position records to a parsed object or array. */
export function setMeta(node: object, meta: NodeMeta): void {
  metas.set(node, meta);
}

/** The position records of an object or array, if it came from a file. */
export function getMeta(node: unknown): NodeMeta | undefined {
  return node !== null && typeof node === 'object' ? metas.get(node) : undefined;
}

/** Creates an empty meta record positioned at `self`. */
export function newMeta(self: Loc): NodeMeta {
  return { self, values: new Map(), keys: new Map() };
}

/** Formats a field path: `policies[1].rate`, `products.oxide.Dy.price`. */
export function formatPath(path: readonly Segment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

/**
 * Finds where the value at `path` (in the document `root`) was written. Walks down as far as position
 * records reach, then appends the remaining segments to the path of the deepest record found. With
 * `key`, points at the last segment's key rather than its value (for unknown-field errors).
 */
export function locate(root: unknown, path: readonly Segment[], fallback: Loc, key = false): Loc {
  let node: unknown = root;
  let loc: Loc = getMeta(root)?.self ?? fallback;
  let rest = 0;
  for (let i = 0; i < path.length; i++) {
    const meta = getMeta(node);
    const seg = path[i];
    const child = meta && (key && i === path.length - 1 ? meta.keys.get(seg) ?? meta.values.get(seg) : meta.values.get(seg));
    if (!child) break;
    loc = child;
    rest = i + 1;
    node = node !== null && typeof node === 'object' ? (node as Record<Segment, unknown>)[seg] : undefined;
  }
  return { ...loc, path: [...loc.path, ...path.slice(rest)] };
}

/** Builds an issue at a location. */
export function issueAt(loc: Loc, message: string): Issue {
  return { file: loc.file, line: loc.line, col: loc.col, path: formatPath(loc.path), message };
}

/** Reads the value at `path` of a plain document (undefined when absent). */
export function valueAt(root: unknown, path: readonly Segment[]): unknown {
  let node: unknown = root;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(node, seg)) return undefined;
    node = (node as Record<Segment, unknown>)[seg];
  }
  return node;
}

/** Sets an own property even when its name is `__proto__`, so parsed keys never touch prototypes. */
export function defineValue(target: object, key: Segment, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

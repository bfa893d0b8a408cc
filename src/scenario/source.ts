/**
 * Reading one file: bytes → text → YAML/JSON document → plain value with position records.
 * Malformed input (binary, empty, parser errors) becomes located issues, never an exception.
 */
import { LineCounter, parseDocument, isAlias, isMap, isScalar, isSeq, isPair, type Document, type Node } from 'yaml';
import { Issues } from './issues.js';
import { defineValue, issueAt, newMeta, setMeta, type Loc } from './locate.js';

/** Files larger than this are refused before parsing (a scenario is a few kilobytes). */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** Nesting deeper than this is refused (no legitimate file nests more than ~6 levels). */
const MAX_DEPTH = 64;

/** Parses the bytes of a scenario or world file; returns the top-level mapping, or undefined after issues. */
export function parseSource(file: string, bytes: Uint8Array, issues: Issues): Record<string, unknown> | undefined {
  const at = (line: number, col: number, message: string): void => issues.add({ file, line, col, path: '', message });
  if (bytes.length > MAX_FILE_BYTES) return void at(1, 1, `file too large (${bytes.length} bytes; at most ${MAX_FILE_BYTES})`);
  if (bytes.includes(0)) return void at(1, 1, 'binary file: expected YAML or JSON text');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return void at(1, 1, 'not UTF-8 text: expected YAML or JSON');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = new LineCounter();
  if (/\.json$/i.test(file) && !checkJson(text, file, lines, issues)) return undefined;
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2' });
  const pos = (offset: number): { line: number; col: number } => lines.linePos(Math.max(0, Math.min(offset, text.length)));
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const p = pos(e.pos[0]);
      at(p.line, p.col, `malformed ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${firstLine(e.message)}`);
    }
    return undefined;
  }
  if (doc.contents === null || (isScalar(doc.contents) && (doc.contents.value === null || doc.contents.value === ''))) {
    return void at(1, 1, 'empty file: expected a mapping with at least `name`');
  }
  if (!isMap(doc.contents)) {
    const p = pos(doc.contents.range?.[0] ?? 0);
    return void at(p.line, p.col, 'expected a mapping of fields (name: …, start: …) at the top level');
  }
  const before = issues.count;
  const value = toPlain(doc, doc.contents, { file, path: [], ...pos(doc.contents.range?.[0] ?? 0) }, pos, issues, 0);
  return issues.count === before ? (value as Record<string, unknown>) : undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * Strict JSON check for `.json` files (YAML would accept comments and trailing commas). The error is
 * located from V8's "position N" or "line L column C" when present.
 */
function checkJson(text: string, file: string, lines: LineCounter, issues: Issues): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch (e) {
    const message = (e as Error).message;
    const lc = /line (\d+) column (\d+)/.exec(message);
    const at = /position (\d+)/.exec(message);
    let line = 1;
    let col = 1;
    if (lc) {
      line = Number(lc[1]);
      col = Number(lc[2]);
    } else if (at) {
      // linePos needs the line starts, which parseDocument fills in; count them here instead.
      const before = text.slice(0, Number(at[1]));
      line = before.split('\n').length;
      col = before.length - before.lastIndexOf('\n');
    } else if (text.trim() === '') {
      issues.add({ file, line: 1, col: 1, path: '', message: 'empty file: expected a JSON object with at least "name"' });
      return false;
    }
    void lines;
    issues.add({ file, line, col, path: '', message: `malformed JSON: ${message.replace(/ in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)/, '')}` });
    return false;
  }
}

type Pos = (offset: number) => { line: number; col: number };

/** Converts a YAML node into a plain value, attaching position records to every object and array. */
function toPlain(doc: Document, node: Node | null, self: Loc, pos: Pos, issues: Issues, depth: number): unknown {
  if (depth > MAX_DEPTH) {
    issues.add(issueAt(self, `nested more than ${MAX_DEPTH} levels deep`));
    return null;
  }
  if (node === null) return null;
  if (isAlias(node)) {
    const target = node.resolve(doc);
    return target ? toPlain(doc, target as Node, self, pos, issues, depth + 1) : null;
  }
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'bigint') return Number(v);
    if (v instanceof Date) return v.toISOString();
    return v;
  }
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    const meta = newMeta(self);
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as Node | null;
      const keyPos = pos(keyNode?.range?.[0] ?? node.range?.[0] ?? 0);
      if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
        issues.add(issueAt({ ...self, ...keyPos }, 'keys must be plain text'));
        continue;
      }
      const key = String(keyNode.value);
      const valueNode = pair.value as Node | null;
      const valuePos = valueNode?.range ? pos(valueNode.range[0]) : keyPos;
      const childPath = [...self.path, key];
      meta.keys.set(key, { file: self.file, path: childPath, ...keyPos });
      const childLoc: Loc = { file: self.file, path: childPath, ...valuePos };
      meta.values.set(key, childLoc);
      defineValue(out, key, toPlain(doc, valueNode, childLoc, pos, issues, depth + 1));
    }
    setMeta(out, meta);
    return out;
  }
  if (isSeq(node)) {
    const out: unknown[] = [];
    const meta = newMeta(self);
    node.items.forEach((item, i) => {
      const itemNode = item as Node | null;
      const childLoc: Loc = { file: self.file, path: [...self.path, i], ...(itemNode?.range ? pos(itemNode.range[0]) : self) };
      meta.values.set(i, childLoc);
      meta.keys.set(i, childLoc);
      out.push(toPlain(doc, itemNode, childLoc, pos, issues, depth + 1));
    });
    setMeta(out, meta);
    return out;
  }
  return null;
}

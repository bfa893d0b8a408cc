/**
 * Reading one file: bytes → text → YAML/JSON document → plain value with position records.
 * Malformed input (binary, empty, parser errors) becomes located issues, never an exception, and a
 * hostile document cannot make the conversion expensive: aliases are expanded against a budget of
 * values (alias bombs, merge-key chains) after the `yaml` library's own alias guard.
 */
import { LineCounter, parseDocument, visit, isAlias, isMap, isScalar, isSeq, isPair, type Alias, type Document, type Node } from 'yaml';
import { Issues } from './issues.js';
import { excerpt, MAX_EXCERPT, MAX_FILE_BYTES, MAX_YAML_ALIAS_COUNT, yamlValueLimit } from './limits.js';
import { defineValue, issueAt, newMeta, setMeta, type Loc } from './locate.js';

/** Nesting deeper than this is refused (no legitimate file nests more than ~6 levels). */
const MAX_DEPTH = 64;

/** Limits of one parse; tests lower them to exercise the guards with small inputs. */
export interface ParseLimits {
  /** Most values the document may produce, aliases expanded (default MAX_YAML_VALUES or its env override). */
  readonly maxValues?: number;
}

/** Parses the bytes of a scenario or world file; returns the top-level mapping, or undefined after issues. */
export function parseSource(file: string, bytes: Uint8Array, issues: Issues, limits: ParseLimits = {}): Record<string, unknown> | undefined {
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
  if (/\.json$/i.test(file) && !checkJson(text, file, issues)) return undefined;
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2' });
  const pos = (offset: number): { line: number; col: number } => lines.linePos(Math.max(0, Math.min(offset, text.length)));
  if (doc.errors.length > 0) {
    // Only the first: later parser errors mostly follow from it, and a file that is not YAML at all (a
    // system file named by `extends`) would otherwise produce one message per line.
    const e = doc.errors[0];
    const p = pos(e.pos[0]);
    return void at(p.line, p.col, `malformed ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${parserMessage(e.message)}`);
  }
  if (doc.contents === null || (isScalar(doc.contents) && (doc.contents.value === null || doc.contents.value === ''))) {
    return void at(1, 1, 'empty file: expected a mapping with at least `name`');
  }
  if (!isMap(doc.contents)) {
    const p = pos(doc.contents.range?.[0] ?? 0);
    return void at(p.line, p.col, 'expected a mapping of fields (name: …, start: …) at the top level');
  }
  const targets = aliasTargets(doc);
  if (targets.size > 0) {
    const bomb = aliasGuardProblem(doc);
    if (bomb) {
      const p = pos(targets.keys().next().value?.range?.[0] ?? 0);
      return void at(p.line, p.col, bomb);
    }
  }
  const before = issues.count;
  const maxValues = limits.maxValues ?? yamlValueLimit();
  const walk: Walk = { targets, pos, issues, budget: { left: maxValues, limit: maxValues, exceeded: false } };
  const value = toPlain(walk, doc.contents, { file, path: [], ...pos(doc.contents.range?.[0] ?? 0) }, 0);
  return issues.count === before ? (value as Record<string, unknown>) : undefined;
}

/**
 * A parser message on one line without its position suffix, quotations of the file cut short (the
 * `yaml` library quotes whole runs of a file it cannot read).
 */
function parserMessage(message: string): string {
  const line = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return line.replace(/"(?:[^"\\]|\\.)*"/g, (quoted) => {
    if (quoted.length <= MAX_EXCERPT) return quoted;
    try {
      return excerpt(JSON.parse(quoted) as string);
    } catch {
      return `${quoted.slice(0, MAX_EXCERPT - 4)}..."`;
    }
  });
}

/**
 * The `yaml` library's alias guard (maxAliasCount) as a problem phrase, or null. Its toJS does not copy
 * aliased values, so it stays cheap on the documents it rejects.
 */
function aliasGuardProblem(doc: Document): string | null {
  try {
    doc.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT });
    return null;
  } catch (e) {
    if (e instanceof ReferenceError && /alias/i.test(e.message)) {
      return `too many uses of aliases (*name), more than the limit of ${MAX_YAML_ALIAS_COUNT}: a YAML alias bomb? write the values out`;
    }
    return `malformed YAML: ${parserMessage((e as Error).message)}`;
  }
}

/**
 * The anchored node each alias stands for, in one pass: the last node with that anchor before the alias
 * in document order (the YAML rule). `Alias.resolve` finds it by visiting the whole document for every
 * alias, which is quadratic on a file of many aliases.
 */
function aliasTargets(doc: Document): Map<Alias, Node> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node>();
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target) targets.set(node, target);
      } else if (node.anchor) {
        anchors.set(node.anchor, node);
      }
    },
  });
  return targets;
}

/**
 * Strict JSON check for `.json` files (YAML would accept comments and trailing commas). V8's message
 * gives "position N" or "line L column C" for most errors; for an unexpected token it quotes a piece of
 * the file instead (raw newlines included), so the quote is dropped and the position is taken from the
 * YAML parser reading the same text with the JSON schema.
 */
function checkJson(text: string, file: string, issues: Issues): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch (e) {
    if (text.trim() === '') {
      issues.add({ file, line: 1, col: 1, path: '', message: 'empty file: expected a JSON object with at least "name"' });
      return false;
    }
    const message = (e as Error).message;
    const { line, col } = jsonErrorPosition(text, message);
    issues.add({ file, line, col, path: '', message: `malformed JSON: ${jsonMessage(message)}` });
    return false;
  }
}

/** V8's JSON.parse message without its position and without its quotation of the file, on one line. */
export function jsonMessage(message: string): string {
  const text = message
    .replace(/,?\s*(?:\.\.\.)?"[\s\S]*"(?:\.\.\.)? is not valid JSON$/, '')
    .replace(/ in JSON at position \d+[\s\S]*$/, '')
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 2 * MAX_EXCERPT ? `${text.slice(0, 2 * MAX_EXCERPT - 3)}...` : text || 'not valid JSON';
}

/** Where a JSON syntax error is: from V8's message when it says, else from the YAML parser, else 1:1. */
function jsonErrorPosition(text: string, message: string): { line: number; col: number } {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), col: Number(lc[2]) };
  const at = /position (\d+)/.exec(message);
  let offset = at ? Number(at[1]) : -1;
  const lines = new LineCounter();
  if (offset < 0) {
    const doc = parseDocument(text, { lineCounter: lines, schema: 'json', version: '1.2', prettyErrors: false });
    offset = doc.errors[0]?.pos[0] ?? -1;
    if (offset < 0) return { line: 1, col: 1 };
    return lines.linePos(Math.min(offset, text.length));
  }
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, col: before.length - before.lastIndexOf('\n') };
}

type Pos = (offset: number) => { line: number; col: number };

/** How many more values the conversion may produce. */
interface Budget {
  left: number;
  readonly limit: number;
  exceeded: boolean;
}

/** What the conversion of one document needs at every node. */
interface Walk {
  readonly targets: ReadonlyMap<Alias, Node>;
  readonly pos: Pos;
  readonly issues: Issues;
  readonly budget: Budget;
}

/** Converts a YAML node into a plain value, attaching position records to every object and array. */
function toPlain(walk: Walk, node: Node | null, self: Loc, depth: number): unknown {
  const { pos, issues, budget } = walk;
  if (budget.exceeded) return null;
  if (--budget.left < 0) {
    budget.exceeded = true;
    issues.add(issueAt(self, `more than ${budget.limit} values once aliases (*name) are expanded: a YAML alias bomb? write the values out`));
    return null;
  }
  if (depth > MAX_DEPTH) {
    issues.add(issueAt(self, `nested more than ${MAX_DEPTH} levels deep`));
    return null;
  }
  if (node === null) return null;
  if (isAlias(node)) {
    const target = walk.targets.get(node);
    return target ? toPlain(walk, target, self, depth + 1) : null;
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
      defineValue(out, key, toPlain(walk, valueNode, childLoc, depth + 1));
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
      out.push(toPlain(walk, itemNode, childLoc, depth + 1));
    });
    setMeta(out, meta);
    return out;
  }
  return null;
}

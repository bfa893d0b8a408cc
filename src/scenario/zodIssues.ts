/**
 * Turns zod's issues into located, readable issues: `expected …, got …`, one unknown field per issue
 * (pointing at the key, with a "did you mean" when a known field is close).
 */
import type { z } from 'zod';
import { Issues, show } from './issues.js';
import { excerpt, MAX_EXCERPT } from './limits.js';
import { issueAt, locate, valueAt, type Loc, type Segment } from './locate.js';
import { KNOWN_FIELDS } from './schema.js';

type ZodIssue = z.core.$ZodIssue;

/**
 * Validates one document against a schema and reports every issue, located; returns true when valid.
 * A document that is plainly some other kind of file (`extends: package.json`) gets one message
 * instead of one per field; `kind` names what was expected.
 */
export function validateShape(schema: z.ZodType, doc: unknown, fallback: Loc, issues: Issues, kind = 'reesim world or scenario file'): boolean {
  const foreign = foreignFileProblem(schema, doc, kind);
  if (foreign) {
    issues.add(issueAt(locate(doc, [foreign.firstUnknown], fallback, true), foreign.message));
    return false;
  }
  const result = schema.safeParse(doc);
  if (result.success) return true;
  for (const iss of result.error.issues) report(iss, [], doc, fallback, issues);
  return false;
}

/**
 * A mapping none of whose top-level fields the schema knows, or mostly unknown ones (at least three, more
 * than twice the known ones), is not a file of this kind with typos: it is another file.
 */
function foreignFileProblem(schema: z.ZodType, doc: unknown, kind: string): { message: string; firstUnknown: string } | null {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  if (!shape || doc === null || typeof doc !== 'object' || Array.isArray(doc)) return null;
  const keys = Object.keys(doc);
  const unknown = keys.filter((k) => !Object.prototype.hasOwnProperty.call(shape, k));
  const known = keys.length - unknown.length;
  if (unknown.length === 0 || (known > 0 && (unknown.length < 3 || unknown.length <= 2 * known))) return null;
  const expected = Object.keys(shape).filter((k) => !k.startsWith('$')).slice(0, 6).join(', ');
  return {
    message: `not a ${kind}: ${unknown.length} of its ${keys.length} top-level fields are unknown (${excerpt(unknown.join(', '))}); expected fields such as ${expected}`,
    firstUnknown: unknown[0],
  };
}

function report(iss: ZodIssue, base: readonly Segment[], doc: unknown, fallback: Loc, issues: Issues): void {
  const path = [...base, ...(iss.path as Segment[])];
  const found = valueAt(doc, path);
  const at = (p: readonly Segment[], message: string, key = false): void =>
    issues.add(issueAt(locate(doc, p, fallback, key), message));
  switch (iss.code) {
    case 'unrecognized_keys': {
      const known = iss.message.startsWith(KNOWN_FIELDS) ? iss.message.slice(KNOWN_FIELDS.length).split(', ') : [];
      for (const key of iss.keys) at([...path, key], `unknown field ${excerpt(key)}${key.length <= MAX_EXCERPT ? suggest(key, known) : ''}${commaHint(key)}`, true);
      return;
    }
    case 'invalid_union': {
      if ('note' in iss && iss.note === 'No matching discriminator') {
        const type = valueAt(doc, [...path]);
        const message = type === undefined ? `required field missing: ${iss.message}` : `${iss.message}; got ${show(type)}`;
        at(type === undefined ? path.slice(0, -1) : path, type === undefined ? `type: ${message}` : message);
        return;
      }
      // A mapping given where a value or a series is expected: report the series branch's inner issues,
      // which point at the faulty entry, rather than "expected a value or a series" at the whole map.
      const inner = found !== null && typeof found === 'object' ? iss.errors.find((branch) => branch.length > 0 && branch.every((b) => b.path.length > 0)) : undefined;
      if (inner) {
        for (const sub of inner) report(sub, path, doc, fallback, issues);
        return;
      }
      break;
    }
    case 'invalid_key': {
      const sub = iss.issues[0];
      at(path, `${sub?.message.startsWith('expected') ? sub.message : 'invalid key'}, got ${show(path[path.length - 1])}`, true);
      return;
    }
    case 'invalid_element':
      at(path, `invalid entry, got ${show(found)}`);
      return;
    default:
      break;
  }
  at(path, describe(iss, found, path));
}

/** The message of a value-level issue. Schema messages are "expected …" phrases; the found value is appended. */
function describe(iss: ZodIssue, found: unknown, path: readonly Segment[]): string {
  const expected = iss.message.startsWith('expected') ? iss.message : defaultExpectation(iss);
  if (found === undefined) {
    const field = path[path.length - 1];
    return typeof field === 'string' ? `required field missing: ${expected}` : `${expected}, got nothing`;
  }
  return `${expected}, got ${show(found)}`;
}

function defaultExpectation(iss: ZodIssue): string {
  switch (iss.code) {
    case 'invalid_type':
      return `expected ${iss.expected === 'object' ? 'a mapping' : iss.expected === 'array' ? 'a list' : `a ${iss.expected}`}`;
    case 'too_small':
      return iss.origin === 'array' ? `expected at least ${String(iss.minimum)} entries` : `expected at least ${String(iss.minimum)}`;
    case 'too_big':
      return iss.origin === 'string' ? `expected at most ${String(iss.maximum)} characters` : iss.origin === 'array' ? `expected at most ${String(iss.maximum)} entries` : `expected at most ${String(iss.maximum)}`;
    case 'invalid_value':
      return `expected one of ${iss.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return 'expected a value in the right format';
    default:
      return `invalid value (${iss.message})`;
  }
}

/** A key like `150%)` is the tail of an unquoted expression split at its comma by YAML's flow syntax. */
function commaHint(key: string): string {
  return /[)(]/.test(key) ? ' (inside {…} or […], quote an expression that contains commas: "uniform(1, 2)")' : '';
}

/** ` (did you mean "x"?)` when a known name is within a small edit distance. */
export function suggest(name: string, known: readonly string[]): string {
  let best = '';
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(name.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best && bestDistance <= Math.max(1, Math.floor(name.length / 3)) ? ` (did you mean "${best}"?)` : '';
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

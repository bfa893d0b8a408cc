/**
 * Located problems in scenario files. Every check reports into an `Issues` collector instead of throwing,
 * so that a user sees every mistake of a file at once (the contract: "reported all at once").
 */
import { excerpt, MAX_ISSUES_SHOWN } from './limits.js';

/** One problem, located in a file: `file:line:col path: message`. line/col are 1-based; 0 = no position. */
export interface Issue {
  file: string;
  line: number;
  col: number;
  /** Field path inside that file, e.g. `policies[1].rate`. */
  path: string;
  message: string;
}

/** Formats an issue the way the CLI prints it: `scenarios/x.yaml:14:12 policies[1].rate: expected …`. */
export function formatIssue(issue: Issue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.col}` : issue.file;
  return oneLine(issue.path ? `${where} ${issue.path}: ${issue.message}` : `${where}: ${issue.message}`);
}

/**
 * Line breaks and other control characters shown as escapes: one problem is always one line, whatever
 * a file name, a key or a parser message contains.
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f\u0085\u2028\u2029]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** The lines of a list of issues, at most MAX_ISSUES_SHOWN, then how many more there are. */
export function formatIssues(issues: readonly Issue[]): string {
  const lines = issues.slice(0, MAX_ISSUES_SHOWN).map(formatIssue);
  if (issues.length > MAX_ISSUES_SHOWN) lines.push(`... and ${issues.length - MAX_ISSUES_SHOWN} more problems (fix these first)`);
  return lines.join('\n');
}

/** Orders issues by file, then position, so that messages read top to bottom. */
export function compareIssues(a: Issue, b: Issue): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.col - b.col || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

/** Thrown by `loadScenario` when a scenario is invalid; `issues` lists every problem found. */
export class ScenarioError extends Error {
  readonly issues: Issue[];
  constructor(issues: Issue[]) {
    super(formatIssues(issues));
    this.name = 'ScenarioError';
    this.issues = issues;
  }
}

/** Collects issues (deduplicated) and warnings while a scenario is loaded. */
export class Issues {
  private readonly list: Issue[] = [];
  private readonly seen = new Set<string>();
  readonly warnings: string[] = [];

  /** Records one issue; the same message at the same place is kept once. */
  add(issue: Issue): void {
    const key = formatIssue(issue);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(issue);
  }

  /** Records a warning (a located, formatted line). */
  warn(issue: Issue): void {
    this.warnings.push(formatIssue(issue));
  }

  get count(): number {
    return this.list.length;
  }

  /** Throws a `ScenarioError` with every issue so far, sorted, when there is at least one. */
  throwIfAny(): void {
    if (this.list.length > 0) throw new ScenarioError([...this.list].sort(compareIssues));
  }
}

/** Shows a found value in a message: strings quoted, structures by their kind. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'nothing (null)';
  if (typeof value === 'string') return excerpt(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

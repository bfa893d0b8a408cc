/**
 * The `extends` chain: a scenario names its parent file (relative to itself, or a package path such as
 * `reesim/scenarios/world-2024.yaml`: extendsPath.ts), up to a world (a file without `extends`). Every
 * file is parsed and shape-checked on its own, so its issues point into it.
 */
import path from 'node:path';
import { resolveExtends } from './extendsPath.js';
import { Issues } from './issues.js';
import { MAX_FILE_BYTES } from './limits.js';
import { issueAt, locate, type Loc } from './locate.js';
import { readRegularFile } from './regularFile.js';
import { scenarioSchema } from './schema.js';
import { parseSource } from './source.js';
import { validateShape } from './zodIssues.js';

/** Longest chain accepted (world → scenario → variant needs 3). */
const MAX_CHAIN = 16;

/** One parsed file of the chain. */
export interface ChainFile {
  /** The path as given (root file) or as resolved from the child's directory (parents). */
  readonly file: string;
  readonly doc: Record<string, unknown>;
}

/** Reads, parses and checks every file of the chain; returns it root first, or null after issues. */
export async function loadChain(file: string, issues: Issues): Promise<ChainFile[] | null> {
  const chain: ChainFile[] = [];
  const seen: string[] = [];
  let current = file;
  let from: { loc: Loc } | null = null;
  for (;;) {
    const absolute = path.resolve(current);
    const cycleAt = seen.indexOf(absolute);
    if (cycleAt >= 0) {
      const names = [...chain.slice(cycleAt).map((c) => c.file), current];
      issues.add(issueAt(from!.loc, `extends cycle: ${names.join(' → ')}`));
      return null;
    }
    if (chain.length >= MAX_CHAIN) {
      issues.add(issueAt(from!.loc, `extends chain longer than ${MAX_CHAIN} files`));
      return null;
    }
    seen.push(absolute);
    // Only a regular file of a sane size is a scenario file: `extends: /dev/zero` or a FIFO must not
    // fill memory or block.
    const read = await readRegularFile(current, MAX_FILE_BYTES);
    if ('problem' in read) {
      if (from) issues.add(issueAt(from.loc, `${read.problem}: ${current}`));
      else issues.add({ file: current, line: 0, col: 0, path: '', message: read.problem });
      return null;
    }
    const doc = parseSource(current, read.bytes, issues);
    if (!doc) return null;
    const root: Loc = { file: current, path: [], line: 1, col: 1 };
    if (!validateShape(scenarioSchema, doc, root, issues)) return null;
    chain.push({ file: current, doc });
    const parent = doc.extends;
    if (typeof parent !== 'string') break;
    from = { loc: locate(doc, ['extends'], root) };
    const target = await resolveExtends(parent, current);
    if ('missing' in target) {
      issues.add(issueAt(from.loc, target.missing));
      return null;
    }
    current = target.file;
  }
  return chain.reverse();
}

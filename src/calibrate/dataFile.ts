/**
 * Reading the calibration data files (targets, history) with the scenario language's machinery: the same
 * located errors (`file:line:col path: message`), the same exit code 2.
 */
import type { z } from 'zod';
import { Issues } from '../scenario/issues.js';
import { MAX_FILE_BYTES } from '../scenario/limits.js';
import { readRegularFile } from '../scenario/regularFile.js';
import { parseSource } from '../scenario/source.js';
import { suggest, validateShape } from '../scenario/zodIssues.js';
import { issueAt, locate, type Segment } from '../scenario/locate.js';
import { globToRegExp } from '../scenario/selectors.js';
import type { ModelInput } from '../model/types.js';

/** A validated data file, and its parsed document (with positions, to locate later problems). */
export interface DataFile<T> {
  readonly file: string;
  readonly data: T;
  readonly doc: unknown;
}

/** Reads and validates a YAML/JSON data file; throws ScenarioError listing every problem. */
export async function readDataFile<S extends z.ZodType>(file: string, schema: S): Promise<DataFile<z.infer<S>>> {
  const issues = new Issues();
  const read = await readRegularFile(file, MAX_FILE_BYTES);
  if ('problem' in read) issues.add({ file, line: 0, col: 0, path: '', message: read.problem });
  const doc = 'bytes' in read ? parseSource(file, read.bytes, issues) : undefined;
  if (doc !== undefined) validateShape(schema, doc, { file, path: [], line: 1, col: 1 }, issues, 'reesim calibration or history file');
  issues.throwIfAny();
  return { file, data: schema.parse(doc) as z.infer<S>, doc };
}

/** The region, product and process names a data file's entries use, at `path` inside the file. */
export interface NamedIds {
  readonly path: readonly Segment[];
  readonly kind: 'region' | 'product' | 'process';
  readonly ids: readonly string[];
}

/**
 * Checks that every region, product (id or glob) and process a data file names exists in the model it
 * runs; throws ScenarioError with each unknown one located (`file:line:col targets[3].products[0]: …`).
 */
export function checkNamedIds(data: DataFile<unknown>, model: ModelInput, named: readonly NamedIds[]): void {
  const issues = new Issues();
  const known = {
    region: model.regions.map((r) => r.id),
    product: model.products.map((p) => p.id),
    process: [...new Set(model.plants.map((p) => p.process))],
  };
  for (const { path, kind, ids } of named)
    ids.forEach((id, i) => {
      const hit = kind === 'product' && id.includes('*') ? known.product.some((p) => globToRegExp(id).test(p)) : known[kind].includes(id);
      if (hit) return;
      const what = id.includes('*') ? `"${id}" matches no ${kind}` : `unknown ${kind} "${id}"${suggest(id, known[kind])}`;
      issues.add(issueAt(locate(data.doc, [...path, i], { file: data.file, path: [], line: 0, col: 0 }), `${what} in the world this file runs`));
    });
  issues.throwIfAny();
}

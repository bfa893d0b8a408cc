/**
 * Reading the calibration data files (targets, history) with the scenario language's machinery: the same
 * located errors (`file:line:col path: message`), the same exit code 2.
 */
import type { z } from 'zod';
import { Issues } from '../scenario/issues.js';
import { MAX_FILE_BYTES } from '../scenario/limits.js';
import { readRegularFile } from '../scenario/regularFile.js';
import { parseSource } from '../scenario/source.js';
import { validateShape } from '../scenario/zodIssues.js';

/** Reads and validates a YAML/JSON data file; throws ScenarioError listing every problem. */
export async function readDataFile<S extends z.ZodType>(file: string, schema: S): Promise<z.infer<S>> {
  const issues = new Issues();
  const read = await readRegularFile(file, MAX_FILE_BYTES);
  if ('problem' in read) issues.add({ file, line: 0, col: 0, path: '', message: read.problem });
  const doc = 'bytes' in read ? parseSource(file, read.bytes, issues) : undefined;
  if (doc !== undefined) validateShape(schema, doc, { file, path: [], line: 1, col: 1 }, issues, 'reesim calibration or history file');
  issues.throwIfAny();
  return schema.parse(doc) as z.infer<S>;
}

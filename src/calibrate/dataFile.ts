/**
 * Reading the calibration data files (targets, history) with the scenario language's machinery: the same
 * located errors (`file:line:col path: message`), the same exit code 2.
 */
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { Issues } from '../scenario/issues.js';
import { parseSource } from '../scenario/source.js';
import { validateShape } from '../scenario/zodIssues.js';

/** Reads and validates a YAML/JSON data file; throws ScenarioError listing every problem. */
export async function readDataFile<S extends z.ZodType>(file: string, schema: S): Promise<z.infer<S>> {
  const issues = new Issues();
  let bytes: Uint8Array | undefined;
  try {
    bytes = await readFile(file);
  } catch {
    issues.add({ file, line: 0, col: 0, path: '', message: 'file not found' });
  }
  const doc = bytes ? parseSource(file, bytes, issues) : undefined;
  if (doc !== undefined) validateShape(schema, doc, { file, path: [], line: 1, col: 1 }, issues);
  issues.throwIfAny();
  return schema.parse(doc) as z.infer<S>;
}

/**
 * Expands the scenario arguments of a command: a file stays a file; a folder stands for every scenario
 * in it (YAML/JSON files with `extends`; world files are building blocks, not scenarios), sorted by name
 * — or, with `worlds`, for every world and scenario file in it (what `validate` checks).
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_FILE_BYTES } from '../scenario/limits.js';
import { readRegularFile } from '../scenario/regularFile.js';
import { UsageError } from './errors.js';

const SCENARIO_EXT = /\.(ya?ml|json)$/i;
const EXTENDS_LINE = /^\s*"?extends"?\s*:/m;

/** Files named by `args`, folders expanded; throws UsageError for a path that does not exist. */
export async function expandScenarioArgs(args: readonly string[], worlds = false): Promise<string[]> {
  const files: string[] = [];
  for (const arg of args) {
    let info;
    try {
      info = await stat(arg);
    } catch {
      throw new UsageError(`${arg}: no such file or folder`);
    }
    if (!info.isDirectory()) {
      files.push(arg);
      continue;
    }
    const names = (await readdir(arg)).filter((n) => SCENARIO_EXT.test(n) && !n.endsWith('.schema.json')).sort();
    for (const name of names) {
      const path = join(arg, name);
      if (worlds) {
        files.push(path);
        continue;
      }
      // A file that cannot be read (a FIFO, a huge file) is kept, so that the loader reports why.
      const read = await readRegularFile(path, MAX_FILE_BYTES);
      if (!('bytes' in read) || EXTENDS_LINE.test(Buffer.from(read.bytes).toString('utf8'))) files.push(path);
    }
    if (names.length === 0) throw new UsageError(`${arg}: no scenario files in this folder`);
  }
  return files;
}

/**
 * `reesim report` without the command line: read a result folder, build the page, and write it through a
 * temporary sibling file renamed into place, so a reader (or a browser left open on it) never sees half a
 * report.
 */
import { lstat, rename, rm, writeFile, mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { OutputError } from '../errors.js';
import { asOutputError, ownerTag } from '../output/atomic.js';
import { buildReport } from './buildReport.js';
import { readReportInputs } from './readReportInputs.js';

/** Default location of the report: `report.html` inside the result folder. */
export function defaultReportFile(dir: string): string {
  return join(dir, 'report.html');
}

/**
 * Writes `text` to `file` atomically (temporary sibling, then rename). An existing `file` is replaced
 * only when it is a regular file: a folder or a symbolic link there is an OutputError (exit 2) that
 * names the command-line `flag` the file came from.
 */
export async function writeFileAtomically(file: string, text: string, flag = '--out'): Promise<void> {
  const existing = await lstat(file).catch(() => null);
  if (existing && !existing.isFile()) throw new OutputError(`${file} is ${existing.isDirectory() ? 'a folder' : 'not a regular file'}; the report is written only to a new or a regular file: choose another ${flag}`);
  const tmp = join(dirname(file), `.${basename(file)}.tmp-${ownerTag()}`);
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(tmp, text);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw asOutputError(err, file) ?? err;
  }
}

/** Builds the report of result folder `dir` and writes it to `file`; returns its size in bytes. */
export async function writeReport(dir: string, file: string): Promise<number> {
  const html = buildReport(await readReportInputs(dir));
  await writeFileAtomically(file, html);
  return Buffer.byteLength(html);
}

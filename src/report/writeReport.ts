/**
 * `reesim report` without the command line: read a result folder, build the page, and write it through a
 * temporary sibling file renamed into place, so a reader (or a browser left open on it) never sees half a
 * report.
 */
import { rename, rm, writeFile, mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { buildReport } from './buildReport.js';
import { readReportInputs } from './readReportInputs.js';

/** Default location of the report: `report.html` inside the result folder. */
export function defaultReportFile(dir: string): string {
  return join(dir, 'report.html');
}

/** Writes `text` to `file` atomically (temporary sibling, then rename). */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = join(dirname(file), `.${basename(file)}.tmp-${process.pid}`);
  try {
    await writeFile(tmp, text);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Builds the report of result folder `dir` and writes it to `file`; returns its size in bytes. */
export async function writeReport(dir: string, file: string): Promise<number> {
  const html = buildReport(await readReportInputs(dir));
  await writeFileAtomically(file, html);
  return Buffer.byteLength(html);
}

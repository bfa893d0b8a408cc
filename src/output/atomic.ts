/**
 * Atomic result folders: everything is written into a hidden sibling folder first and renamed into
 * place only when complete, so an interrupted or failed run leaves the previous results intact and a
 * reader never sees half a result set.
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Runs `write(tmpDir)` and then moves tmpDir to `target`, replacing what was there. */
export async function writeFolderAtomically(target: string, write: (tmpDir: string) => Promise<void>): Promise<void> {
  const parent = dirname(target);
  const name = basename(target);
  await mkdir(parent, { recursive: true });
  const tmp = join(parent, `.${name}.tmp-${process.pid}`);
  const old = join(parent, `.${name}.old-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp);
  try {
    await write(tmp);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
  // A directory cannot be renamed over a non-empty one: move the old one aside, move the new one in,
  // then delete the old one. Between the two renames the target is briefly absent, never partial.
  let movedOld = false;
  try {
    await rename(target, old);
    movedOld = true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await rename(tmp, target);
  if (movedOld) await rm(old, { recursive: true, force: true });
}

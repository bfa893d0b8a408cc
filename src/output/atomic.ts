/**
 * Atomic result folders: everything is written into a hidden sibling folder first and renamed into
 * place only when complete, so an interrupted or failed run leaves the previous results intact and a
 * reader never sees half a result set.
 *
 * Nothing of the user's is replaced: the target must be absent or a folder reesim wrote (its
 * manifest.json names a `reesimVersion`, or it holds only files of the writer's own output list); a
 * file, a symbolic link or another folder is refused with an OutputError (exit 2), before anything is
 * written. The hidden siblings are named `.<name>.tmp-<host>-<pid>-<n>` / `.old-…`, so that a later
 * write of the same name can remove those left by a killed process (same host, process gone).
 */
import { access, lstat, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { environmentProblem, OutputError } from '../errors.js';
import { readRegularFile } from '../scenario/regularFile.js';

/** Which existing folders a writer may replace besides those with a reesim manifest. */
export interface OwnedOutputs {
  /**
   * The files this writer puts in its folder: an existing folder holding nothing else (plus a report.html
   * that `reesim report` added) was written by it. For writers whose folders have no manifest.
   */
  readonly outputs?: readonly string[];
}

/** Largest manifest.json read to recognise a result folder (they hold the resolved scenario, ~100 KiB). */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/** Files another reesim command adds to a result folder. */
const ADDED_BY_OTHER_COMMANDS = ['report.html'];

/** This machine in the names of hidden siblings: letters, digits and `-` only, at most 40 characters. */
export function hostTag(): string {
  return hostname().replace(/[^A-Za-z0-9-]/g, '_').slice(0, 40) || 'host';
}

let sequence = 0;

/** A unique suffix for this process's hidden siblings: `<host>-<pid>-<n>`. */
export function ownerTag(): string {
  return `${hostTag()}-${process.pid}-${++sequence}`;
}

/** Whether `dir` may be replaced: empty, a manifest with `reesimVersion`, or only the writer's own files. */
export async function isReesimFolder(dir: string, owned: OwnedOutputs = {}): Promise<boolean> {
  const entries = await readdir(dir);
  if (entries.length === 0) return true; // nothing in it to lose
  if (entries.includes('manifest.json')) {
    const read = await readRegularFile(join(dir, 'manifest.json'), MAX_MANIFEST_BYTES);
    if ('bytes' in read) {
      try {
        const manifest = JSON.parse(Buffer.from(read.bytes).toString('utf8')) as unknown;
        if (manifest !== null && typeof manifest === 'object' && typeof (manifest as Record<string, unknown>).reesimVersion === 'string') return true;
      } catch {
        // not a manifest of ours: fall through to the file list
      }
    }
  }
  const own = owned.outputs;
  return own !== undefined && entries.every((e) => own.includes(e) || ADDED_BY_OTHER_COMMANDS.includes(e));
}

/** The nearest existing ancestor of `path` (itself included), with what it is. */
async function nearestExisting(path: string): Promise<{ path: string; isDirectory: boolean }> {
  let current = path;
  for (;;) {
    try {
      const info = await stat(current);
      return { path: current, isDirectory: info.isDirectory() };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const parent = dirname(current);
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || parent === current) throw err;
      current = parent;
    }
  }
}

/**
 * Checks, before anything is computed or written, that `target` can be written and replaced: its
 * parent is (or can be created as) a writable folder, and the target is absent or a folder reesim
 * wrote. Throws OutputError naming the path and the reason.
 */
export async function checkOutputFolder(target: string, owned: OwnedOutputs = {}): Promise<void> {
  const parent = dirname(target);
  let existing;
  try {
    existing = await nearestExisting(parent);
  } catch (err) {
    throw asOutputError(err, target) ?? err;
  }
  if (!existing.isDirectory) throw new OutputError(`cannot write ${target}: ${existing.path} is a file, not a folder`);
  try {
    await access(existing.path, constants.W_OK | constants.X_OK);
  } catch {
    throw new OutputError(`cannot write ${target}: no permission to write in ${existing.path}`);
  }
  let info;
  try {
    info = await lstat(target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw asOutputError(err, target) ?? err;
  }
  const refuse = (what: string): OutputError =>
    new OutputError(`${target} ${what}; reesim replaces only result folders it wrote: move it away or choose another --out`);
  if (info.isSymbolicLink()) throw refuse('is a symbolic link');
  if (!info.isDirectory()) throw refuse('is a file, not a result folder');
  let ours: boolean;
  try {
    ours = await isReesimFolder(target, owned);
  } catch (err) {
    throw asOutputError(err, target) ?? err;
  }
  if (!ours) throw refuse('is a folder that reesim did not write (no manifest.json of reesim in it)');
}

/** An OutputError for a system error caused by the environment while writing `target`, or null (a bug). */
export function asOutputError(err: unknown, target: string): OutputError | null {
  if (err instanceof OutputError) return err;
  const problem = environmentProblem(err);
  return problem ? new OutputError(`cannot write ${target}: ${problem}`) : null;
}

/** Runs `write(tmpDir)` and then moves tmpDir to `target`, replacing what was there (if reesim wrote it). */
export async function writeFolderAtomically(target: string, write: (tmpDir: string) => Promise<void>, owned: OwnedOutputs = {}): Promise<void> {
  await checkOutputFolder(target, owned);
  const parent = dirname(target);
  const name = basename(target);
  const tag = ownerTag();
  const tmp = join(parent, `.${name}.tmp-${tag}`);
  const old = join(parent, `.${name}.old-${tag}`);
  try {
    await mkdir(parent, { recursive: true });
    await mkdir(tmp);
  } catch (err) {
    throw asOutputError(err, target) ?? err;
  }
  try {
    await write(tmp);
    // The target may have appeared or changed during a long write: check again just before replacing.
    await checkOutputFolder(target, owned);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw asOutputError(err, target) ?? err;
  }
  // A directory cannot be renamed over a non-empty one: move the old one aside, move the new one in,
  // then delete the old one. Between the two renames the target is briefly absent, never partial.
  let movedOld = false;
  try {
    await rename(target, old);
    movedOld = true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      await rm(tmp, { recursive: true, force: true });
      throw asOutputError(err, target) ?? err;
    }
  }
  try {
    await rename(tmp, target);
  } catch (err) {
    if (movedOld) await rename(old, target).catch(() => undefined);
    await rm(tmp, { recursive: true, force: true });
    throw asOutputError(err, target) ?? err;
  }
  if (movedOld) await rm(old, { recursive: true, force: true });
  await removeStaleSiblings(parent, name);
}

/** Whether process `pid` runs on this machine (EPERM: it does, under another user). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * The owner of a hidden sibling of `name` (`.<name>.tmp-<host>-<pid>-<n>`, `.old-…`, or the older
 * `.<name>.tmp-<pid>`), or null when `entry` is not one.
 */
export function siblingOwner(entry: string, name: string): { host: string | null; pid: number } | null {
  const prefix = `.${name}.`;
  if (!entry.startsWith(prefix)) return null;
  const m = /^(?:tmp|old)-(?:(.+)-(\d+)-\d+|(\d+))$/.exec(entry.slice(prefix.length));
  if (!m) return null;
  return m[3] !== undefined ? { host: null, pid: Number(m[3]) } : { host: m[1], pid: Number(m[2]) };
}

/**
 * Removes the hidden siblings of `name` left by killed writes: folders whose owner ran on this host (or
 * whose name, from before hosts were recorded, gives only a process id) and is gone. A sibling of a live
 * process, of another host or that is not a plain folder is left alone. Best effort: never throws.
 */
export async function removeStaleSiblings(parent: string, name: string): Promise<string[]> {
  const removed: string[] = [];
  let entries: string[];
  try {
    entries = await readdir(parent);
  } catch {
    return removed;
  }
  const host = hostTag();
  for (const entry of entries) {
    const owner = siblingOwner(entry, name);
    if (!owner || owner.pid === process.pid || (owner.host !== null && owner.host !== host) || processAlive(owner.pid)) continue;
    const path = join(parent, entry);
    try {
      if (!(await lstat(path)).isDirectory()) continue;
      await rm(path, { recursive: true, force: true });
      removed.push(entry);
    } catch {
      // another process may be removing it too
    }
  }
  return removed;
}

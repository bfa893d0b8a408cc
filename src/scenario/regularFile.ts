/**
 * Reading a file that must be a regular file of a sane size: scenario, world and data files, shard
 * descriptions. A FIFO would block forever, `/dev/zero` or `/dev/urandom` would fill memory, and a
 * folder cannot be parsed, so the kind and size are checked before reading (stat, then fstat of the
 * opened file, in case it was swapped in between) and the read itself never takes more than the limit.
 */
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';

/** The bytes of a file, or why it cannot be read (a phrase such as "file not found"). */
export type RegularFileRead = { readonly bytes: Uint8Array } | { readonly problem: string };

/** What kind of thing a path that is not a regular file is, for messages. */
export function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

function sizeProblem(size: number, maxBytes: number): string | null {
  return size > maxBytes ? `file too large (${size} bytes; at most ${maxBytes})` : null;
}

/** Why a system error prevented reading, as a short phrase. */
export function readErrorPhrase(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': return 'file not found';
    case 'EACCES': case 'EPERM': return 'cannot read the file: permission denied';
    case 'EISDIR': return 'not a file: a folder';
    case 'ENOTDIR': return 'file not found (a part of the path is not a folder)';
    case 'ELOOP': return 'cannot read the file: too many levels of symbolic links';
    case 'ENAMETOOLONG': return 'cannot read the file: the path is too long';
    default: return `cannot read the file (${code ?? (err as Error)?.message ?? String(err)})`;
  }
}

/**
 * Reads `path` when it is a regular file of at most `maxBytes` bytes (symbolic links followed). Never
 * blocks on a FIFO (opened non-blocking, refused by kind) and never reads more than maxBytes + 1 bytes,
 * so a file that grows or lies about its size (`/proc`) is still bounded.
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<RegularFileRead> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch (err) {
    return { problem: readErrorPhrase(err) };
  }
  if (!info.isFile()) return { problem: `not a regular file: ${kindOf(info)}` };
  const tooLarge = sizeProblem(info.size, maxBytes);
  if (tooLarge) return { problem: tooLarge };
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    return { problem: readErrorPhrase(err) };
  }
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) return { problem: `not a regular file: ${kindOf(opened)}` };
    // Read in chunks until end of file or one byte past the limit: bounded even when the stat size
    // understated the content (files in /proc report 0).
    const chunks: Buffer[] = [];
    let length = 0;
    while (length <= maxBytes) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1 - length));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
    }
    if (length > maxBytes) return { problem: `file too large (more than ${maxBytes} bytes)` };
    return { bytes: new Uint8Array(Buffer.concat(chunks, length)) };
  } catch (err) {
    return { problem: readErrorPhrase(err) };
  } finally {
    await handle.close();
  }
}

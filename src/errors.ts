/**
 * A mistake in how reesim was called or in what it was pointed at (unknown flag, missing file or
 * folder, shards that do not belong together): exit code 2, a plain message, no stack trace.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * The output location cannot be written, or holds something reesim must not replace (a file, a
 * symbolic link, a folder it did not write): the user's machine, not a bug. Exit code 2, one line, and
 * nothing written.
 */
export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputError';
  }
}

/** System error codes that describe the user's machine (permissions, full disks, paths), not a bug. */
const ENVIRONMENT_CODES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error (a failing disk?)',
  EEXIST: 'a file is in the way',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'too many levels of symbolic links',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  EBUSY: 'the file or folder is in use',
  ETXTBSY: 'the file is in use',
};

/** A short phrase for a system error caused by the environment (`EACCES` → "permission denied"), or null. */
export function environmentProblem(err: unknown): string | null {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ENVIRONMENT_CODES, code) ? `${ENVIRONMENT_CODES[code]} (${code})` : null;
}

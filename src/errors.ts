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

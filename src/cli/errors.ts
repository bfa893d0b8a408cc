/** Re-exported for the commands: see src/errors.ts. */
export { OutputError, UsageError } from '../errors.js';

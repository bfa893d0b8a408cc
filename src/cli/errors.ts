/** Re-exported for the commands: see src/errors.ts. */
export { UsageError } from '../errors.js';

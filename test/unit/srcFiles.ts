/** The TypeScript files under src/, for tests that read the source itself. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const SRC = new URL('../../src', import.meta.url).pathname;

/** Every `.ts` file below `dir` (default src/), recursively. */
export function srcFiles(dir = SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? srcFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

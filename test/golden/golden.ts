/** Shared by the golden tests: run the CLI, and compare a fresh result folder with its committed copy. */
import { expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname;

/** Runs `reesim <args>` from the repository root. */
export function reesim(args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, 'bin/reesim.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
}

/** The library's scenario files (scenarios/*.yaml with `extends`: worlds are building blocks), in name order. */
export function libraryFiles(): string[] {
  return readdirSync(join(ROOT, 'scenarios'))
    .filter((f) => f.endsWith('.yaml') && /^extends\s*:/m.test(readFileSync(join(ROOT, 'scenarios', f), 'utf8')))
    .sort()
    .map((f) => join('scenarios', f));
}

/** Compares every file of a fresh result folder with its committed copy. */
export function expectSameAsCommitted(out: string, name: string): void {
  const committed = join(ROOT, 'results', name);
  expect(existsSync(committed), `results/${name} is not committed: regenerate the results and commit them`).toBe(true);
  expect(readdirSync(committed).sort(), `results/${name}: files`).toEqual(readdirSync(join(out, name)).sort());
  for (const file of readdirSync(join(out, name)).sort()) {
    const fresh = readFileSync(join(out, name, file), 'utf8');
    const kept = readFileSync(join(committed, file), 'utf8');
    if (file === 'manifest.json') {
      // The command line differs (--out); everything else must match.
      const strip = (text: string) => ({ ...JSON.parse(text), command: undefined });
      expect(strip(fresh), `results/${name}/${file}`).toEqual(strip(kept));
    } else {
      expect(fresh === kept, `results/${name}/${file} differs from what the code gives: regenerate and commit`).toBe(true);
    }
  }
}

/** Reruns half of the library (0: the first half by name, 1: the second) and compares it with results/. */
export function expectLibraryHalf(out: string, half: 0 | 1): void {
  const files = libraryFiles();
  const mid = Math.ceil(files.length / 2);
  const mine = half === 0 ? files.slice(0, mid) : files.slice(mid);
  const res = reesim(['run', ...mine, '--check', '--quiet', '--out', out]);
  expect(res.stderr).toBe('');
  expect(res.status).toBe(0);
  const names = readdirSync(out).sort();
  expect(names.length).toBe(mine.length);
  for (const name of names) expectSameAsCommitted(out, name);
}

/**
 * One owner of time and randomness: nothing in src/ reads the clock or an unseeded random source (draws
 * come from the loader's seeded streams; the only timing is the CLI's progress message, via performance).
 */
import { expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SRC = new URL('../../src', import.meta.url).pathname;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

it('src/ never calls Math.random(), Date.now() or new Date()', () => {
  const offenders = files(SRC).filter((file) => /Math\.random\(|Date\.now\(|new Date\(/.test(readFileSync(file, 'utf8')));
  expect(offenders).toEqual([]);
});

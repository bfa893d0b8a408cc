/**
 * One owner of time and randomness: nothing in src/ reads the clock or an unseeded random source (draws
 * come from the loader's seeded streams; the only timing is the CLI's progress message, via performance).
 */
import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { srcFiles } from './srcFiles.js';

it('src/ never calls Math.random(), Date.now() or new Date()', () => {
  const offenders = srcFiles().filter((file) => /Math\.random\(|Date\.now\(|new Date\(/.test(readFileSync(file, 'utf8')));
  expect(offenders).toEqual([]);
});

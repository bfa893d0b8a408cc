/**
 * The README's examples are the ones the suite runs: the property-test example is the test file it
 * names, character for character; the library example's files are marked for the pack test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

it('shows test files that the suite runs exactly as they are', () => {
  const shown = [...README.matchAll(/<!-- the suite runs this file: (\S+) -->\n```\w*\n([\s\S]*?)```/g)];
  expect(shown.map((m) => m[1])).toEqual(['test/package/own-scenario.properties.test.ts']);
  for (const [, file, text] of shown) expect(text, `README block of ${file}`).toBe(readFileSync(join(ROOT, file), 'utf8'));
});

it('marks the library example files that test/package/pack.test.ts runs in an empty project', () => {
  const files = [...README.matchAll(/<!-- example file: (\S+) -->\n```(\w*)\n/g)].map((m) => [m[1], m[2]]);
  expect(files).toEqual([['scenarios/dy-ban.yaml', 'yaml'], ['study.mjs', 'js'], ['test/dy-ban.test.mjs', 'js']]);
});

/**
 * The module graph of src/ has no cycles (value imports; `import type` is erased): a cycle makes load
 * order matter and drags modules where they do not belong (a worker thread loading the output writers).
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { SRC, srcFiles } from './srcFiles.js';

it('src/ has no import cycles', () => {
  const files = srcFiles();
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const deps: string[] = [];
    for (const m of text.matchAll(/^(import|export)\s+(?!type\s)[^'"]*?from\s+'(\.[^']+)'/gm)) deps.push(resolve(dirname(f), m[2].replace(/\.js$/, '.ts')));
    for (const m of text.matchAll(/import\('(\.[^']+)'\)/g)) deps.push(resolve(dirname(f), m[1].replace(/\.js$/, '.ts')));
    graph.set(f, deps.filter((d) => graph.has(d) || files.includes(d)));
  }
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (f: string): void => {
    state.set(f, 'open');
    path.push(f);
    for (const d of graph.get(f) ?? []) {
      if (state.get(d) === 'open') cycles.push([...path.slice(path.indexOf(d)), d].map((p) => relative(SRC, p)).join(' → '));
      else if (!state.has(d)) visit(d);
    }
    path.pop();
    state.set(f, 'done');
  };
  for (const f of files) if (!state.has(f)) visit(f);
  expect(cycles).toEqual([]);
});

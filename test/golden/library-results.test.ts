/**
 * The committed results of the scenario library (results/<name>/) are what the code gives: every shipped
 * scenario is rerun (central draw, as `npm start` does) and each file must match byte for byte. When a
 * change to the model or the world is intended, regenerate them with `npm start` and commit the diff.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;

describe('committed library results', () => {
  it('are reproduced byte for byte by the current code', () => {
    const out = mkdtempSync(join(tmpdir(), 'reesim-golden-'));
    const res = spawnSync(process.execPath, [join(ROOT, 'bin/reesim.js'), 'run', 'scenarios', '--quiet', '--out', out], { cwd: ROOT, encoding: 'utf8' });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const names = readdirSync(out).sort();
    expect(names.length).toBeGreaterThanOrEqual(8);
    for (const name of names) {
      const committed = join(ROOT, 'results', name);
      expect(existsSync(committed), `results/${name} is not committed: run npm start and commit it`).toBe(true);
      for (const file of readdirSync(join(out, name)).sort()) {
        const fresh = readFileSync(join(out, name, file), 'utf8');
        const kept = readFileSync(join(committed, file), 'utf8');
        if (file === 'manifest.json') {
          // The command line differs (--out); everything else must match.
          const strip = (text: string) => ({ ...JSON.parse(text), command: undefined });
          expect(strip(fresh), `results/${name}/${file}`).toEqual(strip(kept));
        } else {
          expect(fresh === kept, `results/${name}/${file} differs from what the code gives: run npm start`).toBe(true);
        }
      }
    }
  });
});

/**
 * The committed results (results/) are what the code gives: every shipped scenario is rerun (central
 * draw, as `npm start` does), and so are the calibration and the backtests of 2010–11 and of 2025; each
 * file must match byte for byte. When a change to the model or the world is intended, regenerate them with
 * `npm start && npx reesim calibrate && npx reesim backtest && npx reesim backtest scenarios/calibration/history-2025.yaml`
 * and commit the diff.
 *
 * The reruns use `--check`, so every shipped scenario — both worlds included, through the calibration
 * (world-2024) and the backtest (world-2009) — also passes every period's balance and equilibrium
 * conditions and the independent oracle of policy limits.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;

function reesim(args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, 'bin/reesim.js'), ...args], { cwd: ROOT, encoding: 'utf8' });
}

/** Compares every file of a fresh result folder with its committed copy. */
function expectSameAsCommitted(out: string, name: string): void {
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

describe('committed results', () => {
  it('of the scenario library are reproduced byte for byte by the current code', () => {
    const out = mkdtempSync(join(tmpdir(), 'reesim-golden-'));
    const res = reesim(['run', 'scenarios', '--check', '--quiet', '--out', out]);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    const names = readdirSync(out).sort();
    expect(names.length).toBeGreaterThanOrEqual(8);
    for (const name of names) expectSameAsCommitted(out, name);
  });

  it('of the calibration and the 2010–11 and 2025 backtests are reproduced byte for byte', () => {
    const out = mkdtempSync(join(tmpdir(), 'reesim-golden-'));
    expect(reesim(['calibrate', '--check', '--quiet', '--out', out]).status).toBe(0);
    expect(reesim(['backtest', '--check', '--quiet', '--out', out]).status).toBe(0);
    const replay2025 = reesim(['backtest', 'scenarios/calibration/history-2025.yaml', '--check', '--quiet', '--out', out]);
    expect(replay2025.stderr).toBe('');
    expect(replay2025.status).toBe(0);
    expectSameAsCommitted(out, 'calibration-2024');
    expectSameAsCommitted(out, 'backtest-world-2009');
    expectSameAsCommitted(out, 'backtest-replay-2025');
  });
});

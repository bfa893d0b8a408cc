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
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectLibraryHalf, expectSameAsCommitted, reesim } from './golden.js';

// The library is split over two test files (this one and library-second-half.test.ts) so that vitest
// runs the halves on both cores.
describe('committed results', () => {
  it('of the first half of the scenario library are reproduced byte for byte by the current code', () => {
    expectLibraryHalf(mkdtempSync(join(tmpdir(), 'reesim-golden-')), 0);
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

/**
 * The 2024 world reproduces 2024 (docs/spec/model.md §7): every checked target of
 * scenarios/calibration/targets-2024.yaml is within its stated tolerance.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSolvers } from '../../src/engine/index.js';
import { runCalibration } from '../../src/calibrate/run.js';

const TARGETS = new URL('../../scenarios/calibration/targets-2024.yaml', import.meta.url).pathname;

describe('world-2024 calibration', () => {
  it('meets every checked target within tolerance', async () => {
    const { results } = await runCalibration(TARGETS, await loadSolvers(), mkdtempSync(join(tmpdir(), 'reesim-cal-')));
    const misses = results.filter((r) => r.target.check && !r.ok).map((r) => `${r.target.id}: model ${r.model} vs ${r.target.value} ${r.target.unit}`);
    expect(misses).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(15);
  });
});

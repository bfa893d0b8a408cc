// Evaluating expectations on per-draw summaries: the statistic, the rounding summary.csv applies, the
// worst draw of `every`, and values that do not exist (which fail, with the reason); recorded in the
// manifest of a run, and evaluated by merge for shards.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSolvers } from '../../src/engine/index.js';
import { SUMMARY_MEASURES } from '../../src/output/tables.js';
import type { Expectation } from '../../src/scenario/expectations.js';
import { evaluateExpectations, formatExpectationResult } from '../../src/study/expectations.js';
import { mergeShards } from '../../src/study/merge.js';
import { runScenarioFile } from '../../src/study/runScenario.js';

const ids = { regions: [{ id: 'A' }, { id: 'B' }], products: [{ id: 'X' }] };
const M = SUMMARY_MEASURES.length;
const SHORT = SUMMARY_MEASURES.findIndex((m) => m.name === 'cumulative_shortage_t');
const CHANGE = SUMMARY_MEASURES.findIndex((m) => m.name === 'max_price_change_pct');

/** Summaries of one draw: region A active with the given shortage and price change; region B inactive. */
function draw(shortage: number, change = 5): Float64Array {
  const s = new Float64Array(2 * M).fill(Number.NaN);
  for (let m = 0; m < M; m++) s[m] = 0;
  s[SHORT] = shortage;
  s[CHANGE] = change;
  return s;
}

const base: Expectation = { location: 'x.yaml:3:5', region: 'A', product: 'X', measure: 'cumulative_shortage_t', statistic: 'central', min: null, max: 100, unit: 't' };

describe('evaluateExpectations', () => {
  it('compares the central draw, rounded as summary.csv writes it', () => {
    const [atBound, above] = evaluateExpectations([base, { ...base, max: 99.9994 }], ids, [draw(100.0004)]);
    expect(atBound).toMatchObject({ value: 100, holds: true, note: null, draws: 1 });
    expect(above).toMatchObject({ value: 100, holds: false });
  });

  it('takes mean and quantiles over the random draws only, as in summary.csv', () => {
    const summaries = [draw(1000), draw(10), draw(20), draw(30), draw(40)];
    const [mean, p50, p95, central] = evaluateExpectations(
      [{ ...base, statistic: 'mean' }, { ...base, statistic: 'p50' }, { ...base, statistic: 'p95' }, { ...base, statistic: 'central' }],
      ids, summaries,
    );
    expect(mean).toMatchObject({ value: 25, holds: true });
    expect(p50).toMatchObject({ value: 25, holds: true });
    expect(p95.value).toBeCloseTo(38.5, 9);
    expect(central).toMatchObject({ value: 1000, holds: false });
  });

  it('`every` fails on the worst draw and names it; when all hold it reports the one nearest a bound', () => {
    const summaries = [draw(50), draw(120), draw(20), draw(180), draw(90)];
    expect(evaluateExpectations([{ ...base, statistic: 'every' }], ids, summaries)[0]).toMatchObject({ value: 180, draw: 3, holds: false });
    expect(evaluateExpectations([{ ...base, statistic: 'every', max: 200, min: 10 }], ids, summaries)[0]).toMatchObject({ value: 20, draw: 2, holds: true });
  });

  it('fails, with the reason, when there is no value to compare', () => {
    const [inactive, single, undefinedChange] = evaluateExpectations(
      [{ ...base, region: 'B' }, { ...base, statistic: 'p95' }, { ...base, measure: 'max_price_change_pct', unit: '%', max: 10 }],
      ids, [draw(0, Number.NaN)],
    );
    expect(inactive).toMatchObject({ value: null, holds: false, note: expect.stringMatching(/B has no X row in summary\.csv/) });
    expect(single).toMatchObject({ value: null, holds: false, note: expect.stringMatching(/only the central draw/) });
    expect(undefinedChange).toMatchObject({ value: null, holds: false, note: expect.stringMatching(/max_price_change_pct is undefined/) });
  });

  it('formats one line with the outcome, location, value and bounds', () => {
    const results = evaluateExpectations([base, { ...base, statistic: 'every', measure: 'max_price_change_pct', unit: '%', min: 1, max: 4 }], ids, [draw(12.5), draw(3, 4.5)]);
    expect(results.map((r) => formatExpectationResult('s', r))).toEqual([
      'PASS x.yaml:3:5 s: A X cumulative_shortage_t (central) = 12.5 t, expected ≤ 100 t',
      'FAIL x.yaml:3:5 s: A X max_price_change_pct (every one of 2 draws) = 5% in draw 0, expected 1% … 4%',
    ]);
  });
});

describe('expectations in result folders', () => {
  it('a run records them in manifest.json; shards carry their definitions and merge evaluates them as one run', async () => {
    const solvers = await loadSolvers();
    const file = 'test/fixtures/check/pass/ban-mc.yaml';
    const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    const [one, shards, merged] = [1, 2, 3].map(() => mkdtempSync(join(tmpdir(), 'reesim-expect-')));
    const single = await runScenarioFile(file, solvers, { outDir: one, command: 'test' });
    expect(single.expectations.map((e) => e.holds)).toEqual([true, true, true]);
    expect(manifest(single.dir).expectations).toEqual(single.expectations);
    const parts = [];
    for (const index of [1, 2]) {
      const part = await runScenarioFile(file, solvers, { outDir: shards, command: 'test', shard: { index, count: 2 } });
      expect(part.expectations).toEqual([]);
      expect(manifest(part.dir).expectations[0]).not.toHaveProperty('holds');
      parts.push(part.dir);
    }
    const dir = await mergeShards(parts.reverse(), merged);
    expect(manifest(dir).expectations).toEqual(single.expectations);
  });
});

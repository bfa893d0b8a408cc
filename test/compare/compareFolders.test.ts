import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareFolders, defaultCompareOut } from '../../src/compare/compareFolders.js';
import { UsageError } from '../../src/cli/errors.js';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'results');
const A = join(FIX, 'licensing');
const B = join(FIX, 'licensing-tariff');
const MC = join(FIX, 'licensing-mc');

async function tmp(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'reesim-compare-'));
}

function parse(text: string): string[][] {
  return text.trimEnd().split('\n').map((l) => l.split(','));
}

describe('compareFolders', () => {
  it('writes compare.csv, compare_timeseries.csv and compare.txt', async () => {
    const out = join(await tmp(), 'cmp');
    const text = await compareFolders(A, B, out);
    expect((await readdir(out)).sort()).toEqual(['compare.csv', 'compare.txt', 'compare_timeseries.csv']);
    expect(await readFile(join(out, 'compare.txt'), 'utf8')).toBe(text);
    const rows = parse(await readFile(join(out, 'compare.csv'), 'utf8'));
    expect(rows[0].slice(0, 7)).toEqual([
      'statistic', 'region', 'product',
      'cumulative_shortage_t_a', 'cumulative_shortage_t_b', 'cumulative_shortage_t_diff', 'cumulative_shortage_t_diff_pct',
    ]);
    expect(rows[0]).toHaveLength(3 + 10 * 4);
    expect(rows.slice(1).map((r) => `${r[0]} ${r[1]} ${r[2]}`)).toEqual([
      'central CN oxide.Dy', 'central CN magnet', 'central US oxide.Dy', 'central US magnet',
      'central JP oxide.Dy', 'central JP magnet', 'central EU oxide.Dy', 'central EU magnet',
    ]);
  });

  it('compares Monte Carlo folders on central and p50 rows', async () => {
    const out = join(await tmp(), 'cmp');
    await compareFolders(MC, MC, out);
    const rows = parse(await readFile(join(out, 'compare.csv'), 'utf8'));
    expect(rows.slice(1).map((r) => r[0])).toEqual([...Array(8).fill('central'), ...Array(8).fill('p50')]);
    const diff = rows[0].indexOf('cumulative_shortage_t_diff');
    expect(new Set(rows.slice(1).map((r) => r[diff]))).toEqual(new Set(['0']));
  });

  it('compares a single run with a Monte Carlo run on central rows only', async () => {
    const out = join(await tmp(), 'cmp');
    await compareFolders(A, MC, out);
    const rows = parse(await readFile(join(out, 'compare.csv'), 'utf8'));
    expect(rows.slice(1).every((r) => r[0] === 'central')).toBe(true);
    // The Monte Carlo run's draw 0 has the same formulas as the single run: no difference anywhere.
    const ts = parse(await readFile(join(out, 'compare_timeseries.csv'), 'utf8'));
    expect(ts[0]).toEqual(['period', 'region', 'product', 'measure', 'a', 'b', 'diff']);
    expect(new Set(ts.slice(1).map((r) => r[6]))).toEqual(new Set(['0']));
    expect(ts).toHaveLength(1 + 18 * 8 * 4);
  });

  it('covers the union of both horizons, with empty cells where a run has no period', async () => {
    const out = join(await tmp(), 'cmp');
    await compareFolders(A, B, out);
    const ts = parse(await readFile(join(out, 'compare_timeseries.csv'), 'utf8'));
    expect(ts).toHaveLength(1 + 21 * 8 * 4);
    const late = ts.filter((r) => r[0] === '2026-09');
    expect(late).toHaveLength(32);
    expect(late.every((r) => r[4] === '' && r[5] !== '' && r[6] === '')).toBe(true);
    expect(ts[1]).toEqual(['2025-01', 'CN', 'oxide.Dy', 'price_usd_per_kg', '250', '250', '0']);
  });

  it('fails with a UsageError naming a missing folder or file', async () => {
    const out = join(await tmp(), 'cmp');
    await expect(compareFolders(join(FIX, 'nope'), B, out)).rejects.toThrow(UsageError);
    await expect(compareFolders(join(FIX, 'nope'), B, out)).rejects.toThrow(/no result folder at .*nope/);
    const empty = await tmp();
    await expect(compareFolders(A, empty, out)).rejects.toThrow(/summary\.csv is missing/);
  });

  it('refuses to write over a compared folder', async () => {
    await expect(compareFolders(A, B, A)).rejects.toThrow(/would replace/);
  });
});

describe('defaultCompareOut', () => {
  it('puts compare-<a>-vs-<b> beside folder a', () => {
    expect(defaultCompareOut('/r/results/x/', '/r/results/y')).toBe('/r/results/compare-x-vs-y');
  });
});

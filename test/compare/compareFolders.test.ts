import { describe, expect, it } from 'vitest';
import { cp, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
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

  it('sets who pays side by side when both folders have welfare.csv: what b is worth against a, and to whom', async () => {
    const dir = await tmp();
    const welfare = (us: number[], cn: number[]) => [
      'draw,period,region,term,welfare_usd,baseline_welfare_usd,change_usd,cumulative_change_usd',
      ...us.map((c, t) => `0,2025-0${t + 1},US,consumers,0,0,${c},0`),
      ...cn.map((c, t) => `0,2025-0${t + 1},CN,rents,0,0,${c},0`),
      '1,2025-01,US,consumers,0,0,-999999999,0', // another draw: not the central run
    ].join('\n') + '\n';
    await cp(A, join(dir, 'a'), { recursive: true });
    await cp(B, join(dir, 'b'), { recursive: true });
    await writeFile(join(dir, 'a', 'welfare.csv'), welfare([-2e9, -1e9], [5e8, 5e8]));
    await writeFile(join(dir, 'b', 'welfare.csv'), welfare([-5e8, -5e8], [1e8, 0]));
    const out = join(dir, 'cmp');
    const text = await compareFolders(join(dir, 'a'), join(dir, 'b'), out);
    expect(parse(await readFile(join(out, 'compare_welfare.csv'), 'utf8'))).toEqual([
      ['region', 'term', 'a_usd', 'b_usd', 'b_minus_a_usd'],
      ['US', 'consumers', '-3000000000', '-1000000000', '2000000000'],
      ['CN', 'rents', '1000000000', '100000000', '-900000000'],
    ]);
    expect(text).toContain('Largest differences in who pays');
    expect(text).toMatch(/US\s+consumers\s+−3\.00 bn USD\s+−1\.00 bn USD\s+\+2\.00 bn USD\n\s+CN\s+rents\s+\+1\.00 bn USD\s+\+100 M USD\s+−900 M USD/);
    // Without welfare.csv in one folder: no compare_welfare.csv, and compare.txt says why.
    const plain = await compareFolders(A, join(dir, 'b'), join(dir, 'cmp2'));
    expect(await readdir(join(dir, 'cmp2'))).not.toContain('compare_welfare.csv');
    expect(plain).toMatch(/welfare\.csv is missing in one of the folders/);
  });
});

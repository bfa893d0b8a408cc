import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { columnIndex, numberAt, readCsvTable } from '../../src/report/results/csvTable.js';
import { UsageError } from '../../src/cli/errors.js';

async function csv(text: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'reesim-csv-')), 't.csv');
  await writeFile(file, text);
  return file;
}

describe('readCsvTable', () => {
  it('reads a header, quoted cells, a BOM and CRLF line ends', async () => {
    const t = await readCsvTable(await csv('\uFEFFa,b\r\n"x, y",1\r\n\r\nz,""\r\n'));
    expect(t.columns).toEqual(['a', 'b']);
    expect(t.rows).toEqual([['x, y', '1'], ['z', '']]);
    expect(numberAt(t, 0, 1)).toBe(1);
    expect(numberAt(t, 1, 1)).toBeNull();
  });
  it('filters rows while parsing and remembers their lines', async () => {
    const t = await readCsvTable(await csv('draw,v\n0,1\n1,2\n0,3\n'), (cells, col) => cells[col('draw')] === '0');
    expect(t.rows.map((r) => r[1])).toEqual(['1', '3']);
    expect(t.lines).toEqual([2, 4]);
  });
  it('reports bad numbers, missing columns and broken files as UsageErrors with the place', async () => {
    const file = await csv('a,b\n1,x\n');
    const t = await readCsvTable(file);
    expect(() => numberAt(t, 0, 1)).toThrow(`${file}:2: column "b": expected a number, got "x"`);
    expect(() => columnIndex(t, 'c')).toThrow(/no column "c" \(columns: a, b\)/);
    await expect(readCsvTable(await csv('a,b\n1,2,3\n'))).rejects.toThrow(UsageError);
    await expect(readCsvTable(await csv(''))).rejects.toThrow(/empty file/);
    expect(() => numberAt({ ...t, rows: [['1', 'Infinity']] }, 0, 1)).toThrow(UsageError);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yargs from 'yargs';
import { compareCommand } from '../../src/cli/commands/compare.js';
import { reportCommand } from '../../src/cli/commands/report.js';
import { UsageError } from '../../src/cli/errors.js';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'results');

/** Parses argv with one command, as src/cli/main.ts would (strict, errors thrown). */
async function run(command: typeof compareCommand | typeof reportCommand, argv: string[]): Promise<string> {
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await yargs(argv).command(command as any).strict().exitProcess(false).fail((msg, err) => { throw err ?? new UsageError(msg); }).parseAsync();
    return write.mock.calls.map((c) => String(c[0])).join('');
  } finally {
    write.mockRestore();
  }
}

describe('reesim compare', () => {
  it('writes the comparison and prints the summary', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'reesim-cmd-')), 'c');
    const printed = await run(compareCommand, ['compare', join(FIX, 'licensing'), join(FIX, 'licensing-tariff'), '--out', out]);
    expect(printed).toMatch(/^Comparing licensing \(a\) with licensing-tariff \(b\)/);
    expect(printed).toContain(`Written to ${out}/`);
    expect((await readdir(out)).sort()).toEqual(['compare.csv', 'compare.txt', 'compare_timeseries.csv']);
  });
  it('fails with a UsageError for a missing folder', async () => {
    await expect(run(compareCommand, ['compare', join(FIX, 'missing'), join(FIX, 'licensing'), '--out', join(tmpdir(), 'x')])).rejects.toThrow(UsageError);
  });
});

describe('reesim report', () => {
  it('writes report.html where --out says', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'reesim-cmd-')), 'r.html');
    const printed = await run(reportCommand, ['report', join(FIX, 'licensing'), '--out', out]);
    expect(printed).toMatch(/r\.html \(\d+ KiB\)\n$/);
  });
});

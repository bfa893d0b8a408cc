// The command line in-process (src/cli/main.ts): numeric flags are bounded like the file fields they
// override, the limits are in --help, and output locations reesim must not touch are refused with exit 2.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, reportError } from '../../src/cli/main.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const SCENARIO = join(FIXTURES, 'scenario.yaml');

/** Runs the CLI in this process; returns the exit code and what went to stdout and stderr. */
async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined); // yargs prints --help with console.log
  try {
    const code = await main(argv);
    const printed = [...out.mock.calls, ...log.mock.calls].map((c) => String(c[0])).join('');
    return { code, out: printed, err: err.mock.calls.map((c) => String(c[0])).join('') };
  } finally {
    out.mockRestore();
    err.mockRestore();
    log.mockRestore();
  }
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('numeric flags', () => {
  it.each([
    [['run', SCENARIO, '--draws', '1000000000'], '--draws: 1000000000 is above the limit of 100000'],
    [['run', SCENARIO, '--draws', '1e300'], '--draws: 1e+300 is above the limit of 100000'],
    [['run', SCENARIO, '--draws', '0'], '--draws: 0 is below the minimum of 1'],
    [['run', SCENARIO, '--draws', '2.5'], '--draws: expected a whole number between 1 and 100000, got 2.5'],
    [['run', SCENARIO, '--draws', 'many'], '--draws: expected a whole number between 1 and 100000, got NaN'],
    [['run', SCENARIO, '--workers', '100000', '--draws', '3'], '--workers: 100000 is above the limit of 64'],
    [['run', SCENARIO, '--workers', '0'], '--workers: 0 is below the minimum of 1'],
    [['run', SCENARIO, '--seed', '-1'], '--seed: -1 is below the minimum of 0'],
    [['run', SCENARIO, '--seed', '4294967296'], '--seed: 4294967296 is above the limit of 2147483647'],
    [['run', SCENARIO, '--shard', '1/99999999999'], '--shard expects i/n with 1 ≤ i ≤ n ≤ 100000 (e.g. 2/8), got "1/99999999999"'],
    [['run', SCENARIO, '--shard', '3/2'], '--shard expects i/n with 1 ≤ i ≤ n ≤ 100000 (e.g. 2/8), got "3/2"'],
    [['sweep', SCENARIO, '--set', 'market.tierRatio=1.01,1.02', '--seed', '1e300'], '--seed: 1e+300 is above the limit of 2147483647'],
    [['attribute', SCENARIO, '--seed', '0.5'], '--seed: expected a whole number between 0 and 2147483647, got 0.5'],
  ])('%j is refused: %s', async (argv, message) => {
    const res = await cli(argv);
    expect(res.code).toBe(2);
    expect(res.err.split('\n')[0]).toBe(`reesim: ${message}`);
  });

  it('refuses a sweep grid beyond the limit before loading anything', async () => {
    const values = Array.from({ length: 40 }, (_, i) => `${i}%`).join(',');
    const res = await cli(['sweep', SCENARIO, '--set', `policies.us-tariff.rate=${values}`, '--set', `dynamics.leakage.extraCost=${values}`]);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/^reesim: the grid has 1600 points, above the limit of 1000/);
  });

  it('shows the limits in --help', async () => {
    const help = (await cli(['run', '--help'])).out.replace(/\s+/g, ' ');
    for (const limit of ['draws (1…100000;', 'seed (0…2147483647)', '(1…64, never more than the draws', 'n ≤ 100000']) expect(help).toContain(limit);
    expect((await cli(['sweep', '--help'])).out.replace(/\s+/g, ' ')).toContain('at most 1000 grid points');
  });
});

describe('output locations', () => {
  it('compare --out refuses a folder of the user (such as the current folder)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reesim-cli-'));
    writeFileSync(join(dir, 'thesis.tex'), 'mine');
    const res = await cli(['compare', join(FIXTURES, 'results', 'licensing'), join(FIXTURES, 'results', 'licensing-tariff'), '--out', dir, '--quiet']);
    expect(res.code).toBe(2);
    expect(res.err).toBe(`reesim: ${dir} is a folder that reesim did not write (no manifest.json of reesim in it); reesim replaces only result folders it wrote: move it away or choose another --out\n`);
    expect(readdirSync(dir)).toEqual(['thesis.tex']);
  });

  it('a full disk is the machine\'s problem, not a bug (exit 2)', async () => {
    const res = await cli(['schema', '--write', '/dev/full']);
    expect(res.code).toBe(2);
    expect(res.err).toBe('reesim: cannot write /dev/full: no space left on the device (ENOSPC)\n');
  });

  it('any system error of the machine that reaches the top is exit 2, one line; other errors stay bugs (exit 1)', () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const denied = Object.assign(new Error('EACCES: permission denied, open \'x.csv\''), { code: 'EACCES', syscall: 'open', path: 'x.csv' });
      expect(reportError(denied)).toBe(2);
      expect(String(err.mock.calls.at(-1)?.[0])).toBe('reesim: cannot open x.csv: permission denied (EACCES)\n');
      const missing = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT', syscall: 'open', path: 'x.csv' });
      expect(reportError(missing)).toBe(1);
      expect(reportError(new TypeError('x is undefined'))).toBe(1);
    } finally {
      err.mockRestore();
    }
  });

  it('report --out refuses a folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reesim-cli-'));
    mkdirSync(join(dir, 'r.html'));
    const res = await cli(['report', join(FIXTURES, 'results', 'licensing'), '--out', join(dir, 'r.html'), '--quiet']);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/^reesim: .*r\.html is a folder; the report is written only to a new or a regular file/);
  });
});

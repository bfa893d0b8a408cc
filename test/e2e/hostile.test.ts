/**
 * Issue 13, end to end: hostile input and hostile machines through the real `reesim` binary. Every case
 * exits with 2 and one located single-line message per problem, quickly, without a stack trace, without
 * writing anything, and without deleting anything of the user's.
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;
const FIXTURES = join(ROOT, 'test/fixtures');
/** The fixture scenario, with its world referenced absolutely so the copy can live anywhere. */
const SCENARIO = readFileSync(join(FIXTURES, 'scenario.yaml'), 'utf8').replace('extends: world-3.yaml', `extends: ${join(FIXTURES, 'world-3.yaml')}`);

interface Result { code: number | null; stdout: string; stderr: string; ms: number }

function reesim(args: string[], cwd: string, options: SpawnSyncOptions = {}): Result {
  const t0 = performance.now();
  const res = spawnSync(process.execPath, [join(ROOT, 'bin/reesim.js'), ...args], {
    cwd, encoding: 'utf8', timeout: 30_000, ...options, env: { ...process.env, REESIM_DEBUG: '', ...options.env },
  });
  return { code: res.status, stdout: String(res.stdout), stderr: String(res.stderr), ms: performance.now() - t0 };
}

/** A fresh working folder holding the fixture scenario as `scenario.yaml`. */
function workdir(text = SCENARIO, name = 'scenario.yaml'): string {
  const dir = mkdtempSync(join(tmpdir(), 'reesim-hostile-'));
  writeFileSync(join(dir, name), text);
  return dir;
}

/** Exit 2, no stack, no internal error, each line one short message, quickly; returns the problem lines. */
function refused(res: Result, pattern: RegExp): string[] {
  expect(res.stderr).not.toMatch(/\n\s+at |internal error|this is a bug/i);
  expect(res.code, res.stderr).toBe(2);
  expect(res.ms).toBeLessThan(20_000);
  const lines = res.stderr.trim().split('\n').filter((l) => l !== "Run 'reesim --help' for usage.");
  for (const line of lines) expect(line.length).toBeLessThan(400);
  expect(lines.join('\n')).toMatch(pattern);
  return lines;
}

/** A list of ten aliases to the level below, `levels` deep. */
function aliasBomb(levels: number): string {
  const lines = ['name: bomb', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

describe('hostile scenario files', () => {
  it('refuses YAML alias bombs: deep ones by the library guard, wide ones by the value limit (lowered here)', () => {
    const dir = workdir(aliasBomb(9), 'bomb.yaml');
    expect(refused(reesim(['validate', 'bomb.yaml'], dir), /^bomb\.yaml:3:10: too many uses of aliases/)).toHaveLength(1);
    const wide = `name: wide\nbase: &b [${Array.from({ length: 40 }, (_, i) => i).join(', ')}]\ncopies: [${Array.from({ length: 40 }, () => '*b').join(', ')}]\n`;
    writeFileSync(join(dir, 'wide.yaml'), wide);
    refused(reesim(['validate', 'wide.yaml'], dir, { env: { REESIM_MAX_YAML_VALUES: '500' } }), /^wide\.yaml:\d+:\d+ copies\[\d+\]\[\d+\]: more than 500 values once aliases/);
  });

  it('reads only regular files of a sane size: /dev/zero, a FIFO', () => {
    const dir = workdir('name: x\nextends: /dev/zero\n', 'zero.yaml');
    const fifo = spawnSync('mkfifo', [join(dir, 'pipe.yaml')]).status === 0;
    writeFileSync(join(dir, 'fifo.yaml'), 'name: y\nextends: pipe.yaml\n');
    const lines = refused(reesim(['validate', 'zero.yaml', '/dev/zero', ...(fifo ? ['fifo.yaml'] : [])], dir), /^zero\.yaml:2:10 extends: not a regular file: a device: \/dev\/zero$/m);
    expect(lines).toContain('/dev/zero: not a regular file: a device');
    if (fifo) {
      expect(lines).toContain('fifo.yaml:2:10 extends: not a regular file: a named pipe (FIFO): pipe.yaml');
      // A folder of scenarios with a FIFO in it does not block either.
      refused(reesim(['run', '.', '--out', 'out'], dir), /not a regular file: a named pipe/);
      expect(existsSync(join(dir, 'out'))).toBe(false);
    }
  });

  it('quotes at most a short excerpt of a file that is not a scenario, and keeps a JSON error on one line', () => {
    const dir = workdir(`name: x\nextends: ${join(ROOT, 'package.json')}\n`, 'pkg.yaml');
    writeFileSync(join(dir, 'readme.yaml'), `name: x\nextends: ${join(ROOT, 'README.md')}\n`);
    writeFileSync(join(dir, 'bad.json'), '{"name": x,\n "extends": "world.yaml"\n}');
    const lines = refused(reesim(['validate', 'pkg.yaml', 'readme.yaml', 'bad.json'], dir), /package\.json:\d+:\d+ \w+: not a reesim world or scenario file: \d+ of its \d+ top-level fields are unknown/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/README\.md:\d+:\d+: malformed YAML/);
    expect(lines[2]).toBe("bad.json:1:10: malformed JSON: Unexpected token 'x'");
  });

  it('refuses a name too long to be a folder name before running (was ENAMETOOLONG)', () => {
    const dir = workdir(SCENARIO.replace('name: licensing', `name: ${'n'.repeat(245)}`));
    refused(reesim(['run', 'scenario.yaml', '--out', 'out'], dir), /^scenario\.yaml:2:7 name: expected a name of at most 100 characters/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('refuses a run over centuries at load time, not inside the solver', () => {
    const dir = workdir(`${SCENARIO}period: year\nstart: 1000\nend: 2199\n`);
    refused(reesim(['run', 'scenario.yaml', '--out', 'out'], dir), /^scenario\.yaml:\d+:8 start: expected a date in the years 1900 to 2200, got 1000$/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('refuses nonsense settings: a tier ratio of 1e308, a negative licence delay; draws: 1000000', () => {
    const dir = workdir(SCENARIO.replace('  products.oxide.Dy.price: 300 USD/kg', '  products.oxide.Dy.price: 300 USD/kg\n  market.tierRatio: 1e308')
      .replace('delay: 2 months', 'delay: "triangular(-1, 2, 3) months"'));
    writeFileSync(join(dir, 'draws.yaml'), SCENARIO.replace('draws: 10', 'draws: 1000000'));
    const lines = refused(reesim(['run', 'scenario.yaml', 'draws.yaml', '--out', 'out'], dir), /tierRatio: expected a value between 1\.005 and 1\.5, got 1e\+308/);
    expect(lines).toEqual([
      'scenario.yaml:14:21 set.market.tierRatio: expected a value between 1.005 and 1.5, got 1e+308',
      'scenario.yaml:23:12 policies[0].delay: expected a value ≥ 0, got "triangular(-1, 2, 3) months": its draws reach -1 months',
      'draws.yaml:6:8 draws: expected at most 100000 draws (the limit), got 1000000',
    ]);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('bounded command-line flags', () => {
  it('never starts more worker threads than draws (--workers 64 --draws 3 finishes)', () => {
    const dir = workdir();
    const res = reesim(['run', 'scenario.yaml', '--workers', '64', '--draws', '3', '--out', 'out', '--quiet'], dir);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(readdirSync(join(dir, 'out'))).toEqual(['licensing']);
  });
});

describe('the output folder belongs to the user', () => {
  it('reports an --out that is a file, under a file or not writable as the user\'s problem (exit 2), writing nothing', () => {
    const dir = workdir();
    writeFileSync(join(dir, 'afile'), 'mine');
    refused(reesim(['run', 'scenario.yaml', '--out', 'afile'], dir), /^reesim: cannot write afile\/licensing: afile is a file, not a folder$/);
    refused(reesim(['run', 'scenario.yaml', '--out', 'afile/sub'], dir), /^reesim: cannot write afile\/sub\/licensing: afile is a file, not a folder$/);
    // Not writable: a folder of another user (when the tests run as root, the child runs as nobody).
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'scenario.yaml'), 0o644);
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    if (!asNobody.uid) chmodSync(locked, 0o555);
    refused(reesim(['run', 'scenario.yaml', '--out', 'locked/out'], dir, asNobody), /^reesim: cannot write locked\/out\/licensing: no permission to write in locked$/);
    expect(readFileSync(join(dir, 'afile'), 'utf8')).toBe('mine');
    expect(readdirSync(locked)).toEqual([]);
  });

  it('never replaces a file, a symbolic link or a foreign folder at --out/<name>, but does replace its own results and cleans up after killed runs', async () => {
    const dir = workdir();
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'licensing'), 'my notes');
    refused(reesim(['run', 'scenario.yaml', '--draws', '1', '--out', 'out'], dir), /^reesim: out\/licensing is a file, not a result folder; reesim replaces only result folders it wrote/);
    expect(readFileSync(join(out, 'licensing'), 'utf8')).toBe('my notes');
    const mine = join(dir, 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'keep.txt'), 'mine');
    symlinkSync(mine, join(dir, 'out2'));
    mkdirSync(join(dir, 'out3'));
    symlinkSync(mine, join(dir, 'out3', 'licensing'));
    refused(reesim(['run', 'scenario.yaml', '--draws', '1', '--out', 'out3'], dir), /out3\/licensing is a symbolic link/);
    mkdirSync(join(dir, 'out4', 'licensing'), { recursive: true });
    writeFileSync(join(dir, 'out4', 'licensing', 'keep.txt'), 'mine');
    refused(reesim(['run', 'scenario.yaml', '--draws', '1', '--out', 'out4'], dir), /out4\/licensing is a folder that reesim did not write/);
    expect(readdirSync(mine)).toEqual(['keep.txt']);
    expect(readdirSync(join(dir, 'out4', 'licensing'))).toEqual(['keep.txt']);

    // A run killed with SIGKILL while writing leaves its hidden folder; the next run of the name removes it.
    const killed = spawn(process.execPath, [join(ROOT, 'bin/reesim.js'), 'run', 'scenario.yaml', '--draws', '200', '--workers', '1', '--out', 'out5', '--quiet'], { cwd: dir, stdio: 'ignore' });
    const hidden = await new Promise<string[]>((resolve, reject) => {
      const t0 = Date.now();
      const poll = setInterval(() => {
        const entries = existsSync(join(dir, 'out5')) ? readdirSync(join(dir, 'out5')).filter((e) => e.startsWith('.licensing.tmp-')) : [];
        if (entries.length > 0 || Date.now() - t0 > 20_000) {
          clearInterval(poll);
          if (entries.length > 0) resolve(entries);
          else reject(new Error('the run never started writing'));
        }
      }, 50);
    });
    killed.kill('SIGKILL');
    await new Promise((resolve) => killed.once('exit', resolve));
    expect(readdirSync(join(dir, 'out5'))).toEqual(hidden);
    const rerun = reesim(['run', 'scenario.yaml', '--draws', '1', '--out', 'out5', '--quiet'], dir);
    expect(rerun.stderr).toBe('');
    expect(rerun.code).toBe(0);
    expect(readdirSync(join(dir, 'out5'))).toEqual(['licensing']);
    // Its own result folder is replaced without complaint.
    expect(reesim(['run', 'scenario.yaml', '--draws', '1', '--out', 'out5', '--quiet'], dir).code).toBe(0);
    expect(lstatSync(join(dir, 'out5', 'licensing')).isDirectory()).toBe(true);
  });

  it('reesim merge checks the name in shard.json like a scenario name: nothing is written outside --out', () => {
    const dir = workdir();
    expect(reesim(['run', 'scenario.yaml', '--draws', '2', '--shard', '1/1', '--workers', '1', '--out', 'shards', '--quiet'], dir).code).toBe(0);
    const shard = join(dir, 'shards', 'licensing.shard-1-of-1');
    const info = JSON.parse(readFileSync(join(shard, 'shard.json'), 'utf8'));
    writeFileSync(join(shard, 'shard.json'), JSON.stringify({ ...info, name: '../../escaped-merge' }, null, 2));
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    refused(reesim(['merge', shard, '--out', join('a', 'b', 'merged')], dir), /shard\.json:2:11 name: expected a name of letters, digits, \., _ or -/);
    expect(readdirSync(join(dir, 'a'))).toEqual(['b']);
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual([]);
    writeFileSync(join(shard, 'shard.json'), JSON.stringify({ ...info, drawCount: 1e12 }, null, 2));
    refused(reesim(['merge', shard, '--out', 'merged'], dir), /shard\.json:\d+:\d+ drawCount: /);
    writeFileSync(join(shard, 'shard.json'), JSON.stringify(info, null, 2));
    writeFileSync(join(shard, 'records.bin'), 'truncated');
    refused(reesim(['merge', shard, '--out', 'merged'], dir), /records\.bin: 9 bytes, but its 2 draws take \d+; the shard folder is damaged/);
    expect(existsSync(join(dir, 'merged'))).toBe(false);
  });
});

describe('calibration and history files name what exists', () => {
  it('an unknown region, product or process in a target or a series is refused, located, before anything runs', () => {
    const dir = workdir();
    const world = join(FIXTURES, 'world-3.yaml');
    writeFileSync(join(dir, 'targets.yaml'), [
      `scenario: ${world}`,
      'year: 2024',
      'targets:',
      '  - {id: a, measure: exports, regions: [CN], products: [magnets], value: 1, unit: t/yr, tolerance: {relative: 0.1}, source: x}',
      '  - {id: b, measure: activity, regions: [CNN], processes: [sinter], value: 1, unit: t/yr, tolerance: {relative: 0.1}, source: x}',
    ].join('\n'));
    const lines = refused(reesim(['calibrate', 'targets.yaml', '--out', 'out'], dir), /targets\.yaml:4:\d+ targets\[0\]\.products\[0\]: unknown product "magnets"/);
    expect(lines.join('\n')).toMatch(/targets\.yaml:5:\d+ targets\[1\]\.regions\[0\]: unknown region "CNN"/);
    expect(lines.join('\n')).toMatch(/targets\.yaml:5:\d+ targets\[1\]\.processes\[0\]: unknown process "sinter"/);
    writeFileSync(join(dir, 'history.yaml'), [
      'title: t',
      `scenario: ${join(dir, 'scenario.yaml')}`,
      'series:',
      '  - {id: s, title: s, measure: exports, regions: [CN], products: ["scrap.*"], unit: t, source: x, points: [{date: 2025, value: 1}]}',
    ].join('\n'));
    refused(reesim(['backtest', 'history.yaml', '--out', 'out'], dir), /history\.yaml:4:\d+ series\[0\]\.products\[0\]: "scrap\.\*" matches no product/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

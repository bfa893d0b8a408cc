/**
 * End to end: the real `reesim` binary (bin/reesim.js → dist/, built by `npm test`) as a child process,
 * as a user runs it.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;
const FIXTURE = join(ROOT, 'test/fixtures/scenario.yaml');

function reesim(args: string[], cwd = ROOT) {
  const res = spawnSync(process.execPath, [join(ROOT, 'bin/reesim.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, REESIM_DEBUG: '' } });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'reesim-e2e-'));
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const filesOf = (dir: string) => readdirSync(dir).sort();

describe('reesim run', () => {
  it('writes the tidy tables and a manifest, and the same seed gives the same bytes', () => {
    const a = tmp();
    const b = tmp();
    const ra = reesim(['run', FIXTURE, '--draws', '1', '--out', a]);
    expect(ra.stderr).toBe('');
    expect(ra.code).toBe(0);
    expect(ra.stdout).toMatch(/licensing: 24 periods × 1 draw →/);
    expect(reesim(['run', FIXTURE, '--draws', '1', '--out', b, '--quiet']).code).toBe(0);
    const dirA = join(a, 'licensing');
    expect(filesOf(dirA)).toEqual(['flows.csv', 'manifest.json', 'periods.csv', 'summary.csv', 'timeseries.csv', 'welfare.csv']);
    for (const f of ['timeseries.csv', 'flows.csv', 'periods.csv', 'welfare.csv', 'summary.csv']) {
      const text = read(dirA, f);
      expect(text).toBe(read(join(b, 'licensing'), f));
      expect(text).not.toMatch(/NaN|Infinity|e[+-]\d/);
    }
    expect(read(dirA, 'periods.csv').split('\n')[0]).toBe('draw,run,period,fixed_point_iterations,converged,free_prices');
    const header = read(dirA, 'timeseries.csv').split('\n')[0];
    expect(header).toContain('price_usd_per_kg,baseline_price_usd_per_kg');
    const manifest = JSON.parse(read(dirA, 'manifest.json'));
    expect(manifest).toMatchObject({ name: 'licensing', seed: 7, draws: 1 });
    expect(manifest.scenarioHash).toMatch(/^[0-9a-f]{64}$/);
    // Leaves no temporary folders behind.
    expect(filesOf(a)).toEqual(['licensing']);
  });

  it('runs Monte Carlo draws identically on one or two workers, and shards merge to the same bytes', () => {
    const one = tmp();
    const two = tmp();
    const shards = tmp();
    const merged = tmp();
    expect(reesim(['run', FIXTURE, '--draws', '5', '--workers', '1', '--out', one, '--quiet']).code).toBe(0);
    expect(reesim(['run', FIXTURE, '--draws', '5', '--workers', '2', '--out', two, '--quiet']).code).toBe(0);
    expect(reesim(['run', FIXTURE, '--draws', '5', '--shard', '1/2', '--out', shards, '--quiet']).code).toBe(0);
    expect(reesim(['run', FIXTURE, '--draws', '5', '--shard', '2/2', '--out', shards, '--quiet']).code).toBe(0);
    const m = reesim(['merge', join(shards, 'licensing.shard-2-of-2'), join(shards, 'licensing.shard-1-of-2'), '--out', merged]);
    expect(m.stderr).toBe('');
    expect(m.code).toBe(0);
    const files = filesOf(join(one, 'licensing'));
    expect(files).toEqual(['draws.csv', 'flows.csv', 'manifest.json', 'periods.csv', 'sensitivity.csv', 'summary.csv', 'timeseries.csv', 'timeseries_quantiles.csv', 'welfare.csv']);
    for (const f of files) {
      if (f === 'manifest.json') continue;
      expect(read(join(two, 'licensing'), f), f).toBe(read(join(one, 'licensing'), f));
      expect(read(join(merged, 'licensing'), f), f).toBe(read(join(one, 'licensing'), f));
    }
    expect(read(join(one, 'licensing'), 'summary.csv').split('\n')[1]).toMatch(/^central,/);
  });

  it('says which periods did not converge: periods.csv and a warning on stderr naming them', () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'capped.yaml'),
      `name: capped\nextends: ${join(ROOT, 'test/fixtures/study/world.yaml')}\nend: 2025-03\nset: {market.maxFixedPointIterations: 1}\n` +
        // A floor far above the price: the first iterate's subsidy moves the price, and one iteration is all there is.
        'policies:\n  - {id: f, type: price_floor, region: CN, product: oxide.NdPr, price: 200 USD/kg, start: 2025-01}\n',
    );
    const r = reesim(['run', join(dir, 'capped.yaml'), '--out', dir, '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: .*capped\.yaml: central draw: the price fixed point did not reach its tolerance \(0\.000001\) in 1 period: 2025-01 \(scenario, 1 iterations\)/);
    const rows = read(join(dir, 'capped'), 'periods.csv').trim().split('\n').map((l) => l.split(',').slice(0, 5).join(','));
    expect(rows).toContain('0,scenario,2025-01,1,0');
    expect(rows.filter((l) => l !== '0,scenario,2025-01,1,0' && l.startsWith('0,')).every((l) => l.endsWith(',1'))).toBe(true);
  });

  it('draws the same inputs for draw k whether 3 or 6 draws run', () => {
    const small = tmp();
    const large = tmp();
    expect(reesim(['run', FIXTURE, '--draws', '3', '--out', small, '--quiet', '--workers', '1']).code).toBe(0);
    expect(reesim(['run', FIXTURE, '--draws', '6', '--out', large, '--quiet', '--workers', '1']).code).toBe(0);
    const rowsSmall = read(join(small, 'licensing'), 'draws.csv').trim().split('\n');
    const rowsLarge = read(join(large, 'licensing'), 'draws.csv').trim().split('\n');
    expect(rowsSmall).toHaveLength(4);
    expect(rowsLarge.slice(0, 4)).toEqual(rowsSmall);
  });
});

describe('bad input', () => {
  it('reports a located error, exits 2, prints no stack and writes nothing', () => {
    const dir = tmp();
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, readFileSync(FIXTURE, 'utf8').replace('extends: world-3.yaml', `extends: ${join(ROOT, 'test/fixtures/world-3.yaml')}`).replace('rate: "uniform(50%, 150%)"', 'rate: hundred'));
    const out = join(dir, 'results');
    const res = reesim(['run', bad, '--out', out]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/bad\.yaml:\d+:\d+ policies\[1\]\.rate: /);
    expect(res.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses two scenarios that would write the same folder, before running either', () => {
    const dir = tmp();
    const text = readFileSync(join(ROOT, 'test/fixtures/study/scenario.yaml'), 'utf8').replace('extends: world.yaml', `extends: ${join(ROOT, 'test/fixtures/study/world.yaml')}`);
    writeFileSync(join(dir, 'a.yaml'), text);
    writeFileSync(join(dir, 'b.yaml'), text);
    const res = reesim(['run', join(dir, 'a.yaml'), join(dir, 'b.yaml'), '--out', join(dir, 'out')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/both named "study"/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('rejects unknown flags and missing files with exit code 2', () => {
    const flag = reesim(['run', FIXTURE, '--draw', '3']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/Unknown argument/i);
    const missing = reesim(['run', 'no/such/file.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such file/);
  });

  it('validate reports every problem of a file at once', () => {
    const dir = tmp();
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: x\nextends: nowhere.yaml\nperiod: weekly\npolicy: []\n');
    const res = reesim(['validate', bad]);
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n').length).toBeGreaterThanOrEqual(2);
  });
});

describe('a shipped scenario', () => {
  it('runs from the command line with the equilibrium checks on', () => {
    const out = tmp();
    const res = reesim(['run', 'scenarios/cn-dy-tb-ban-us.yaml', '--out', out, '--check']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const summary = read(join(out, 'cn-dy-tb-ban-us'), 'summary.csv');
    expect(summary.split('\n')[0]).toMatch(/^draw,region,product,cumulative_shortage_t/);
  });
});

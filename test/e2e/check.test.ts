/**
 * `reesim check` end to end (the real binary as a child process): it passes and fails as documented —
 * exit 0, 3 when an expectation fails, 2 on bad input — with one located line per expectation, and writes
 * the result folders with the evaluated expectations in manifest.json. (Shards and merge: test/study.)
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;
const PASS = 'test/fixtures/check/pass';
const FAIL = 'test/fixtures/check/fail';

function reesim(args: string[], env: Record<string, string> = {}) {
  const res = spawnSync(process.execPath, [join(ROOT, 'bin/reesim.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, REESIM_DEBUG: '', GITHUB_ACTIONS: '', ...env } });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'reesim-check-'));
const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

describe('reesim check', () => {
  it('exits 0 when every expectation holds, one located line each, and writes results and the report', () => {
    const out = tmp();
    const res = reesim(['check', PASS, '--out', out, '--report', join(out, 'check.json'), '--workers', '1']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[0]).toMatch(/^PASS test\/fixtures\/check\/pass\/ban-mc\.yaml:9:5 check-ban-mc: US magnet cumulative_shortage_t \(p95 of 5 draws\) = [\d.]+ t, expected ≤ 5000 t$/);
    expect(lines[1]).toMatch(/^PASS test\/fixtures\/check\/pass\/ban-mc\.yaml:10:5 .* \(every one of 6 draws\) = [\d.]+% in draw \d, expected ≥ 1%$/);
    expect(lines[3]).toMatch(/^PASS test\/fixtures\/check\/pass\/ban\.yaml:10:5 check-ban: US magnet cumulative_shortage_t \(central\) = [\d.]+ t, expected ≤ 5000 t$/);
    expect(lines[6]).toBe('6 expectations in 2 scenarios: 6 passed, 0 failed');
    const report = JSON.parse(readFileSync(join(out, 'check.json'), 'utf8'));
    expect(report.summary).toBe(lines[6]);
    expect(report.scenarios.map((c: { name: string; expectations: unknown[] }) => [c.name, c.expectations.length])).toEqual([['check-ban-mc', 3], ['check-ban', 3]]);
    // The result folders are the ones `reesim run` writes, with the evaluated expectations in the manifest.
    const m = manifest(join(out, 'check-ban'));
    expect(m.expectations).toHaveLength(3);
    expect(m.expectations[0]).toMatchObject({ location: `${PASS}/ban.yaml:10:5`, region: 'US', product: 'magnet', measure: 'cumulative_shortage_t', statistic: 'central', max: 5000, unit: 't', holds: true });
    const summary = readFileSync(join(out, 'check-ban', 'summary.csv'), 'utf8').split('\n');
    const us = summary.find((l) => l.startsWith('0,US,magnet,'))!.split(',');
    expect(m.expectations[0].value).toBe(Number(us[3])); // the value checked is the one summary.csv shows
  });

  it('exits 3 when an expectation fails, printing failures (with annotations under GitHub Actions) and the reason a value is missing', () => {
    const out = tmp();
    // --quiet prints only the failures and the closing line; the report keeps every line.
    const res = reesim(['check', FAIL, '--out', out, '--report', join(out, 'check.txt'), '--quiet'], { GITHUB_ACTIONS: 'true' });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(3);
    expect(res.stdout.trim().split('\n').map((l) => l.slice(0, 4))).toEqual(['FAIL', '::er', 'FAIL', '::er', '3 ex']);
    expect(res.stdout).toContain('::error file=test/fixtures/check/fail/tight.yaml,line=7,col=5::FAIL ');
    const lines = readFileSync(join(out, 'check.txt'), 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^FAIL test\/fixtures\/check\/fail\/tight\.yaml:7:5 check-tight: US magnet max_price_change_pct \(central\) = [\d.]+%, expected ≤ 1%$/);
    expect(lines[1]).toMatch(/^PASS test\/fixtures\/check\/fail\/tight\.yaml:8:5 /);
    expect(lines[2]).toMatch(/^FAIL test\/fixtures\/check\/fail\/tight\.yaml:9:5 .*\(p95\): no value: p95 is over the random draws, and this run has only the central draw/);
    expect(lines.at(-1)).toBe('3 expectations in 1 scenario: 1 passed, 2 failed');
    expect(manifest(join(out, 'check-tight')).expectations.map((e: { holds: boolean }) => e.holds)).toEqual([false, true, false]);
  });

  it('exits 2 on bad input with a located error, running and writing nothing', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'bad.yaml'), [
      'name: bad',
      `extends: ${join(ROOT, 'test/fixtures/study/world.yaml')}`,
      'expect:',
      '  - {region: US, product: magnet, measure: max_price_chnage_pct, max: 5}',
      '  - {region: UK, product: magnet, measure: cumulative_shortage_t, max: 5 t}',
      '',
    ].join('\n'));
    const out = join(dir, 'results');
    const res = reesim(['check', join(dir, 'bad.yaml'), join(ROOT, PASS), '--out', out, '--report', join(dir, 'report.txt')]);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain(`${join(dir, 'bad.yaml')}:4:44 expect[0].measure: unknown measure "max_price_chnage_pct" (did you mean "max_price_change_pct"?)`);
    expect(res.stderr).toContain(`${join(dir, 'bad.yaml')}:5:14 expect[1].region: unknown region "UK"`);
    expect(res.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(dir, 'report.txt'))).toBe(false);
  });

  it('exits 2 when no scenario states expectations', () => {
    const res = reesim(['check', 'test/fixtures/study/scenario.yaml', '--out', tmp()]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/no scenario states expectations; add an `expect:` list/);
  });
});

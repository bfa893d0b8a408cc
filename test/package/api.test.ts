/**
 * The library API (`import … from 'reesim'`): load with an override, simulate in memory, run into a
 * result folder and read it back — the values agree with summary.csv — and importing it does nothing
 * until a function is called.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, readResults, runScenario, ScenarioError, simulate, type SummaryMeasure } from 'reesim';
import { syntheticWorld } from 'reesim/testing';
import { SUMMARY_MEASURES } from '../../src/output/tables.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const BAN = 'test/fixtures/check/pass/ban.yaml';
const us = <R extends { region: string; product: string }>(rows: readonly R[]) => rows.find((r) => r.region === 'US' && r.product === 'magnet')!;

describe('reesim (library API)', () => {
  it('loads a scenario with an override and simulates it in memory', async () => {
    const scenario = await loadScenario(BAN);
    const leaky = await loadScenario(BAN, { set: { 'policies.cn-magnet-ban.leakage': '100%' } });
    expect(leaky.loadOptions.set).toEqual({ 'policies.cn-magnet-ban.leakage': '100%' });
    const [strict, open] = [await simulate(scenario), await simulate(leaky)];
    expect(strict.model.timeline.labels).toEqual(['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06']);
    expect(us(strict.summary).cumulative_shortage_t).toBeGreaterThan(1);
    expect(us(open.summary).max_price_change_pct).toBeLessThan(us(strict.summary).max_price_change_pct!);
    expect((await simulate(scenario, { draw: 2 })).inputs.map((x) => x.path)).toEqual(['policies.cn-magnet-ban.leakage']);
    await expect(loadScenario(BAN, { set: { 'policies.cn-magnet-ban.rate': '1%' } })).rejects.toThrow(ScenarioError);
  });

  it('runs a scenario into a result folder that readResults reads back, expectations evaluated', async () => {
    const out = mkdtempSync(join(tmpdir(), 'reesim-api-'));
    const scenario = await loadScenario(BAN, { set: { 'policies.cn-magnet-ban.start': '2025-05' } });
    const done = await runScenario(scenario, { outDir: out });
    expect(done).toMatchObject({ name: 'check-ban', dir: join(out, 'check-ban'), periods: 6, draws: 1 });
    expect(done.expectations.map((e) => e.holds)).toEqual([true, true, true]);
    const results = await readResults(done.dir);
    expect(results.kind).toBe('single');
    expect(results.manifest).toMatchObject({ name: 'check-ban', command: `runScenario ${BAN}` });
    const row = us(results.summary);
    expect(row.statistic).toBe('central');
    const simulated = us((await simulate(scenario)).summary);
    for (const m of SUMMARY_MEASURES) expect(row[m.name as SummaryMeasure], m.name).toBeCloseTo(simulated[m.name as SummaryMeasure]!, 2);
    const csv = readFileSync(join(done.dir, 'summary.csv'), 'utf8').split('\n').find((l) => l.startsWith('0,US,magnet,'))!;
    expect(csv.split(',')[3]).toBe(String(row.cumulative_shortage_t));
  });

  it('runs Monte Carlo draws as the file says, into statistics rows', async () => {
    const done = await runScenario('test/fixtures/check/pass/ban-mc.yaml', { outDir: mkdtempSync(join(tmpdir(), 'reesim-api-')) });
    const results = await readResults(done.dir);
    expect(results.kind).toBe('monte-carlo');
    expect(results.summary.filter((r) => r.region === 'US' && r.product === 'magnet').map((r) => r.statistic)).toEqual(['central', 'mean', 'p5', 'p50', 'p95']);
    expect((results.manifest.expectations as { holds: boolean }[]).every((e) => e.holds)).toBe(true);
  });

  it('simulates an engine ModelInput (a synthetic world), with checks and without chosen policies', async () => {
    const world = syntheticWorld({ seed: 5, regions: 3, products: 2, periods: 4, scenarioPolicies: 2 });
    const sim = await simulate(world, { check: true });
    expect(sim.run.scenario).toHaveLength(4);
    const without = await simulate(world, { withoutPolicies: world.scenarioPolicies.map((p) => p.id) });
    expect(without.run.scenario).toEqual(without.run.baseline);
    await expect(simulate(world, { draw: 1 })).rejects.toThrow(/already one draw/);
    await expect(simulate(world, { withoutPolicies: ['nope'] })).rejects.toThrow(/"nope" is not a scenario policy/);
  });

  it('names every measure of summary.csv in its SummaryMeasure type', () => {
    const names: SummaryMeasure[] = [
      'cumulative_shortage_t', 'peak_shortage_t', 'months_short', 'cumulative_unmet_t', 'cumulative_consumption_change_t',
      'peak_price_usd_per_kg', 'mean_price_usd_per_kg', 'mean_baseline_price_usd_per_kg', 'max_price_change_pct', 'mean_price_change_pct',
    ];
    expect(names).toEqual(SUMMARY_MEASURES.map((m) => m.name));
  });
});

describe('importing reesim', () => {
  it('reads no file, loads no WebAssembly and leaves nothing running until a function is called', () => {
    // A child process records every fs call and WebAssembly compilation while the built entry points are
    // imported; the module loader's own reads of .js/.json files are not side effects of the package.
    const probe = `
      import fs from 'node:fs';
      import fsp from 'node:fs/promises';
      import { syncBuiltinESMExports } from 'node:module';
      const calls = [];
      const moduleFile = (a) => /\\.(m?js|cjs|json)$/.test(String(a?.href ?? a));
      for (const [name, mod] of [['fs', fs], ['fs/promises', fsp]]) {
        for (const k of Object.keys(mod)) {
          if (typeof mod[k] !== 'function' || !/^[a-z]/.test(k)) continue;
          const f = mod[k];
          mod[k] = function (...args) { if (!moduleFile(args[0])) calls.push(name + '.' + k + '(' + String(args[0]) + ')'); return f.apply(this, args); };
        }
      }
      syncBuiltinESMExports(); // named imports (import { readFile } from 'node:fs/promises') see the wrappers too
      for (const k of ['compile', 'instantiate', 'compileStreaming', 'instantiateStreaming']) {
        const f = WebAssembly[k];
        WebAssembly[k] = function (...args) { calls.push('WebAssembly.' + k); return f.apply(this, args); };
      }
      const before = process.getActiveResourcesInfo().filter((r) => r !== 'CloseReq');
      const api = await import('reesim');
      const testing = await import('reesim/testing');
      const after = process.getActiveResourcesInfo().filter((r) => r !== 'CloseReq');
      console.log(JSON.stringify({ calls, before, after, exports: [Object.keys(api).length, Object.keys(testing).length] }));
    `;
    const res = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: ROOT, encoding: 'utf8' });
    expect(res.stderr).toBe('');
    const report = JSON.parse(res.stdout);
    expect(report.calls).toEqual([]);
    expect(report.after).toEqual(report.before);
    expect(report.exports[0]).toBeGreaterThan(5);
    expect(report.exports[1]).toBeGreaterThan(5);
  });
});

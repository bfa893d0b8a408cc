/**
 * The package as a user gets it: `npm pack`, the tarball installed into an empty project (with fast-check,
 * the optional peer of reesim/testing), and there — with nothing of this repository on the path — the
 * README's library example runs unchanged, the types resolve, `reesim new` extends the shipped world
 * through node_modules, and `npx reesim check` passes and fails with its documented exit codes. A file
 * missing from `files` or a wrong `exports` entry fails here.
 *
 * This is the one test that needs the npm registry (dependencies are installed from it, `--prefer-offline`
 * uses the local cache first); it installs once per suite run and takes ~20–60 s.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const ENV = { ...process.env, REESIM_DEBUG: '', GITHUB_ACTIONS: '', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', env: ENV, timeout: 240_000 });
}

function ok(res: SpawnSyncReturns<string>, what: string): SpawnSyncReturns<string> {
  if (res.status !== 0) throw new Error(`${what} failed (exit ${res.status}):\n${res.stdout}\n${res.stderr}`);
  return res;
}

/** The README's example files: each fenced block preceded by `<!-- example file: path -->`. */
function readmeExamples(readme: string): { path: string; text: string }[] {
  return [...readme.matchAll(/<!-- example file: (\S+) -->\n```\w*\n([\s\S]*?)```/g)].map((m) => ({ path: m[1], text: m[2] }));
}

let project: string;
let packed: string[];

beforeAll(() => {
  // dist/ is what `npm test` has just built; packing without the `prepare` script does not rebuild it
  // under the feet of the other test files, which run the built CLI at the same time.
  if (!existsSync(join(ROOT, 'dist/src/index.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does) before this test');
  const work = mkdtempSync(join(tmpdir(), 'reesim-pack-'));
  const pack = ok(run(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], ROOT), 'npm pack');
  const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  packed = info.files.map((f) => f.path);
  project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'reesim-user', private: true, type: 'module' }, null, 2)}\n`);
  const fastCheck = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies['fast-check'];
  ok(run(NPM, ['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, info.filename), `fast-check@${fastCheck}`], project), 'npm install of the tarball');
}, 300_000);

describe('the packed tarball', () => {
  it('holds the entry points, their types, the CLI and the shipped scenarios, and nothing of the tests', () => {
    for (const file of ['bin/reesim.js', 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/testing/index.js', 'dist/src/testing/index.d.ts', 'dist/src/study/worker.js', 'scenarios/world-2024.yaml', 'scenarios/scenario.schema.json']) {
      expect(packed, file).toContain(file);
    }
    expect(packed.filter((f) => /^(test|src|bench|dist\/bench|dist\/test)\//.test(f))).toEqual([]);
  });

  it('runs the README library example unchanged in an empty project', () => {
    const examples = readmeExamples(readFileSync(join(ROOT, 'README.md'), 'utf8'));
    expect(examples.map((e) => e.path)).toEqual(['scenarios/dy-ban.yaml', 'study.mjs', 'test/dy-ban.test.mjs']);
    for (const { path, text } of examples) {
      mkdirSync(dirname(join(project, path)), { recursive: true });
      writeFileSync(join(project, path), text);
    }
    const res = ok(run(process.execPath, ['study.mjs'], project), 'node study.mjs');
    expect(res.stdout).toMatch(/^holds: US magnet\.hre cumulative_shortage_t = [\d.]+ t\nUS Dy\/Tb-grade magnets: [\d.]+ t short in total, price up to \+[\d.]+ %\n$/);
    expect(existsSync(join(project, 'results/dy-ban/summary.csv'))).toBe(true);
    // The schema line of the example points at the installed schema.
    expect(existsSync(join(project, 'scenarios', '../node_modules/reesim/scenarios/scenario.schema.json'))).toBe(true);
  });

  it('runs the README property test with node:test (reesim/testing needs no vitest)', () => {
    const res = run(process.execPath, ['--test', 'test/dy-ban.test.mjs'], project);
    expect(res.stderr).toBe('');
    expect(res.status, res.stdout).toBe(0);
    expect(res.stdout).toMatch(/# pass 1\n# fail 0\n/);
  });

  it('types the library and the testing entry point for TypeScript users', () => {
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: true, types: [] },
      files: ['typed.ts'],
    }));
    writeFileSync(join(project, 'typed.ts'), [
      "import fc from 'fast-check';",
      "import { loadScenario, simulate, type Simulation, type SummaryRow } from 'reesim';",
      "import { assertInvariants, loadVariant, syntheticWorldArbitrary, variantsOf } from 'reesim/testing';",
      "const scenario = await loadScenario('scenarios/dy-ban.yaml');",
      'const sim: Simulation = await simulate(scenario, { audit: true });',
      'assertInvariants(sim);',
      'const shortage: number | null = sim.summary[0].cumulative_shortage_t;',
      "const variants = variantsOf(scenario, { 'policies.cn-dy-ban.leakage': ['0%', '40%'] });",
      'await fc.assert(fc.asyncProperty(variants, async (v) => { await loadVariant(v); }), { numRuns: 1 });',
      'const worlds: fc.Arbitrary<unknown> = syntheticWorldArbitrary();',
      "const row = (rows: readonly SummaryRow[]) => rows.find((r) => r.statistic === 'p95');",
      '// @ts-expect-error: a measure that summary.csv does not have',
      'sim.summary[0].cumulative_shortage;',
      'export { shortage, worlds, row };',
      '',
    ].join('\n'));
    ok(run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.'], project), 'tsc in the user project');
  });

  it('starts a study with `reesim new`, extending the shipped world through node_modules', () => {
    ok(run(NPX, ['reesim', 'new', 'scenarios/mine'], project), 'npx reesim new');
    const text = readFileSync(join(project, 'scenarios/mine.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../node_modules/reesim/scenarios/scenario.schema.json');
    expect(text).toMatch(/^extends: reesim\/scenarios\/world-2024\.yaml$/m);
  });

  it('checks a tiny scenario with `npx reesim check`: exit 0 when its expectations hold, 3 when one fails', () => {
    mkdirSync(join(project, 'tiny'));
    copyFileSync(join(ROOT, 'test/fixtures/study/world.yaml'), join(project, 'tiny/world.yaml'));
    const scenario = (name: string, max: string) => [
      `name: ${name}`,
      'extends: world.yaml',
      'end: 2025-04',
      'policies:',
      '  - {id: ban, type: export_ban, from: CN, to: US, products: magnet, start: 2025-02}',
      'expect:',
      `  - {region: US, product: magnet, measure: cumulative_shortage_t, max: ${max}}`,
      '',
    ].join('\n');
    writeFileSync(join(project, 'tiny/holds.yaml'), scenario('tiny-holds', '100 kt'));
    const pass = run(NPX, ['reesim', 'check', 'tiny/', '--out', 'results'], project);
    expect(pass.stderr).toBe('');
    expect(pass.status).toBe(0);
    expect(pass.stdout).toMatch(/^PASS tiny\/holds\.yaml:7:5 tiny-holds: US magnet cumulative_shortage_t \(central\) = [\d.]+ t, expected ≤ 100000 t\n1 expectation in 1 scenario: 1 passed, 0 failed\n$/);
    writeFileSync(join(project, 'tiny/fails.yaml'), scenario('tiny-fails', '-1 t'));
    const fail = run(NPX, ['reesim', 'check', 'tiny/', '--out', 'results'], project);
    expect(fail.status).toBe(3);
    expect(fail.stdout).toMatch(/^FAIL tiny\/fails\.yaml:7:5 tiny-fails: /m);
    expect(JSON.parse(readFileSync(join(project, 'results/tiny-fails/manifest.json'), 'utf8')).expectations[0].holds).toBe(false);
  });
});

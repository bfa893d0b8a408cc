/**
 * `reesim new`: a commented scenario that extends the shipped world (by package path) or a given file,
 * valid as written and valid with every example uncommented; nothing written on bad input.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadScenario } from '../../src/scenario/index.js';
import { POLICY_TYPES } from '../../src/scenario/schema.js';

const ROOT = new URL('../..', import.meta.url).pathname;

/** Runs the CLI in this process; returns the exit code and what it printed. */
async function reesim(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  try {
    const code = await main(args);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = undefined;
  }
}

/** The file with its `policies:` and `expect:` examples uncommented. */
function uncommented(text: string): string {
  return text.replace(/^# (policies:|expect:)$/gm, '$1').replace(/^# {3}- /gm, '  - ');
}

afterEach(() => vi.restoreAllMocks());

describe('reesim new', () => {
  it('writes a valid scenario extending the shipped world by package path, with an example of each policy type', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reesim-new-'));
    const file = join(dir, 'my-study.yaml');
    const res = await reesim(['new', join(dir, 'my-study')]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(`wrote ${file} (extends reesim/scenarios/world-2024.yaml); edit it, then: npx reesim run ${file}\n`);
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=.*scenarios\/scenario\.schema\.json$/);
    expect(resolve(dir, text.split('\n')[0].split('$schema=')[1])).toBe(join(ROOT, 'scenarios/scenario.schema.json'));
    expect(text).toMatch(/^name: my-study$/m);
    expect(text).toMatch(/^extends: reesim\/scenarios\/world-2024\.yaml$/m);
    for (const type of POLICY_TYPES) expect(text, type).toMatch(new RegExp(`^# {3}- \\{id: [a-z-]+, type: ${type}, `, 'm'));
    const loaded = await loadScenario(file);
    expect(loaded.policies.filter((p) => p.scope === 'scenario')).toEqual([]);
    writeFileSync(file, uncommented(text));
    const full = await loadScenario(file);
    expect(full.policies.filter((p) => p.scope === 'scenario').map((p) => p.type)).toEqual(POLICY_TYPES);
    expect(full.expectations).toHaveLength(2);
    expect((await reesim(['validate', file])).stdout).toMatch(/^ok .*my-study\.yaml: my-study, 11 scenario policies, 1 draw, 2 expectations\n/);
  });

  it('--from a scenario extends it by relative path, with examples taken from its world', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reesim-new-'));
    const from = join(ROOT, 'test/fixtures/study/scenario.yaml');
    const res = await reesim(['new', join(dir, 'variant.yaml'), '--from', from]);
    expect(res.code).toBe(0);
    const text = readFileSync(join(dir, 'variant.yaml'), 'utf8');
    const extendsLine = /^extends: (.*)$/m.exec(text)![1];
    expect(resolve(dir, extendsLine)).toBe(from);
    writeFileSync(join(dir, 'variant.yaml'), uncommented(text));
    const full = await loadScenario(join(dir, 'variant.yaml'));
    expect(full.policies.filter((p) => p.scope === 'scenario').map((p) => p.id).slice(0, 3)).toEqual(['cn-dy-ban', 'us-tariff', 'jp-release']);
    expect(full.policies).toHaveLength(1 + 3 + POLICY_TYPES.length);
  });

  it('refuses to overwrite a file (unless --force), a missing --from, a bad name, and a broken base, writing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reesim-new-'));
    const file = join(dir, 'taken.yaml');
    writeFileSync(file, 'keep me\n');
    const world = join(ROOT, 'test/fixtures/world-3.yaml');
    const taken = await reesim(['new', file, '--from', world]);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain('taken.yaml exists: choose another name, or pass --force to replace it');
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
    expect((await reesim(['new', file, '--from', world, '--force'])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^name: taken$/m);

    expect((await reesim(['new', join(dir, 'a'), '--from', join(dir, 'nowhere.yaml')])).stderr).toContain('--from');
    expect((await reesim(['new', join(dir, 'bad name')])).stderr).toMatch(/"bad name" cannot name a scenario/);
    writeFileSync(join(dir, 'broken.yaml'), 'name: broken\nextends: world.yaml\n');
    const broken = await reesim(['new', join(dir, 'b'), '--from', join(dir, 'broken.yaml')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(`${join(dir, 'broken.yaml')}:2:10 extends: file not found`);
    for (const name of ['a.yaml', 'bad name.yaml', 'b.yaml']) expect(existsSync(join(dir, name)), name).toBe(false);
  });
});

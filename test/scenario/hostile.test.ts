// Hostile and absurd input to the loader (issue 13): every case is a located, single-line error, found
// quickly, never a hang, an exception or silent nonsense. The CLI side (exit codes, --out) is in
// test/e2e/hostile.test.ts.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { formatIssue, formatIssues, Issues, type Issue } from '../../src/scenario/issues.js';
import { MAX_ISSUES_SHOWN, SETTING_RANGES } from '../../src/scenario/limits.js';
import { readRegularFile } from '../../src/scenario/regularFile.js';
import { parseSource } from '../../src/scenario/source.js';
import { errors, load, scenario, writeFiles } from './helpers.js';

/** `levels` levels of a list of ten aliases to the level below: 10^levels values once expanded. */
function aliasBomb(levels: number): string {
  const lines = ['name: bomb', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

/** One wide anchored list used `uses` times: the library's alias metric stays small, the expansion does not. */
function wideAliases(width: number, uses: number): string {
  const items = Array.from({ length: width }, (_, i) => i).join(', ');
  return `name: wide\nbase: &b [${items}]\ncopies:\n${Array.from({ length: uses }, () => '  - *b').join('\n')}\n`;
}

function parse(text: string, maxValues?: number): { value: unknown; lines: string[] } {
  const issues = new Issues();
  const value = parseSource('x.yaml', new TextEncoder().encode(text), issues, { maxValues });
  let lines: string[] = [];
  try {
    issues.throwIfAny();
  } catch (e) {
    lines = (e as Error).message.split('\n');
  }
  return { value, lines };
}

const singleLine = (text: string): void => {
  for (const line of text.split('\n')) expect(line.length).toBeLessThan(400);
};

describe('YAML alias bombs', () => {
  it('refuses a deep alias bomb with the library guard, at the first alias, quickly', () => {
    const t0 = performance.now();
    const { value, lines } = parse(aliasBomb(9));
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(value).toBeUndefined();
    expect(lines).toEqual(['x.yaml:3:10: too many uses of aliases (*name), more than the limit of 1000: a YAML alias bomb? write the values out']);
  });

  it('refuses a wide expansion the library metric misses, with a value budget', () => {
    expect(parse(wideAliases(50, 50), 1_000).lines).toEqual([
      expect.stringMatching(/^x\.yaml:\d+:\d+ copies\[\d+\]\[\d+\]: more than 1000 values once aliases \(\*name\) are expanded: a YAML alias bomb\?/),
    ]);
    // The same document within the budget is read, aliases expanded.
    const { value } = parse(wideAliases(50, 50), 10_000);
    expect((value as { copies: number[][] }).copies[49][49]).toBe(49);
  });

  it('refuses a chain of merge keys (<<: *a) the same way', () => {
    const lines = ['name: merge', 'a0: &a0 {k: [x, x, x, x, x, x, x, x, x, x]}'];
    for (let i = 1; i <= 6; i++) lines.push(`a${i}: &a${i} {<<: *a${i - 1}, ${Array.from({ length: 10 }, (_, j) => `k${j}: *a${i - 1}`).join(', ')}}`);
    const res = parse(`${lines.join('\n')}\n`);
    expect(res.value).toBeUndefined();
    expect(res.lines).toHaveLength(1);
    expect(res.lines[0]).toMatch(/alias bomb/);
  });

  it('still reads ordinary anchors and aliases', async () => {
    const s = await load(scenario('set:\n  products.magnet.price: &p 70 USD/kg\n  products.oxide.Dy.price: *p\n'));
    expect((s.resolved as { set: Record<string, string> }).set['products.oxide.Dy.price']).toBe('70 USD/kg');
  });
});

describe('files that are not regular files of a sane size', () => {
  it('refuses extends: a device, a folder and a FIFO without reading them', async () => {
    expect(await errors({ 'scenario.yaml': 'name: x\nextends: /dev/zero\n' })).toBe('scenario.yaml:2:10 extends: not a regular file: a device: /dev/zero');
    const dir = writeFiles({});
    mkdirSync(path.join(dir, 'sub'));
    expect(await errors({ 'scenario.yaml': `name: x\nextends: ${path.join(dir, 'sub')}\n` })).toMatch(/^scenario\.yaml:2:10 extends: not a regular file: a folder: /);
    const fifo = path.join(dir, 'pipe.yaml');
    const made = spawnSync('mkfifo', [fifo]);
    if (made.status === 0) {
      const t0 = performance.now();
      expect(await errors({ 'scenario.yaml': `name: x\nextends: ${fifo}\n` })).toMatch(/^scenario\.yaml:2:10 extends: not a regular file: a named pipe \(FIFO\): /);
      expect(performance.now() - t0).toBeLessThan(5_000);
    }
  });

  it('reads at most the limit, even from a file whose size is unknown in advance', async () => {
    const dir = writeFiles({ 'big.yaml': 'x'.repeat(2000) });
    expect(await readRegularFile(path.join(dir, 'big.yaml'), 1000)).toEqual({ problem: 'file too large (2000 bytes; at most 1000)' });
    expect(await readRegularFile('/proc/self/status', 10)).toEqual({ problem: 'file too large (more than 10 bytes)' });
    expect(await readRegularFile(path.join(dir, 'none.yaml'), 1000)).toEqual({ problem: 'file not found' });
    const ok = await readRegularFile(path.join(dir, 'big.yaml'), 2000);
    expect('bytes' in ok && ok.bytes.length).toBe(2000);
  });
});

describe('files that are not YAML/JSON of the expected shape', () => {
  it('reports one message for a JSON file of another kind, quoting a short excerpt', async () => {
    const pkg = JSON.stringify({ name: 'pkg', version: '1.0.0', license: 'MIT', type: 'module', scripts: {}, dependencies: {}, devDependencies: {} }, null, 2);
    const text = await errors({ 'package.json': pkg, 'scenario.yaml': 'name: x\nextends: package.json\n' });
    expect(text).toBe('package.json:3:3 version: not a reesim world or scenario file: 6 of its 7 top-level fields are unknown ("version, license, type, scripts, dependencies, devDependencies"); expected fields such as name, title, description, extends, period, start');
  });

  it('reports only the first parser error of a text that is not YAML, with a short quotation', async () => {
    const lines = Array.from({ length: 200 }, (_, i) => `service${i}\t\t${i}/tcp\t\t${'alias'.repeat(30)}`);
    const text = await errors({ 'services': `# a system file\nx: 1\n${lines.join('\n')}\n`, 'scenario.yaml': 'name: x\nextends: services\n' });
    expect(text.split('\n')).toHaveLength(1);
    expect(text).toMatch(/^services:\d+:\d+: malformed YAML: /);
    expect(text.length).toBeLessThan(200);
  });

  it('puts a malformed JSON message on one line, at the parser position', async () => {
    expect(await errors({ 'scenario.json': '{"name": x,\n "extends": "world.yaml"}' }, 'scenario.json')).toBe("scenario.json:1:10: malformed JSON: Unexpected token 'x'");
    expect(await errors({ 'scenario.json': '{"name": "x",\n "extends": "world.yaml",\n "a": tru}' }, 'scenario.json')).toBe("scenario.json:3:7: malformed JSON: Unexpected token '}'");
  });

  it('keeps every problem on one line, whatever a key contains', async () => {
    const text = await errors(scenario('"evil\\nkey\\r\\u2028": 1\n'));
    expect(text).toBe('scenario.yaml:3:1 evil\\nkey\\r\\u2028: unknown field "evil\\nkey\\r\\u2028"');
    const issue: Issue = { file: 'a\nb.yaml', line: 1, col: 1, path: '', message: 'x\ny' };
    expect(formatIssue(issue)).toBe('a\\nb.yaml:1:1: x\\ny');
  });

  it('prints at most MAX_ISSUES_SHOWN problems and counts the rest', () => {
    const many = Array.from({ length: MAX_ISSUES_SHOWN + 5 }, (_, i): Issue => ({ file: 'f.yaml', line: i + 1, col: 1, path: '', message: 'bad' }));
    const lines = formatIssues(many).split('\n');
    expect(lines).toHaveLength(MAX_ISSUES_SHOWN + 1);
    expect(lines.at(-1)).toBe('... and 5 more problems (fix these first)');
  });
});

describe('values with a range', () => {
  it('refuses names that cannot be folder names, and names longer than 100 characters', async () => {
    expect(await errors(scenario('', 'a'.repeat(101)))).toBe(`scenario.yaml:1:7 name: expected a name of at most 100 characters, got "${'a'.repeat(77)}..."`);
    expect((await load(scenario('', 'a'.repeat(100)))).name).toHaveLength(100);
  });

  it('bounds the years of dates, so a run cannot span centuries', async () => {
    expect(await errors(scenario('period: year\nstart: 1000\nend: 2199\n'))).toBe('scenario.yaml:4:8 start: expected a date in the years 1900 to 2200, got 1000');
    expect(await errors(scenario('set:\n  demand.JP.magnet.growth: {2025: 5%/yr, 2300: 3%/yr}\n'))).toMatch(/^scenario\.yaml:\d+:\d+ set\.demand\.JP\.magnet\.growth\.2300: expected a date in the years 1900 to 2200/);
  });

  it('refuses demand growth that compounds beyond the limit over the run, at the growth', async () => {
    expect(await errors(scenario('period: year\nstart: 1900\nend: 2200\n'))).toMatch(/^world\.yaml:\d+:\d+ demand\[0\]\.growth: this growth multiplies demand by more than 1000000 by \d{4} \(the limit over a run\)/);
    expect(await errors(scenario('set:\n  demand.US.magnet.growth: 150%/yr\n'))).toMatch(/set\.demand\.US\.magnet\.growth: expected a value above -100%\/yr and at most 100%\/yr, got "150%\/yr"/);
  });

  it('refuses absurd market settings (the 1e308 tier ratio of the issue) and accepts their bounds', async () => {
    expect(await errors(scenario('set: {market.tierRatio: 1e308}\n'))).toBe('scenario.yaml:3:25 set.market.tierRatio: expected a value between 1.005 and 1.5, got 1e+308');
    const settings: [string, keyof typeof SETTING_RANGES][] = [
      ['market.tierRatio', 'tierRatio'], ['market.tierFloor', 'tierFloor'], ['market.fixedPointTolerance', 'fixedPointTolerance'],
      ['market.maxFixedPointIterations', 'maxFixedPointIterations'],
      ['dynamics.inventory.priceResponse', 'priceResponse'], ['dynamics.leakage.extraCost', 'extraCost'],
    ];
    for (const [setting, key] of settings) {
      const range = SETTING_RANGES[key] as { min: number; max: number; text: string };
      for (const ok of [range.min, range.max]) await expect(load(scenario(`set: {${setting}: ${ok}}\n`)), `${setting} = ${ok}`).resolves.toBeDefined();
      for (const bad of [range.min - Math.max(1e-13, range.min * 0.5) - 1e-3, range.max * 2 + 1]) {
        expect(await errors(scenario(`set: {${setting}: ${bad}}\n`)), `${setting} = ${bad}`).toContain(`expected a value ${range.text}`);
      }
    }
    expect(await errors(scenario('set: {dynamics.inventory.adjustment: 2000 months}\n'))).toContain('expected a value above 0 and at most 1200 periods');
  });

  it('refuses any number beyond ±1e12 in canonical units', async () => {
    expect(await errors(scenario('set: {products.magnet.price: 1e300 USD/kg}\n'))).toBe('scenario.yaml:3:30 set.products.magnet.price: expected a value of at most 1e+12 in magnitude in USD/kg, got "1e300 USD/kg"');
  });

  it('refuses a bounded distribution whose draws leave the range (a negative licence delay), not an unbounded one', async () => {
    const licence = (delay: string) => scenario(`policies:\n  - {id: l, type: export_license, from: CN, to: US, products: magnet, approval: 50%, delay: "${delay}", start: 2025-04}\n`);
    expect(await errors(licence('triangular(-1, 2, 3) months'))).toBe('scenario.yaml:4:93 policies[0].delay: expected a value ≥ 0, got "triangular(-1, 2, 3) months": its draws reach -1 months');
    expect(await errors(licence('uniform(-2 months, 3 months)'))).toContain('its draws reach -2 months');
    await expect(load(licence('triangular(0, 2, 3) months'))).resolves.toBeDefined();
    await expect(load(licence('normal(2, 1) months'))).resolves.toBeDefined();
  });

  it('refuses a choke price far above the reference price', async () => {
    expect(await errors(scenario('set: {demand.US.magnet.ev.choke: 1e9 USD/kg}\n'))).toMatch(/choke: expected a choke price of at most 1000 × the reference price \(60000 USD\/kg\), got 1000000000 USD\/kg/);
  });

  it('names the limit when draws or seed is too large', async () => {
    expect(await errors(scenario('draws: 1000000\nseed: 4294967296\n'))).toBe([
      'scenario.yaml:3:8 draws: expected at most 100000 draws (the limit), got 1000000',
      'scenario.yaml:4:7 seed: expected a seed of at most 2147483647 (the limit), got 4294967296',
    ].join('\n'));
    expect(await errors(scenario(''), 'scenario.yaml', { draws: 1e300 })).toBe('--draws: 1e+300 is above the limit of 100000');
  });
});

it('every message of these cases is one short line', async () => {
  for (const text of [
    await errors({ 'scenario.json': '{"name": x,\n "extends": "world.yaml"}' }, 'scenario.json'),
    await errors(scenario('"a\\nb": 1\n')),
  ]) singleLine(text);
});

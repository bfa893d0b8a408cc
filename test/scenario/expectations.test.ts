// `expect:` in scenario files: compiled into column units, inherited through `extends`, and every
// mistake reported located, with "did you mean" where the project suggests names elsewhere.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/index.js';
import { errors, load, scenario, writeFiles, WORLD } from './helpers.js';

describe('expectations', () => {
  it('compile with units converted into the column unit and a location', async () => {
    const s = await load(scenario([
      'expect:',
      '  - {region: US, product: magnet, measure: cumulative_shortage_t, max: 2 kt}',
      '  - {region: JP, product: oxide.Dy, measure: max_price_change_pct, max: 5%, statistic: p95}',
      '  - {region: JP, product: oxide.Dy, measure: mean_price_change_pct, min: -10, max: 5}',
      '  - {region: US, product: magnet, measure: peak_price_usd_per_kg, max: 60000 USD/t, statistic: every}',
      '  - {region: US, product: magnet, measure: months_short, max: 1 yr}',
      '',
    ].join('\n')));
    expect(s.expectations.map(({ location, ...e }) => ({ at: location.split(path.sep).at(-1), ...e }))).toEqual([
      { at: 'scenario.yaml:4:5', region: 'US', product: 'magnet', measure: 'cumulative_shortage_t', statistic: 'central', min: null, max: 2000, unit: 't' },
      { at: 'scenario.yaml:5:5', region: 'JP', product: 'oxide.Dy', measure: 'max_price_change_pct', statistic: 'p95', min: null, max: 5, unit: '%' },
      { at: 'scenario.yaml:6:5', region: 'JP', product: 'oxide.Dy', measure: 'mean_price_change_pct', statistic: 'central', min: -10, max: 5, unit: '%' },
      { at: 'scenario.yaml:7:5', region: 'US', product: 'magnet', measure: 'peak_price_usd_per_kg', statistic: 'every', min: null, max: 60, unit: 'USD/kg' },
      { at: 'scenario.yaml:8:5', region: 'US', product: 'magnet', measure: 'months_short', statistic: 'central', min: null, max: 12, unit: 'months' },
    ]);
  });

  it('are none when the file has no expect list, and a variant inherits or replaces its parent’s', async () => {
    expect((await load(scenario('policies: []\n'))).expectations).toEqual([]);
    const parent = scenario('expect:\n  - {region: US, product: magnet, measure: cumulative_shortage_t, max: 10}\n', 'parent')['scenario.yaml'];
    const inherits = await load({ 'parent.yaml': parent, 'scenario.yaml': 'name: variant\nextends: parent.yaml\n' });
    expect(inherits.expectations).toHaveLength(1);
    expect(inherits.expectations[0].location).toMatch(/parent\.yaml:4:5$/);
    const drops = await load({ 'parent.yaml': parent, 'scenario.yaml': 'name: variant\nextends: parent.yaml\nexpect: []\n' });
    expect(drops.expectations).toEqual([]);
  });

  it('report unknown regions, products and measures, wrong units and missing bounds, located', async () => {
    expect(
      await errors(scenario([
        'expect:',
        '  - {region: USA, product: magnet, measure: cumulative_shortage_t, max: 10}',
        '  - {region: US, product: magnets, measure: cumulative_shortage_t, max: 10}',
        '  - {region: US, product: magnet, measure: cumulative_shortage, max: 10}',
        '  - {region: allies, product: magnet, measure: cumulative_shortage_t, max: 10}',
        '  - {region: US, product: magnet, measure: cumulative_shortage_t, max: 10 USD/kg}',
        '  - {region: US, product: magnet, measure: cumulative_shortage_t}',
        '  - {region: US, product: magnet, measure: cumulative_shortage_t, min: 10 t, max: 5 t}',
        '  - {region: US, product: magnet, measure: cumulative_shortage_t, max: "uniform(1, 2)"}',
        '',
      ].join('\n'))),
    ).toMatchInlineSnapshot(`
      "scenario.yaml:4:14 expect[0].region: unknown region "USA" (did you mean "US"?) (known: CN, JP, US)
      scenario.yaml:5:27 expect[1].product: unknown product "magnets" (did you mean "magnet"?) (known: conc.light, magnet, oxide.Dy, oxide.NdPr)
      scenario.yaml:6:44 expect[2].measure: unknown measure "cumulative_shortage" (did you mean "cumulative_shortage_t"?) (measures of summary.csv: cumulative_shortage_t, peak_shortage_t, months_short, cumulative_unmet_t, cumulative_consumption_change_t, peak_price_usd_per_kg, mean_price_usd_per_kg, mean_baseline_price_usd_per_kg, max_price_change_pct, mean_price_change_pct)
      scenario.yaml:7:14 expect[3].region: unknown region "allies" (a group is not allowed here: name one region) (known: CN, JP, US)
      scenario.yaml:8:72 expect[4].max: expected a quantity such as 500 t or 2 kt for cumulative_shortage_t, got "10 USD/kg"
      scenario.yaml:9:5 expect[5]: expected min, max or both: an expectation without a bound checks nothing
      scenario.yaml:10:83 expect[6].max: expected max ≥ min ("10 t"), got "5 t"
      scenario.yaml:11:72 expect[7].max: expected a fixed bound, got the distribution "uniform(1, 2)" (the statistic chooses what is compared)"
    `);
  });

  it('report shape mistakes (unknown statistic or field, not a list) like any other field', async () => {
    expect(
      await errors(scenario([
        'expect:',
        '  - {region: US, product: magnet, measure: cumulative_shortage_t, max: 1, statistic: p99}',
        '  - {region: US, product: magnet, measure: cumulative_shortage_t, maxi: 1}',
        '',
      ].join('\n'))),
    ).toMatchInlineSnapshot(`
      "scenario.yaml:4:86 expect[0].statistic: expected a statistic: central, mean, p5, p50, p95, every, got "p99"
      scenario.yaml:5:67 expect[1].maxi: unknown field "maxi" (did you mean "max"?)"
    `);
    expect(await errors(scenario('expect: {region: US}\n'))).toMatchInlineSnapshot(`"scenario.yaml:3:9 expect: expected a list of expectations [{region, product, measure, max}], got a mapping"`);
  });
});

describe('extends by package path', () => {
  it('resolves reesim/scenarios/… to the shipped file, and a relative file of the same name wins', async () => {
    const dir = writeFiles({ 'x.yaml': 'name: x\nextends: reesim/scenarios/world-2024.yaml\nstart: 2025-01\nend: 2025-02\n' });
    const s = await loadScenario(path.join(dir, 'x.yaml'));
    expect(s.files[0]).toBe(path.resolve('scenarios/world-2024.yaml'));
    mkdirSync(path.join(dir, 'reesim', 'scenarios'), { recursive: true });
    writeFileSync(path.join(dir, 'reesim', 'scenarios', 'world-2024.yaml'), WORLD);
    const local = await loadScenario(path.join(dir, 'x.yaml'));
    expect(local.files[0]).toBe(path.join(dir, 'reesim', 'scenarios', 'world-2024.yaml'));
  });

  it('resolves through node_modules and the package’s exports', async () => {
    const dir = writeFiles({ 'x.yaml': 'name: x\nextends: "@acme/worlds/w3.yaml"\n' });
    const pkg = path.join(dir, 'node_modules', '@acme', 'worlds');
    mkdirSync(path.join(pkg, 'files'), { recursive: true });
    writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: '@acme/worlds', exports: { './*': './files/*' } }));
    writeFileSync(path.join(pkg, 'files', 'w3.yaml'), WORLD);
    const s = await loadScenario(path.join(dir, 'x.yaml'));
    expect(s.files[0]).toBe(path.join(pkg, 'files', 'w3.yaml'));
  });

  it('reports a missing package file at the extends line, with a suggestion for reesim’s own files', async () => {
    expect(await errors({ 'scenario.yaml': 'name: x\nextends: reesim/scenarios/wrld-2024.yaml\n' })).toMatchInlineSnapshot(
      `"scenario.yaml:2:10 extends: file not found: reesim/scenarios/wrld-2024.yaml, and no installed package provides "reesim/scenarios/wrld-2024.yaml" (did you mean "reesim/scenarios/world-2024.yaml"?)"`,
    );
    expect(await errors({ 'scenario.yaml': 'name: x\nextends: nothere/w.yaml\n' })).toMatchInlineSnapshot(
      `"scenario.yaml:2:10 extends: file not found: nothere/w.yaml, and no installed package provides "nothere/w.yaml" (is the package "nothere" installed, and does it export that file?)"`,
    );
  });
});

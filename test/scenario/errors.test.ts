// Error messages are part of the spec: each is snapshotted as the user sees it.
import { describe, expect, it } from 'vitest';
import { errors, scenario, WORLD } from './helpers.js';

describe('located errors', () => {
  it('reports the contract example: a fraction that is not a number', async () => {
    expect(
      await errors(scenario('policies:\n  - {id: t, type: tariff, importer: US, products: "*", start: 2025-01, rate: hundred}\n')),
    ).toMatchInlineSnapshot(`"scenario.yaml:4:78 policies[0].rate: expected a rate or percentage such as 25%, got "hundred": unknown unit or name "hundred""`);
  });

  it('reports unknown fields with a suggestion, all at once', async () => {
    expect(
      await errors(scenario('titel: x\npolicies:\n  - {id: t, type: tariff, importer: US, products: "*", start: 2025-01, rate: 10%, rat: 5%}\n')),
    ).toMatchInlineSnapshot(`
      "scenario.yaml:3:1 titel: unknown field "titel"
      scenario.yaml:5:83 policies[0].rat: unknown field "rat" (did you mean "rate"?)"
    `);
  });

  it('reports a wrong dimension', async () => {
    expect(await errors(scenario('set:\n  products.magnet.price: 45 kt/yr\n'))).toMatchInlineSnapshot(`"scenario.yaml:4:26 set.products.magnet.price: expected a price such as 60 USD/kg, got "45 kt/yr""`);
  });

  it('reports unknown ids: regions, groups, products, processes, policies in set', async () => {
    expect(
      await errors(
        scenario(
          [
            'groups: {friends: [US, XX]}',
            'set:',
            '  demand.US.magnet.grwth: 5%/yr',
            '  policies.nope.rate: 5%',
            '  demand.FR.magnet.growth: 1%/yr',
            'policies:',
            '  - {id: a, type: export_ban, from: CN, to: allys, products: oxide.*, start: 2025-01}',
            '  - {id: b, type: export_ban, from: CN, to: US, products: [metal.*, magnt], start: 2025-01}',
            '  - {id: c, type: capacity, region: US, process: magnet.sintr, change: 1 kt/yr, start: 2025-01}',
            '',
          ].join('\n'),
        ),
      ),
    ).toMatchInlineSnapshot(`
      "scenario.yaml:3:24 groups.friends[1]: unknown region "XX"
      scenario.yaml:5:3 set.demand.US.magnet.grwth: cannot set "grwth" (did you mean "growth"?) (settable fields: quantity, price, growth, elasticity, longRunElasticity, critical, choke)
      scenario.yaml:6:3 set.policies.nope.rate: unknown policy in "nope.rate" (known: us-301, a, b, c)
      scenario.yaml:7:3 set.demand.FR.magnet.growth: unknown region in "FR" (known: CN, US, JP)
      scenario.yaml:9:45 policies[0].to: unknown region or group "allys" (known: CN, JP, US)
      scenario.yaml:10:60 policies[1].products[0]: "metal.*" matches no product (known: conc.light, magnet, oxide.Dy, oxide.NdPr)
      scenario.yaml:10:69 policies[1].products[1]: unknown product "magnt" (did you mean "magnet"?) (known: conc.light, magnet, oxide.Dy, oxide.NdPr)
      scenario.yaml:11:50 policies[2].process: unknown process "magnet.sintr" (known: magnet.sinter, mine.light, separation.light)"
    `);
  });

  it('reports inverted and duplicate dates and ids', async () => {
    expect(
      await errors(
        scenario(
          [
            'policies:',
            '  - {id: a, type: import_ban, importer: US, from: CN, products: magnet, start: 2025-06, end: 2025-03}',
            '  - {id: a, type: import_ban, importer: US, from: CN, products: magnet, start: 2025-06, announce: 2025-08}',
            '  - {id: b, type: export_license, from: CN, to: US, products: magnet, start: 2025-01, approval: {2025-06: 10%, 2025-04: 20%, 2025-Q2: 5%}}',
            '',
          ].join('\n'),
        ),
      ),
    ).toMatchInlineSnapshot(`
      "scenario.yaml:4:94 policies[0].end: expected an end no earlier than the start (2025-06; the end is the last month in force), got 2025-03
      scenario.yaml:5:10 policies[1].id: two policies with the id "a" (the first is at scenario.yaml:4); ids must be unique
      scenario.yaml:6:112 policies[2].approval.2025-04: dates of a series must increase: 2025-04 is before 2025-06
      scenario.yaml:6:126 policies[2].approval.2025-Q2: dates of a series must increase: 2025-Q2 is the same date as 2025-04"
    `);
  });

  it('reports negative quantities and values out of range', async () => {
    expect(
      await errors(
        scenario(
          [
            'policies:',
            '  - {id: a, type: stockpile_release, region: JP, product: oxide.Dy, quantity: -5 t, over: 0 months, start: 2025-01}',
            '  - {id: b, type: export_license, from: CN, to: US, products: magnet, start: 2025-01, approval: 150%}',
            '  - {id: c, type: demand_shock, region: "*", product: magnet, start: 2025-01, factor: -1}',
            '',
          ].join('\n'),
        ),
      ),
    ).toMatchInlineSnapshot(`
      "scenario.yaml:4:79 policies[0].quantity: expected a value ≥ 0, got "-5 t"
      scenario.yaml:4:91 policies[0].over: expected a value > 0, got "0 months"
      scenario.yaml:5:97 policies[1].approval: expected a value between 0% and 100%, got "150%"
      scenario.yaml:6:87 policies[2].factor: expected a value ≥ 0, got -1"
    `);
  });

  it('refuses unsafe or pathological expressions', async () => {
    const deep = `${'('.repeat(50)}1${')'.repeat(50)}`;
    const long = Array.from({ length: 300 }, () => '1').join('+');
    expect(
      await errors(
        scenario(
          [
            'policies:',
            '  - {id: a, type: tariff, importer: US, products: "*", start: 2025-01, rate: "import({}, {})"}',
            '  - {id: b, type: tariff, importer: US, products: "*", start: 2025-01, rate: "f(x) = x"}',
            '  - {id: c, type: tariff, importer: US, products: "*", start: 2025-01, rate: "random()"}',
            '  - {id: d, type: tariff, importer: US, products: "*", start: 2025-01, rate: "x = 1"}',
            '  - {id: e, type: tariff, importer: US, products: "*", start: 2025-01, rate: "createUnit(\'foo\')"}',
            '  - {id: f, type: tariff, importer: US, products: "*", start: 2025-01, rate: "[1, 2][1]"}',
            `  - {id: g, type: tariff, importer: US, products: "*", start: 2025-01, rate: "${deep}"}`,
            `  - {id: h, type: tariff, importer: US, products: "*", start: 2025-01, rate: "${long}"}`,
            '',
          ].join('\n'),
        ),
      ),
    ).toMatchInlineSnapshot(`
      "scenario.yaml:4:78 policies[0].rate: expected a rate or percentage such as 25%, got "import({}, {})": function "import" is not allowed (allowed: abs, sqrt, exp, log, log10, min, max, round, floor, ceil, uniform, normal, lognormal, triangular, pert)
      scenario.yaml:5:78 policies[1].rate: expected a rate or percentage such as 25%, got "f(x) = x": function definitions are not allowed
      scenario.yaml:6:78 policies[2].rate: expected a rate or percentage such as 25%, got "random()": "random()" is not allowed (not reproducible); use a distribution such as uniform(a, b)
      scenario.yaml:7:78 policies[3].rate: expected a rate or percentage such as 25%, got "x = 1": assignments are not allowed
      scenario.yaml:8:78 policies[4].rate: expected a rate or percentage such as 25%, got "createUnit('foo')": function "createUnit" is not allowed (allowed: abs, sqrt, exp, log, log10, min, max, round, floor, ceil, uniform, normal, lognormal, triangular, pert)
      scenario.yaml:9:78 policies[5].rate: expected a rate or percentage such as 25%, got "[1, 2][1]": property and index access are not allowed
      scenario.yaml:10:78 policies[6].rate: expected a rate or percentage such as 25%, got "((((((((((((((((((((((((((((((((((((((((((((((((((1))))))))))))))))))))))))))...": brackets nested too deeply (at most 12 levels)
      scenario.yaml:11:78 policies[7].rate: expected a rate or percentage such as 25%, got "1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1...": expression too long (599 characters; at most 400)"
    `);
  });

  it('reports malformed YAML and JSON with the parser position', async () => {
    expect(await errors({ 'scenario.yaml': 'name: x\nextends: world.yaml\npolicies: [\n' })).toMatchInlineSnapshot(`"scenario.yaml:4:1: malformed YAML: Flow sequence in block collection must be sufficiently indented and end with a ]"`);
    expect(await errors({ 'scenario.json': '{"name": "x",\n "extends": "world.yaml",}' }, 'scenario.json')).toMatchInlineSnapshot(`"scenario.json:2:26: malformed JSON: Expected double-quoted property name"`);
    expect(await errors({ 'scenario.yaml': 'name: x\nname: y\n' })).toMatchInlineSnapshot(`"scenario.yaml:2:1: malformed YAML: Map keys must be unique"`);
  });

  it('reports empty and binary files', async () => {
    expect(await errors({ 'scenario.yaml': '' })).toMatchInlineSnapshot(`"scenario.yaml:1:1: empty file: expected a mapping with at least \`name\`"`);
    expect(await errors({ 'scenario.yaml': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]) })).toMatchInlineSnapshot(`"scenario.yaml:1:1: binary file: expected YAML or JSON text"`);
    expect(await errors({ 'scenario.yaml': '- just\n- a list\n' })).toMatchInlineSnapshot(`"scenario.yaml:1:1: expected a mapping of fields (name: …, start: …) at the top level"`);
  });

  it('reports a missing extends target and an extends cycle naming the chain', async () => {
    expect(await errors({ 'scenario.yaml': 'name: x\nextends: nowhere.yaml\n' })).toMatchInlineSnapshot(`"scenario.yaml:2:10 extends: file not found: nowhere.yaml"`);
    expect(
      await errors({
        'a.yaml': 'name: a\nextends: b.yaml\n',
        'b.yaml': 'name: b\nextends: c.yaml\n',
        'c.yaml': 'name: c\nextends: a.yaml\n',
      }, 'a.yaml'),
    ).toMatchInlineSnapshot(`"c.yaml:2:10 extends: extends cycle: a.yaml → b.yaml → c.yaml → a.yaml"`);
  });

  it('locates errors in the world file when a scenario extends it', async () => {
    const world = WORLD.replace('price: 4 USD/kg', 'price: 4 kt');
    expect(await errors({ 'world.yaml': world, ...scenario('') })).toMatchInlineSnapshot(`"world.yaml:20:61 products.conc.light.price: expected a price such as 60 USD/kg, got "4 kt""`);
  });

  it('reports a missing timeline and a missing required field', async () => {
    expect(
      await errors({ 'scenario.yaml': 'name: w\nregions: {CN: {name: China}}\nproducts: {x: {name: X, price: 1}}\nplants: [{region: CN, process: p}]\n' }),
    ).toMatchInlineSnapshot(`"scenario.yaml:4:10 plants[0].capacity: required field missing: expected a quantity per time such as 45 kt/yr"`);
  });

  it('reports command-line overrides as --set', async () => {
    expect(await errors(scenario(''), 'scenario.yaml', { set: { 'products.magnet.price': '3 t', 'market.tierRatio': '0.5' } })).toMatchInlineSnapshot(`
      "--set market.tierRatio: expected a value between 1.005 and 1.5, got 0.5
      --set products.magnet.price: expected a price such as 60 USD/kg, got "3 t""
    `);
  });
});

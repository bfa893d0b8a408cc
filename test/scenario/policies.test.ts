// Each policy type's conversion into PolicyInput, and selectors, set and extends as seen through them.
import { describe, expect, it } from 'vitest';
import type { PolicyInput } from '../../src/model/types.js';
import { resolveDraw } from '../../src/scenario/index.js';
import { load, scenario } from './helpers.js';

// Fixture indices: regions CN 0, JP 1, US 2; products conc.light 0, magnet 1, oxide.Dy 2, oxide.NdPr 3.
async function policies(yaml: string, extra = ''): Promise<PolicyInput[]> {
  const s = await load(scenario(`${extra}policies:\n${yaml}`));
  return resolveDraw(s, 0).model.scenarioPolicies as PolicyInput[];
}
const head = (a: Float64Array): number[] => Array.from(a.slice(0, 8));

describe('policy conversion', () => {
  it('export_ban: links and leakage', async () => {
    const [p] = await policies('  - {id: b, type: export_ban, from: CN, to: "!CN", products: oxide.*, leakage: 20%, start: 2025-03, end: 2025-06}\n');
    // `end` is inclusive: in force March..June, i.e. periods 2..5 (the window's end index is the first period after).
    expect(p).toMatchObject({ type: 'export_ban', id: 'b', from: [0], to: [1, 2], products: [2, 3], start: 2, end: 6, announce: null });
    if (p.type === 'export_ban') expect(p.leakage[0]).toBe(0.2);
  });

  it('export_quota: yearly limit per period, destinations default to all', async () => {
    const [p] = await policies('  - {id: q, type: export_quota, from: CN, products: "*.Dy", limit: 12 kt/yr, start: 2025-01}\n');
    expect(p).toMatchObject({ type: 'export_quota', from: [0], to: [0, 1, 2], products: [2] });
    if (p.type === 'export_quota') expect(head(p.limit)).toEqual(Array(8).fill(1000));
  });

  it('export_license: approval series held until the next date, delay in whole periods', async () => {
    const [p] = await policies(
      '  - {id: l, type: export_license, from: CN, to: allies, products: [oxide.Dy, magnet], approval: {2025-03: 10%, 2025-05: 40%}, delay: 45 days, start: 2025-03, announce: 2025-01}\n',
    );
    expect(p).toMatchObject({ type: 'export_license', to: [1, 2], products: [1, 2], delay: 1, announce: 0 });
    if (p.type === 'export_license') expect(head(p.approval)).toEqual([0.1, 0.1, 0.1, 0.1, 0.4, 0.4, 0.4, 0.4]);
  });

  it('export_tax: rate series', async () => {
    const [p] = await policies('  - {id: t, type: export_tax, from: CN, products: "*", rate: {2025-01: 15%, 2025-07: 25%}, start: 2025-01}\n');
    if (p.type !== 'export_tax') throw new Error(p.type);
    expect([p.rate[0], p.rate[6]]).toEqual([0.15, 0.25]);
    expect(p.to).toEqual([0, 1, 2]);
  });

  it('tariff: importers become `to`, exempt origins leave `from`', async () => {
    const [p] = await policies('  - {id: t, type: tariff, importer: US, products: magnet, rate: 100%, exempt: [JP], start: 2025-01}\n');
    expect(p).toMatchObject({ type: 'tariff', from: [0, 2], to: [2], products: [1] });
  });

  it('import_ban: importer and origins', async () => {
    const [p] = await policies('  - {id: i, type: import_ban, importer: [US, JP], from: CN, products: "*", start: 2025-01}\n');
    expect(p).toMatchObject({ type: 'import_ban', from: [0], to: [1, 2], products: [0, 1, 2, 3] });
  });

  it('stockpile_release and stockpile_build: quantity over `over` as a rate per period', async () => {
    const [r, b] = await policies(
      '  - {id: r, type: stockpile_release, region: JP, product: oxide.Dy, quantity: 60 t, over: 6 months, start: 2025-05}\n' +
        '  - {id: b, type: stockpile_build, region: US, product: oxide.Dy, quantity: 1 kt, over: 1 yr, start: 2025-01, end: 2025-03}\n',
    );
    expect(r).toMatchObject({ type: 'stockpile_release', region: 1, product: 2, start: 4, end: 10 });
    if (r.type === 'stockpile_release') expect(r.rate[0]).toBe(10);
    // An explicit end cuts the spread short (January..March): never more than `quantity` in all.
    expect(b).toMatchObject({ type: 'stockpile_build', region: 2, start: 0, end: 3 });
    if (b.type === 'stockpile_build') expect(b.rate[0]).toBeCloseTo(1000 / 12, 10);
  });

  it('a stockpile policy with an end after its spread stops when the quantity is spread', async () => {
    const [r] = await policies('  - {id: r, type: stockpile_release, region: JP, product: oxide.Dy, quantity: 60 t, over: 3 months, start: 2025-02, end: 2025-12}\n');
    if (r.type !== 'stockpile_release') throw new Error(r.type);
    expect([r.start, r.end]).toEqual([1, 4]);
    let total = 0;
    for (let t = r.start; t < r.end; t++) total += r.rate[t];
    expect(total).toBeCloseTo(60, 10);
  });

  it('capacity: cumulative ramp, and a new zero-capacity plant where none exists', async () => {
    const s = await load(scenario('policies:\n  - {id: c, type: capacity, region: US, process: magnet.sinter, change: 6 kt/yr, ramp: 4 months, start: 2025-03}\n'));
    const { model } = resolveDraw(s, 0);
    const [p] = model.scenarioPolicies;
    if (p.type !== 'capacity') throw new Error(p.type);
    const plant = model.plants[p.plant];
    expect(plant).toMatchObject({ id: 'US.magnet.sinter', capacity: 0, region: 2 });
    expect(plant.expansion.enabled).toBe(false);
    expect(head(p.added)).toEqual([0, 0, 125, 250, 375, 500, 500, 500]);
    // The plant exists in the baseline too (same ModelInput), with zero capacity.
    expect(resolveDraw(s, 0, { withoutPolicies: ['c'] }).model.plants.map((x) => x.id)).toContain('US.magnet.sinter');
  });

  it('capacity: a closure is a negative change on an existing plant', async () => {
    const [p] = await policies('  - {id: c, type: capacity, region: CN, process: mine.light, change: -24 kt/yr, start: 2025-02}\n');
    if (p.type === 'capacity') expect(head(p.added)).toEqual([0, -2000, -2000, -2000, -2000, -2000, -2000, -2000]);
  });

  it('price_floor and demand_shock: region selectors', async () => {
    const [f, d] = await policies(
      '  - {id: f, type: price_floor, region: coalition, product: oxide.NdPr, price: 110 USD/kg, start: 2025-01}\n' +
        '  - {id: d, type: demand_shock, region: "*", product: [magnet, "oxide.*"], factor: 80%, start: 2025-01}\n',
      'groups: {coalition: [US, JP]}\n',
    );
    expect(f).toMatchObject({ type: 'price_floor', regions: [1, 2], product: 3 });
    if (f.type === 'price_floor') expect(f.price[0]).toBe(110);
    expect(d).toMatchObject({ type: 'demand_shock', regions: [0, 1, 2], products: [1, 2, 3] });
    if (d.type === 'demand_shock') expect(d.factor[0]).toBe(0.8);
  });

  it('withoutPolicies drops scenario policies by id and refuses unknown ids', async () => {
    const s = await load(scenario('policies:\n  - {id: a, type: import_ban, importer: US, from: CN, products: "*", start: 2025-01}\n  - {id: b, type: import_ban, importer: JP, from: CN, products: "*", start: 2025-01}\n'));
    expect(resolveDraw(s, 0, { withoutPolicies: ['a'] }).model.scenarioPolicies.map((p) => p.id)).toEqual(['b']);
    expect(() => resolveDraw(s, 0, { withoutPolicies: ['us-301'] })).toThrow(/not a scenario policy/);
  });

  it('warns about a policy that ends before the run starts', async () => {
    const s = await load(scenario('policies:\n  - {id: old, type: import_ban, importer: US, from: CN, products: "*", start: 2020-01, end: 2021-01}\n'));
    expect(s.warnings).toHaveLength(1);
    expect(s.warnings[0]).toMatch(/scenario\.yaml:4:5 policies\[0\]: policy "old" ends before the run starts \(2025-01\); it has no effect$/);
  });
});

describe('set overrides', () => {
  it('address demand by region, product and sector, products, processes, plants, stocks, dynamics, market and policies', async () => {
    const s = await load(
      scenario(
        [
          'set:',
          '  demand.US.magnet.ev.quantity: 24 kt/yr',
          '  demand.CN.magnet.growth: 0%/yr',
          '  products.oxide.Dy.price: 300 USD/kg',
          '  processes.separation.light.outputs.oxide.NdPr: 0.25',
          '  plants.CN.separation.light.capacity: 120 kt/yr',
          '  stocks.JP.oxide.Dy.strategic: 90 t',
          '  dynamics.demand.adjustment: 10%/month',
          '  market.tierRatio: 1.05',
          '  policies.us-301.rate: {2025-01: 25%, 2025-06: 50%}',
          '',
        ].join('\n'),
      ),
    );
    const { model } = resolveDraw(s, 0);
    expect(model.demands.find((d) => d.sector === 'ev')!.referenceQuantity[0]).toBe(2000);
    expect(model.demands.find((d) => d.region === 0)!.referenceQuantity[5]).toBe(16666.666666667);
    expect(model.products[2].referencePrice).toBe(300);
    const sep = model.plants.find((p) => p.id === 'CN.separation.light')!;
    expect(sep.capacity).toBe(10000);
    expect(sep.outputs.find((o) => o.product === 3)!.perUnit).toBe(0.25);
    expect(model.stocks[0].strategic).toBe(90);
    expect(model.dynamics.demand.adjustmentPerPeriod).toBe(0.1);
    expect(model.market.tierRatio).toBe(1.05);
    const t = model.worldPolicies[0];
    if (t.type === 'tariff') expect([t.rate[0], t.rate[5]]).toEqual([0.25, 0.5]);
  });
});

describe('extends', () => {
  it('chains world → scenario → variant; maps merge by key, lists by identity, policies append', async () => {
    const s = await load(
      {
        ...scenario('groups: {coalition: [US, JP]}\npolicies:\n  - {id: a, type: import_ban, importer: US, from: CN, products: "*", start: 2025-01}\n', 'base'),
        'variant.yaml': [
          'name: variant',
          'extends: scenario.yaml',
          'end: 2025-06',
          'products:',
          '  magnet: {name: Magnet, price: 80 USD/kg}',
          'plants:',
          '  - {region: CN, process: mine.light, capacity: 120 kt/yr}',
          'demand:',
          '  - {region: US, product: magnet, quantity: 1 kt/yr, elasticity: -0.2, critical: 50%, choke: 500 USD/kg}',
          'policies:',
          '  - {id: b, type: tariff, importer: coalition, products: magnet, rate: 10%, start: 2025-02}',
          '',
        ].join('\n'),
      },
      'variant.yaml',
    );
    expect(s.files.map((f) => f.split('/').pop())).toEqual(['world.yaml', 'scenario.yaml', 'variant.yaml']);
    expect(s.name).toBe('variant');
    expect(s.title).toBe('');
    const { model } = resolveDraw(s, 0);
    expect(model.timeline.labels).toHaveLength(6);
    expect(model.products[1]).toMatchObject({ name: 'Magnet', referencePrice: 80 });
    expect(model.plants.find((p) => p.id === 'CN.mine.light')!.capacity).toBe(10000);
    expect(model.plants).toHaveLength(5);
    expect(model.demands).toHaveLength(4); // the US demand without sector is new (sector "all")
    expect(model.worldPolicies.map((p) => p.id)).toEqual(['us-301']);
    expect(model.scenarioPolicies.map((p) => p.id)).toEqual(['a', 'b']);
    expect(model.scenarioPolicies[1]).toMatchObject({ to: [1, 2] });
  });
});

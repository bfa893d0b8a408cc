import { describe, expect, it } from 'vitest';
import { loadScenario, resolveDraw } from '../../src/scenario/index.js';
import { load, scenario, WORLD } from './helpers.js';

describe('loading the fixture world and scenario', () => {
  it('loads the scenario with its chain, policies and hash', async () => {
    const s = await loadScenario('test/fixtures/scenario.yaml');
    expect(s.name).toBe('licensing');
    expect(s.files).toEqual(['test/fixtures/world-3.yaml', 'test/fixtures/scenario.yaml']);
    expect(s.seed).toBe(7);
    expect(s.draws).toBe(10);
    expect(s.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(s.policies.map((p) => `${p.scope}:${p.id}:${p.type}`)).toEqual([
      'world:us-301:tariff',
      'scenario:cn-license:export_license',
      'scenario:us-tariff:tariff',
      'scenario:us-magnets:capacity',
      'scenario:jp-release:stockpile_release',
    ]);
    expect(JSON.parse(JSON.stringify(s.resolved))).toEqual(s.resolved);
    expect((s.resolved as Record<string, unknown>).extends).toBeUndefined();
  });

  it('converts the world to canonical units per period', async () => {
    const s = await loadScenario('test/fixtures/world-3.yaml');
    const { model } = resolveDraw(s, 0);
    expect(model.timeline.labels).toHaveLength(24);
    expect(model.regions.map((r) => r.id)).toEqual(['CN', 'JP', 'US']);
    expect(model.products.map((p) => [p.id, p.referencePrice, p.disposalCost])).toEqual([
      ['conc.light', 4, null],
      ['magnet', 60, null],
      ['oxide.Dy', 250, 1],
      ['oxide.NdPr', 60, null],
    ]);
    const mine = model.plants.find((p) => p.id === 'CN.mine.light')!;
    expect(mine.capacity).toBe(20000);
    expect(mine.bands).toEqual([{ share: 0.5, unitCost: 2 }, { share: 0.5, unitCost: 3 }]);
    expect(mine.expansion.leadTimePeriods).toBe(72);
    expect(mine.expansion.fullUnitCost).toBe(3.75);
    const sep = model.plants.find((p) => p.id === 'CN.separation.light')!;
    expect(sep.expansion.leadTimePeriods).toBe(30);
    expect(sep.expansion.minStep).toBe(100);
    expect(sep.expansion.maxGrowthPerPeriod).toBeCloseTo(1.12 ** (1 / 12) - 1, 12);
    expect(model.plants.find((p) => p.id === 'US.mine.light')!.expansion.enabled).toBe(false);
    expect(model.dynamics.capacity.enabled).toBe(false);
    expect(model.dynamics.inventory.priceResponse).toBe(1.2);
    expect(model.market.tierRatio).toBe(1.02);
    expect(model.worldPolicies.map((p) => p.id)).toEqual(['us-301']);
    expect(model.scenarioPolicies).toEqual([]);
  });

  it('compounds demand growth per period, with growth as a time series', async () => {
    const { model } = resolveDraw(await loadScenario('test/fixtures/world-3.yaml'), 0);
    const us = model.demands.find((d) => d.sector === 'ev')!;
    expect(us.referenceQuantity[0]).toBe(1000);
    expect(us.referenceQuantity[12]).toBeCloseTo(1120, 6);
    expect(us.chokePrice).toBe(600);
    const jp = model.demands.find((d) => d.region === 1)!;
    expect(jp.referenceQuantity[12]).toBeCloseTo(2000 * 1.05 ** (11 / 12) * 1.03 ** (1 / 12), 6);
    expect(jp.chokePrice).toBe(600); // 10 × the product price
    expect(jp.longRunElasticity).toBe(-0.3);
  });

  it('converts stock covers with the reference use (demand + plant inputs at capacity)', async () => {
    const { model } = resolveDraw(await loadScenario('test/fixtures/world-3.yaml'), 0);
    // JP uses oxide.Dy only in its magnet plant: 1000 t/month × 0.02 = 20 t/month; 2 months → 40 t.
    expect(model.stocks).toEqual([
      { region: 1, product: 2, commercial: 40, coverage: 2, strategic: 60 },
      { region: 2, product: 1, commercial: 500, coverage: 1, strategic: 0 },
    ]);
  });

  it('fills the transport array from product defaults and link overrides', async () => {
    const { model } = resolveDraw(await loadScenario('test/fixtures/world-3.yaml'), 0);
    const R = 3;
    const at = (p: number, o: number, d: number): number => model.transportCost[(p * R + o) * R + d];
    expect(at(0, 0, 1)).toBe(0.3); // conc.light CN→JP: default
    expect(at(0, 0, 2)).toBe(0.8); // CN→US override for every product
    expect(at(2, 1, 2)).toBe(0); // oxide.Dy has no default
    expect(at(1, 2, 2)).toBe(0); // diagonal
  });

  it('reads quarterly and yearly timelines', async () => {
    const q = resolveDraw(await load(scenario('period: quarter\nstart: 2025-02\nend: 2026-12\n')), 0).model;
    expect(q.timeline.labels).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(q.plants.find((p) => p.id === 'CN.mine.light')!.capacity).toBe(60000);
    expect(q.stocks[0].coverage).toBeCloseTo(2 / 3, 12);
    const y = resolveDraw(await load(scenario('period: year\nstart: 2025\nend: 2030\n')), 0).model;
    expect(y.timeline.labels).toEqual(['2025', '2026', '2027', '2028', '2029', '2030']);
    expect(y.worldPolicies[0].start).toBe(-1);
  });

  it('converts memories stated per month to the run\'s period by compounding', async () => {
    const body = 'dynamics:\n  inventory: {expectationWeight: 0.3, normalPriceWeight: 0.05}\n  demand: {adjustment: 5%/month, priceSmoothing: 0.2}\n';
    const m = resolveDraw(await load(scenario(body)), 0).model.dynamics;
    expect([m.inventory.expectationWeight, m.inventory.normalPriceWeight, m.demand.adjustmentPerPeriod, m.demand.priceSmoothing]).toEqual([0.3, 0.05, 0.05, 0.2]);
    const q = resolveDraw(await load(scenario(`period: quarter\nstart: 2025-01\nend: 2026-12\n${body}`)), 0).model.dynamics;
    expect(q.inventory.expectationWeight).toBeCloseTo(1 - 0.7 ** 3, 12);
    expect(q.inventory.normalPriceWeight).toBeCloseTo(1 - 0.95 ** 3, 12);
    expect(q.demand.adjustmentPerPeriod).toBeCloseTo(1 - 0.95 ** 3, 12);
    expect(q.demand.priceSmoothing).toBeCloseTo(1 - 0.8 ** 3, 12);
    const y = resolveDraw(await load(scenario(`period: year\nstart: 2025\nend: 2027\n${body}`)), 0).model.dynamics;
    expect(y.inventory.expectationWeight).toBeCloseTo(1 - 0.7 ** 12, 12);
  });

  it('loads JSON files', async () => {
    const json = JSON.stringify({ name: 'j', extends: 'world.yaml', policies: [{ id: 'b', type: 'import_ban', importer: 'US', from: 'CN', products: 'magnet', start: '2025-03' }] });
    const s = await load({ 'scenario.json': json }, 'scenario.json');
    expect(resolveDraw(s, 0).model.scenarioPolicies[0]).toMatchObject({ type: 'import_ban', from: [0], to: [2], products: [1], start: 2 });
  });

  it('applies seed, draws and set from the options', async () => {
    const s = await load(scenario(''), 'scenario.yaml', { seed: 3, draws: 5, set: { 'products.magnet.price': '70 USD/kg' } });
    expect([s.seed, s.draws]).toEqual([3, 5]);
    expect(resolveDraw(s, 0).model.products[1].referencePrice).toBe(70);
    const plain = await load(scenario(''));
    expect(plain.hash).not.toBe(s.hash);
  });

  it('hashes the same document the same way', async () => {
    const a = await load(scenario('seed: 4\n'));
    const b = await load(scenario('seed: 4\n'));
    expect(a.hash).toBe(b.hash);
    expect(WORLD.startsWith('# yaml-language-server: $schema=')).toBe(true);
  });
});

describe('hostile keys', () => {
  it('keeps a __proto__ key as data (reported as an unknown field, never a prototype change)', async () => {
    const { errors } = await import('./helpers.js');
    expect(await errors(scenario('__proto__: {polluted: true}\n'))).toMatch(/scenario\.yaml:3:1 __proto__: unknown field "__proto__"/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

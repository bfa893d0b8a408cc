// Monte Carlo draws: central values at draw 0, seeded per-field streams, clamping, stable input lists.
import { describe, expect, it } from 'vitest';
import { resolveDraw } from '../../src/scenario/index.js';
import { load, scenario } from './helpers.js';

const UNCERTAIN = [
  'seed: 11',
  'set:',
  '  demand.US.magnet.elasticity: "uniform(-0.5, -0.1)"',
  '  products.magnet.price: "lognormal(60 USD/kg, 0.3)"',
  'policies:',
  '  - id: l',
  '    type: export_license',
  '    from: CN',
  '    to: US',
  '    products: magnet',
  '    start: 2025-02',
  '    approval: {2025-02: "normal(30%, 40%)", 2025-06: "pert(40%, 60%, 90%)"}',
  '    delay: triangular(1, 2, 4) months',
  '',
].join('\n');

describe('draws', () => {
  it('draw 0 takes central values and lists every uncertain input', async () => {
    const s = await load(scenario(UNCERTAIN));
    const { model, inputs } = resolveDraw(s, 0);
    expect(model.products[1].referencePrice).toBe(60);
    expect(model.demands.find((d) => d.sector === 'ev')!.shortRunElasticity).toBe(-0.3);
    expect(inputs).toEqual([
      { path: 'products.magnet.price', value: 60, unit: 'USD/kg' },
      { path: 'demand.US.magnet.ev.elasticity', value: -0.3, unit: '1' },
      { path: 'policies.l.approval.2025-02', value: 0.3, unit: 'fraction' },
      { path: 'policies.l.approval.2025-06', value: 0.6, unit: 'fraction' },
      { path: 'policies.l.delay', value: 2, unit: 'months' },
    ]);
  });

  it('draw k is the same for the same seed, whatever else was drawn, and differs between draws and seeds', async () => {
    const s = await load(scenario(UNCERTAIN));
    const d3 = resolveDraw(s, 3).inputs;
    for (let k = 1; k <= 5; k++) resolveDraw(s, k);
    expect(resolveDraw(s, 3).inputs).toEqual(d3);
    expect(resolveDraw(s, 4).inputs).not.toEqual(d3);
    const again = await load(scenario(UNCERTAIN));
    expect(resolveDraw(again, 3).inputs).toEqual(d3);
    const other = await load(scenario(UNCERTAIN), 'scenario.yaml', { seed: 12 });
    expect(resolveDraw(other, 3).inputs).not.toEqual(d3);
  });

  it('a draw of a field does not change when other fields are added', async () => {
    const a = await load(scenario(UNCERTAIN));
    const b = await load(scenario(UNCERTAIN.replace('set:\n', 'set:\n  products.oxide.Dy.price: "uniform(200 USD/kg, 300 USD/kg)"\n')));
    const pick = (s: typeof a): number => resolveDraw(s, 2).inputs.find((i) => i.path === 'products.magnet.price')!.value;
    expect(pick(a)).toBe(pick(b));
  });

  it('clamps draws to the field range and rounds delays to whole periods', async () => {
    const s = await load(scenario(UNCERTAIN));
    for (let k = 1; k <= 40; k++) {
      const { model, inputs } = resolveDraw(s, k);
      const p = model.scenarioPolicies[0];
      if (p.type !== 'export_license') throw new Error(p.type);
      expect(Math.min(...p.approval)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...p.approval)).toBeLessThanOrEqual(1);
      expect(Number.isInteger(p.delay)).toBe(true);
      const price = inputs.find((i) => i.path === 'products.magnet.price')!.value;
      expect(model.products[1].referencePrice).toBe(price);
    }
  });

  it('refuses a negative or fractional draw index', async () => {
    const s = await load(scenario(''));
    expect(() => resolveDraw(s, -1)).toThrow(RangeError);
    expect(() => resolveDraw(s, 1.5)).toThrow(RangeError);
  });

  it('needs the scenario object returned by loadScenario', async () => {
    const s = await load(scenario(''));
    expect(() => resolveDraw(structuredClone(s), 0)).toThrow(/loadScenario/);
  });
});

/**
 * A synthetic world the size of the shipped one, for the benchmark only: 12 regions, 13 products (3
 * concentrates, 5 oxides, 4 metals, magnets), monthly for 10 years, with a mine → separation → metal →
 * magnet chain, joint production at the separation stage, and one region holding most of the midstream.
 * Its ids echo the rare-earth world so that tables read alike; nothing in it is calibrated.
 */
import seedrandom from 'seedrandom';
import type { DemandDef, ModelInput, PlantDef, PolicyInput, StockDef } from '../src/model/types.js';
import { constant, defaultDynamics, defaultMarket, periodLabels } from '../src/model/synthetic.js';

type Rng = () => number;

function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng();
}

export function realSizeWorld(seed = 1, tierRatio = 1.02): ModelInput {
  const rng: Rng = seedrandom.alea(`${seed}:real-size`);
  const R = 12;
  const T = 120;
  const ids = ['CN', 'US', 'JP', 'KR', 'AU', 'IL', 'SG', 'MY', 'MM', 'VN', 'EU', 'ROW'];
  const regions = ids.map((id) => ({ id, name: id }));
  const productIds = [
    'conc.light', 'conc.ionic', 'conc.mixed', 'oxide.NdPr', 'oxide.Dy', 'oxide.Tb', 'oxide.LaCe', 'oxide.Sm',
    'metal.NdPr', 'metal.Dy', 'metal.Tb', 'metal.Sm', 'magnet',
  ];
  const refPrice = [4, 30, 8, 60, 250, 1000, 1, 15, 75, 320, 1300, 20, 90];
  const products = productIds.map((id, p) => ({ id, name: id, unit: 't', referencePrice: refPrice[p], disposalCost: p === 6 ? 0.2 : null }));
  const P = products.length;
  const plants: PlantDef[] = [];
  const plant = (r: number, process: string, stage: string, inputs: { product: number; perUnit: number }[], outputs: { product: number; perUnit: number }[], capacity: number, unitCost: number, lead: number): void => {
    plants.push({
      id: `${ids[r]}.${process}`,
      process,
      stage,
      region: r,
      inputs,
      outputs,
      capacity,
      bands: [
        { share: 0.6, unitCost },
        { share: 0.3, unitCost: unitCost * 1.3 },
        { share: 0.1, unitCost: unitCost * 1.8 },
      ],
      expansion: { enabled: true, leadTimePeriods: lead, maxGrowthPerPeriod: 0.004, minStep: capacity * 0.01 + 5, fullUnitCost: unitCost * 1.6 },
    });
  };
  const share = (r: number) => (r === 0 ? 1 : uniform(rng, 0.03, 0.2));
  for (let r = 0; r < R; r++) {
    const s = share(r);
    if (r === 0 || rng() < 0.4) plant(r, 'mine.light', 'mine', [], [{ product: 0, perUnit: 1 }], 20000 * s, 2, 72);
    if (r === 0 || r === 8 || rng() < 0.15) plant(r, 'mine.ionic', 'mine', [], [{ product: 1, perUnit: 1 }], 2500 * s, 15, 60);
    if (rng() < 0.3) plant(r, 'mine.mixed', 'mine', [], [{ product: 2, perUnit: 1 }], 3000 * s, 4, 72);
    if (r === 0 || rng() < 0.35) {
      plant(r, 'sep.light', 'separation', [{ product: 0, perUnit: 1 }], [{ product: 3, perUnit: 0.2 }, { product: 6, perUnit: 0.7 }, { product: 7, perUnit: 0.02 }], 20000 * s, 1.5, 30);
      plant(r, 'sep.ionic', 'separation', [{ product: 1, perUnit: 1 }], [{ product: 3, perUnit: 0.25 }, { product: 4, perUnit: 0.06 }, { product: 5, perUnit: 0.01 }, { product: 6, perUnit: 0.4 }], 2500 * s, 8, 30);
      plant(r, 'sep.mixed', 'separation', [{ product: 2, perUnit: 1 }], [{ product: 3, perUnit: 0.2 }, { product: 4, perUnit: 0.01 }, { product: 6, perUnit: 0.6 }], 3000 * s, 2.5, 30);
    }
    if (r === 0 || rng() < 0.4) {
      plant(r, 'metal.NdPr', 'metal', [{ product: 3, perUnit: 1.2 }], [{ product: 8, perUnit: 1 }], 4500 * s, 8, 18);
      plant(r, 'metal.Dy', 'metal', [{ product: 4, perUnit: 1.2 }], [{ product: 9, perUnit: 1 }], 150 * s, 30, 18);
      plant(r, 'metal.Tb', 'metal', [{ product: 5, perUnit: 1.2 }], [{ product: 10, perUnit: 1 }], 30 * s, 120, 18);
      plant(r, 'metal.Sm', 'metal', [{ product: 7, perUnit: 1.2 }], [{ product: 11, perUnit: 1 }], 80 * s, 3, 18);
    }
    if (r === 0 || r === 2 || r === 10 || rng() < 0.3)
      plant(r, 'magnet.sinter', 'magnet', [{ product: 8, perUnit: 0.29 }, { product: 9, perUnit: 0.02 }, { product: 10, perUnit: 0.005 }], [{ product: 12, perUnit: 1 }], 15000 * s, 12, 18);
  }
  const demands: DemandDef[] = [];
  for (let r = 0; r < R; r++) {
    const size = r === 0 ? 1 : uniform(rng, 0.05, 0.35);
    const add = (p: number, sector: string, q: number, critical: number) =>
      demands.push({
        region: r,
        product: p,
        sector,
        referenceQuantity: Float64Array.from({ length: T }, (_, t) => q * size * Math.pow(1.005, t)),
        referencePrice: refPrice[p],
        shortRunElasticity: -0.2,
        longRunElasticity: -0.6,
        criticalShare: critical,
        chokePrice: refPrice[p] * 10,
      });
    add(12, 'ev', 800, 0.6);
    add(12, 'industrial', 700, 0.3);
    add(6, 'catalysts', 2500, 0.1);
    add(3, 'other', 150, 0.2);
    add(11, 'defence', 5, 0.9);
    add(9, 'other', 3, 0.5);
  }
  const stocks: StockDef[] = [];
  for (let r = 0; r < R; r++) for (const p of [3, 4, 5, 8, 9, 10, 12]) stocks.push({ region: r, product: p, commercial: 0, coverage: 2, strategic: r === 2 || r === 3 ? 100 : 0 });
  const transportCost = new Float64Array(P * R * R);
  for (let p = 0; p < P; p++) for (let o = 0; o < R; o++) for (let d = 0; d < R; d++) if (o !== d) transportCost[(p * R + o) * R + d] = 0.2 + 0.02 * refPrice[p];
  const world: ModelInput = {
    name: 'real-size',
    timeline: { kind: 'month', periodsPerYear: 12, labels: periodLabels('month', T) },
    regions,
    products,
    plants,
    demands,
    stocks,
    transportCost,
    worldPolicies: [],
    scenarioPolicies: [],
    dynamics: defaultDynamics(true),
    market: defaultMarket(tierRatio),
  };
  const heavy = [4, 5, 9, 10, 12];
  const others = Array.from({ length: R - 1 }, (_, i) => i + 1);
  const licence: PolicyInput = {
    id: 'cn-license', type: 'export_license', start: 3, end: Number.MAX_SAFE_INTEGER, announce: 1,
    from: [0], to: others, products: heavy, approval: Float64Array.from({ length: T }, (_, t) => (t < 6 ? 0.1 : t < 9 ? 0.4 : 0.7)), delay: 2, leakage: constant(T, 0.1),
  };
  const tariffUs: PolicyInput = {
    id: 'us-tariff', type: 'tariff', start: 10, end: 22, announce: null, from: [0], to: [1], products: Array.from({ length: P }, (_, p) => p), rate: constant(T, 1),
  };
  return { ...world, scenarioPolicies: [licence, tariffUs] };
}

import { describe, expect, it } from 'vitest';
import { centralDrawOnly, readResultTable } from '../../src/report/results/folder.js';
import { parseManifest } from '../../src/report/results/manifest.js';
import { seriesTable } from '../../src/report/results/series.js';
import { changeNote, linkTotals, topLinkChanges } from '../../src/report/select/flowChanges.js';
import { policyMarkers, policyNote, policyTimelineSpec } from '../../src/report/select/policyTimeline.js';
import { choosePriceCharts, priceEffect, regionLegendName, samePricePath } from '../../src/report/select/priceCharts.js';
import { topBy } from '../../src/report/select/rank.js';
import { chartColors, regionColors } from '../../src/report/select/regionColors.js';
import { chooseShortageCharts } from '../../src/report/select/shortageCharts.js';
import { MONTE_CARLO, SINGLE } from './fixtures.js';

describe('topBy', () => {
  it('ranks by score and keeps input order among ties', () => {
    expect(topBy(['a', 'bb', 'cc', 'd'], (s) => s.length, 3)).toEqual(['bb', 'cc', 'a']);
  });
});

describe('chart choices on the licensing fixture', () => {
  it('picks products and regions by the size of their effect', async () => {
    const ts = seriesTable(await readResultTable(SINGLE, 'timeseries.csv', centralDrawOnly));
    expect(priceEffect(ts, { region: 'US', product: 'oxide.Dy' })).toBeCloseTo(1.62, 9);
    expect(choosePriceCharts(ts).map((c) => [c.product, c.regions.join(' ')])).toEqual([['oxide.Dy', 'US EU JP'], ['magnet', 'US EU JP']]);
    const shortages = chooseShortageCharts(ts);
    expect(shortages.map((c) => c.product)).toEqual(['magnet', 'oxide.Dy']);
    expect(shortages[0].regions.map((r) => r.region)).toEqual(['US', 'EU']);
    expect(shortages[0].total).toBeCloseTo(423.765 + 165.739, 3);
    const colors = regionColors([['US', 'EU'], ['EU', 'JP']]);
    expect([...colors.keys()]).toEqual(['US', 'EU', 'JP']);
  });

  it('reads only draw 0 of a Monte Carlo timeseries', async () => {
    const ts = seriesTable(await readResultTable(MONTE_CARLO, 'timeseries.csv', centralDrawOnly));
    expect(ts.periods).toHaveLength(18);
    // Draws 1 and 2 scale the restriction (0.8, 1.25); draw 0 has the single run's peak price.
    expect(ts.value('2025-05', 'US', 'oxide.Dy', 'price_usd_per_kg')).toBe(851.8144);
    expect(ts.value('2025-01', 'XX', 'oxide.Dy', 'price_usd_per_kg')).toBeUndefined();
  });

  it('sums flows per link and ranks the changes', async () => {
    const links = linkTotals(await readResultTable(SINGLE, 'flows.csv', centralDrawOnly));
    expect(links).toHaveLength(8);
    const top = topLinkChanges(links, 3);
    expect(top.map((l) => `${l.product} ${l.from}→${l.to}`)).toEqual(['magnet CN→EU', 'magnet CN→US', 'magnet JP→US']);
    expect(changeNote(top[0])).toBe('−31 %');
    expect(changeNote({ product: 'p', from: 'a', to: 'b', quantity: 5, baseline: 0, change: 5 })).toBe('new');
  });
});

describe('policy timeline', () => {
  const manifest = parseManifest({
    name: 'x',
    policies: [
      { id: 'w', type: 'tariff', start: '2024-01', end: null, announce: null, scope: 'world', importer: 'US' },
      { id: 's', type: 'export_ban', start: 2, end: 9007199254740991, announce: 1, scope: 'scenario', from: ['CN'] },
      'junk',
    ],
  }, 'x');
  const periods = ['2025-01', '2025-02', '2025-03', '2025-04'];
  it('reads policies leniently (indices, open ends as a huge index, unknown entries skipped)', () => {
    expect(manifest.policies.map((p) => [p.id, p.start, p.end, p.announce, p.targets.join('; ')])).toEqual([
      ['w', '2024-01', null, null, 'importer: US'],
      ['s', 2, null, 1, 'from: CN'],
    ]);
    expect(manifest.title).toBe('x');
  });
  it('puts scenario policies first and places dates on the run', () => {
    const spec = policyTimelineSpec(manifest.policies, periods);
    expect(spec.items.map((i) => [i.label, i.start, i.end, i.announce])).toEqual([['s', 2, null, 1], ['w', expect.closeTo(-12, 9), null, null]]);
    expect(policyNote(manifest.policies[1], periods)).toBe('announced 2025-02 · 2025-03 → open');
    expect(policyMarkers(manifest.policies, periods)).toEqual([{ label: 's', position: 2 }]);
  });
});

describe('grouping regions with the same price path', () => {
  it('draws regions whose prices agree within 2 % once, naming the others', async () => {
    const ts = seriesTable(await readResultTable(SINGLE, 'timeseries.csv', centralDrawOnly));
    // In the fixture US, JP and EU have different multipliers: never the same path; a region is its own.
    expect(samePricePath(ts, 'magnet', 'US', 'US')).toBe(true);
    expect(samePricePath(ts, 'magnet', 'US', 'JP')).toBe(false);
    expect(regionLegendName('AU', [])).toBe('AU');
    expect(regionLegendName('AU', ['EU', 'IL', 'KR', 'SG', 'VN'])).toBe('AU ≈ EU, IL, KR +2');
  });
});

describe('chartColors', () => {
  it('keeps report-wide colours but never repeats one within a chart', () => {
    const global = new Map([['US', '#0072B2'], ['EU', '#D55E00'], ['SG', '#0072B2']]);
    expect([...chartColors(['US', 'SG', 'EU'], global).values()]).toEqual(['#0072B2', '#D55E00', '#009E73']);
  });
});

describe('changeNote', () => {
  it('switches to a multiple past tenfold', () => {
    expect(changeNote({ product: 'p', from: 'a', to: 'b', quantity: 1027, baseline: 1, change: 1026 })).toBe('×1027');
    expect(changeNote({ product: 'p', from: 'a', to: 'b', quantity: 9, baseline: 1, change: 8 })).toBe('+800 %');
  });
});

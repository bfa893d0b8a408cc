/** Sweeps and attribution on the small fixture world, in process. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSolvers } from '../../src/engine/index.js';
import { runSweep } from '../../src/study/sweep.js';
import { runAttribution } from '../../src/study/attribute.js';

const FIXTURE = new URL('../fixtures/study/scenario.yaml', import.meta.url).pathname;

function readCsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const cols = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}

describe('reesim sweep', () => {
  it('writes one row per grid point × region × product, and a higher US tariff never lowers the US magnet price', async () => {
    const out = mkdtempSync(join(tmpdir(), 'reesim-sweep-'));
    const { dir, points } = await runSweep(FIXTURE, [{ path: 'policies.us-tariff.rate', values: ['0%', '100%', '200%'] }], await loadSolvers(), out);
    expect(points).toBe(3);
    const rows = readCsv(join(dir, 'sweep.csv'));
    expect(Object.keys(rows[0]).slice(0, 3)).toEqual(['policies.us-tariff.rate', 'region', 'product']);
    const usMagnet = rows.filter((r) => r.region === 'US' && r.product === 'magnet');
    expect(usMagnet.map((r) => r['policies.us-tariff.rate'])).toEqual(['0%', '100%', '200%']);
    const prices = usMagnet.map((r) => Number(r.mean_price_usd_per_kg));
    expect(prices[1]).toBeGreaterThanOrEqual(prices[0] - 1e-6);
    expect(prices[2]).toBeGreaterThanOrEqual(prices[1] - 1e-6);
  });
});

describe('reesim attribute', () => {
  it('reports each scenario policy and the interaction remainder, adding up to the total', async () => {
    const out = mkdtempSync(join(tmpdir(), 'reesim-attr-'));
    const { dir, policies } = await runAttribution(FIXTURE, await loadSolvers(), out);
    expect(policies).toEqual(['cn-dy-ban', 'us-tariff', 'jp-release']);
    const rows = readCsv(join(dir, 'attribution.csv'));
    const pairs = new Set(rows.map((r) => `${r.region}:${r.product}`));
    for (const pair of pairs) {
      const group = rows.filter((r) => `${r.region}:${r.product}` === pair);
      expect(group.map((r) => r.policy)).toEqual([...policies, 'interaction']);
      // Contributions plus interaction add up to the scenario's effect against its baseline.
      const price = group.reduce((s, r) => s + Number(r.price_change_attributed_pct), 0);
      expect(price).toBeCloseTo(Number(group[0].mean_price_change_pct), 2);
      const shortage = group.reduce((s, r) => s + Number(r.shortage_attributed_t), 0);
      expect(shortage).toBeCloseTo(Number(group[0].shortage_change_t), 2);
    }
    // The ban is what creates the US magnet shortage; the Japanese stockpile release never adds to it.
    const usMagnet = Object.fromEntries(rows.filter((r) => r.region === 'US' && r.product === 'magnet').map((r) => [r.policy, Number(r.shortage_attributed_t)]));
    expect(usMagnet['cn-dy-ban']).toBeGreaterThan(0);
    expect(usMagnet['jp-release']).toBeLessThanOrEqual(1e-6);
  });
});

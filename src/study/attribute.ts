/**
 * Attribution: how much of a scenario's shortage and price change each of its policies accounts for.
 *
 * What is attributed is the scenario's effect against its baseline: the change in cumulative shortage
 * (scenario − baseline) and the mean price change (%). Method: leave one out. The scenario runs with
 * all its policies and again with each scenario policy removed in turn; a policy's contribution is
 * effect(all) − effect(all without it). With interacting policies (a ban that only bites because a
 * tariff diverted trade) the contributions need not add up to the total effect: the remainder is
 * reported as `interaction`, so nothing is silently hidden. World policies (in force in the baseline
 * too) are never removed.
 */
import { join } from 'node:path';
import { simulate, type SolverFactory } from '../engine/index.js';
import { UsageError } from '../errors.js';
import type { ModelInput, RunResult } from '../model/types.js';
import { checkOutputFolder, writeFolderAtomically } from '../output/atomic.js';
import { writeCsv } from '../output/csv.js';
import { writeJson } from '../output/json.js';
import { formatKind } from '../output/format.js';
import { SUMMARY_MEASURES, summarize } from '../output/tables.js';
import { loadScenario, resolveDraw, type LoadOptions } from '../scenario/index.js';

/** Columns of attribution.csv. */
export const ATTRIBUTION_COLUMNS = [
  'policy', 'region', 'product',
  'shortage_change_t', 'shortage_change_without_t', 'shortage_attributed_t', 'shortage_share',
  'mean_price_change_pct', 'mean_price_change_without_pct', 'price_change_attributed_pct',
] as const;

/** The files of an attribution folder (an existing folder holding only these may be replaced). */
const ATTRIBUTION_OUTPUTS = ['attribution.csv', 'manifest.json'];

const SHORTAGE = SUMMARY_MEASURES.findIndex((m) => m.name === 'cumulative_shortage_t');
const PRICE = SUMMARY_MEASURES.findIndex((m) => m.name === 'mean_price_change_pct');

/** (cumulative shortage change vs baseline, mean price change %) per region × product pair of a run. */
function headline(model: ModelInput, run: RunResult): Map<number, [number, number]> {
  return new Map(summarize(model, run).map(([i, v]) => {
    let baselineShortage = 0;
    for (const res of run.baseline) baselineShortage += res.shortage[i];
    return [i, [(v[SHORTAGE] ?? 0) - baselineShortage, v[PRICE] ?? 0]];
  }));
}

/** Runs the attribution and writes `<outDir>/<name>-attribution/attribution.csv`. */
export async function runAttribution(file: string, solvers: SolverFactory, outDir: string, options: LoadOptions = {}): Promise<{ dir: string; policies: string[] }> {
  const loaded = await loadScenario(file, options);
  const dir = join(outDir, `${loaded.name}-attribution`);
  await checkOutputFolder(dir, { outputs: ATTRIBUTION_OUTPUTS });
  const ids = loaded.policies.filter((p) => p.scope === 'scenario').map((p) => p.id);
  if (ids.length === 0) throw new UsageError(`${file}: the scenario has no policies of its own to attribute`);
  const full = resolveDraw(loaded, 0).model;
  const fullRun = simulate(full, solvers);
  const all = headline(full, fullRun);
  const P = full.products.length;
  const without = ids.map((id) => headline(full, simulate(resolveDraw(loaded, 0, { withoutPolicies: [id] }).model, solvers)));

  const rows: string[][] = [];
  const pairs = [...all.keys()].sort((a, b) => a - b);
  for (const i of pairs) {
    const [shortAll, priceAll] = all.get(i)!;
    const region = full.regions[Math.floor(i / P)].id;
    const product = full.products[i % P].id;
    let sumShort = 0, sumPrice = 0;
    ids.forEach((id, k) => {
      const [shortWo, priceWo] = without[k].get(i) ?? [0, 0];
      sumShort += shortAll - shortWo;
      sumPrice += priceAll - priceWo;
      rows.push([id, region, product,
        formatKind(shortAll, 'tonnes'), formatKind(shortWo, 'tonnes'), formatKind(shortAll - shortWo, 'tonnes'),
        formatKind(shortAll > 1e-9 ? (shortAll - shortWo) / shortAll : null, 'fraction'),
        formatKind(priceAll, 'pct'), formatKind(priceWo, 'pct'), formatKind(priceAll - priceWo, 'pct')]);
    });
    rows.push(['interaction', region, product,
      formatKind(shortAll, 'tonnes'), '', formatKind(shortAll - sumShort, 'tonnes'),
      formatKind(shortAll > 1e-9 ? (shortAll - sumShort) / shortAll : null, 'fraction'),
      formatKind(priceAll, 'pct'), '', formatKind(priceAll - sumPrice, 'pct')]);
  }
  await writeFolderAtomically(dir, async (tmp) => {
    await writeCsv(join(tmp, 'attribution.csv'), ATTRIBUTION_COLUMNS, rows);
    await writeJson(join(tmp, 'manifest.json'), { name: loaded.name, scenarioFile: file, scenarioHash: loaded.hash, seed: loaded.seed, method: 'leave-one-out', policies: ids });
  }, { outputs: ATTRIBUTION_OUTPUTS });
  return { dir, policies: ids };
}

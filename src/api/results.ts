/** `readResults`: a result folder written by `reesim run` (or `runScenario`) as plain data. */
import { manifestModule, resultsModule } from './engine.js';
import { summaryRecord, type SummaryRow } from './summary.js';

/** A result folder's summary and manifest. */
export interface Results {
  readonly dir: string;
  /** `single` (one draw) or `monte-carlo` (statistics over draws). */
  readonly kind: 'single' | 'monte-carlo';
  /** manifest.json as written: name, seed, draws, policies, expectations (when the scenario has any), … */
  readonly manifest: Readonly<Record<string, unknown>>;
  /** summary.csv: one row per region × product (× statistic of a Monte Carlo run), values as written. */
  readonly summary: readonly SummaryRow[];
}

/** Reads `dir/summary.csv` and `dir/manifest.json`; a missing or malformed file is a UsageError naming it. */
export async function readResults(dir: string): Promise<Results> {
  const { readSummary } = await resultsModule();
  const { readManifestJson } = await manifestModule();
  const summary = await readSummary(dir);
  const manifest = (await readManifestJson(dir)) as Record<string, unknown>;
  return {
    dir,
    kind: summary.kind,
    manifest,
    summary: summary.rows.map((row) => ({
      statistic: row.statistic as SummaryRow['statistic'],
      ...summaryRecord(row.region, row.product, (name) => row.values.get(name) ?? null),
    })),
  };
}

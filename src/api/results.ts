/** `readResults`: a result folder written by `reesim run` (or `runScenario`) as plain data. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { resultsModule } from './engine.js';
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
  const summary = await readSummary(dir);
  const file = join(dir, 'manifest.json');
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) throw new UsageError(`${file} is missing (is ${dir} a result folder written by 'reesim run'?)`);
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new UsageError(`${file}: not valid JSON (${(err as Error).message})`);
  }
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

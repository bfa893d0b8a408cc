/**
 * One scenario file → one result folder: load and validate, resolve each draw, simulate scenario and
 * baseline, and write the tables and the manifest atomically to `<out>/<name>/`.
 *
 * - draws = 1: timeseries.csv, flows.csv, periods.csv, welfare.csv, summary.csv (per draw), manifest.json.
 * - draws > 1: the same timeseries/flows/periods/welfare for draw 0 (central values), and the Monte Carlo tables
 *   (mcOutputs.ts) from the records of every draw.
 * - `--shard i/n`: only every n-th draw, into `<out>/<name>.shard-i-of-n/` with its raw records;
 *   `reesim merge` turns a complete set of shards into exactly the folder one run would have written.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SolverFactory } from '../engine/index.js';
import type { ModelInput, RunResult } from '../model/types.js';
import { writeFolderAtomically } from '../output/atomic.js';
import { writeCsv } from '../output/csv.js';
import { writeJson } from '../output/json.js';
import {
  FLOW_COLUMNS, PERIOD_COLUMNS, SUMMARY_COLUMNS, TIMESERIES_COLUMNS, WELFARE_COLUMNS, convergenceWarning, flowRows, headers, periodRows,
  summaryRows, timeseriesRows, welfareRows,
} from '../output/tables.js';
import { loadScenario, resolveDraw, type LoadedScenario, type LoadOptions } from '../scenario/index.js';
import { VERSION } from '../version.js';
import { welfareChanges, whoPays } from '../output/welfare.js';
import { summaryVector, type RecordShape } from './drawRecord.js';
import { evaluateExpectations, type ExpectationResult } from './expectations.js';
import { writeMonteCarloTables } from './mcOutputs.js';
import { runDrawsToFile, shardDraws } from './monteCarlo.js';
import { runDraw } from './runDraw.js';

/** How a scenario is run from the command line. */
export interface RunOptions extends LoadOptions {
  /** Parent folder of the result folders. */
  readonly outDir: string;
  /** Run the equilibrium and balance checks every period. */
  readonly check?: boolean;
  /** The command line as the user typed it (recorded in the manifest). */
  readonly command: string;
  /** Worker threads for draws (default 1 = this thread). */
  readonly workers?: number;
  /** Run only shard `index` (1-based) of `count`. */
  readonly shard?: { readonly index: number; readonly count: number };
  /** Progress callback, once per finished draw. */
  readonly onDraw?: (done: number, total: number) => void;
}

/** What a finished run reports back to the CLI. */
export interface RunSummary {
  readonly name: string;
  readonly dir: string;
  readonly periods: number;
  readonly draws: number;
  readonly warnings: readonly string[];
  /** The scenario's expectations, evaluated (empty when it has none, and for a shard: merge evaluates them). */
  readonly expectations: readonly ExpectationResult[];
  /** The central run's largest welfare changes against the baseline, in one sentence (null: none, or a shard without draw 0). */
  readonly whoPays: string | null;
}

/** Output files of a single-draw run and of a Monte Carlo run. */
export const SINGLE_OUTPUTS = ['timeseries.csv', 'flows.csv', 'periods.csv', 'welfare.csv', 'summary.csv', 'manifest.json'] as const;
export const MC_OUTPUTS = [
  'timeseries.csv', 'flows.csv', 'periods.csv', 'welfare.csv', 'summary.csv', 'timeseries_quantiles.csv', 'draws.csv', 'sensitivity.csv', 'manifest.json',
] as const;

/** The shard folder's description of itself, read back by `reesim merge`. */
export interface ShardInfo {
  readonly name: string;
  readonly index: number;
  readonly count: number;
  readonly drawCount: number;
  readonly draws: readonly number[];
  readonly scenarioHash: string;
  readonly seed: number;
  readonly shape: RecordShape;
  readonly ids: { regions: { id: string }[]; products: { id: string }[]; timeline: { labels: string[] } };
}

/** The result folder of a scenario: `<out>/<name>/`, or `<out>/<name>.shard-i-of-n/` for a shard. */
export function resultDir(outDir: string, name: string, shard?: { readonly index: number; readonly count: number }): string {
  return join(outDir, shard ? `${name}.shard-${shard.index}-of-${shard.count}` : name);
}

/**
 * The manifest: enough to reproduce the run and to tell two result folders apart. `expectations` (the
 * evaluated ones, or for a shard the definitions merge evaluates) is recorded only when the scenario has any.
 */
export function manifestOf(loaded: LoadedScenario, command: string, files: readonly string[], expectations: readonly object[] = []): Record<string, unknown> {
  return {
    name: loaded.name,
    title: loaded.title,
    description: loaded.description,
    reesimVersion: VERSION,
    command,
    scenarioFiles: loaded.files,
    scenarioHash: loaded.hash,
    seed: loaded.seed,
    draws: loaded.draws,
    policies: loaded.policies,
    outputs: files,
    ...(expectations.length > 0 ? { expectations } : {}),
    resolvedScenario: loaded.resolved,
  };
}

/** Removes a `--shard i/n` flag from a command line (the merged folder describes the whole study). */
export function withoutShardFlag(command: string): string {
  return command.replace(/\s--shard(?:=|\s+)\S+/g, '');
}

async function writeCentralTables(tmp: string, model: ModelInput, run: RunResult): Promise<void> {
  await writeCsv(join(tmp, 'timeseries.csv'), headers(TIMESERIES_COLUMNS), timeseriesRows(model, run, 0));
  await writeCsv(join(tmp, 'flows.csv'), headers(FLOW_COLUMNS), flowRows(model, run, 0));
  await writeCsv(join(tmp, 'periods.csv'), headers(PERIOD_COLUMNS), periodRows(model, run, 0));
  await writeCsv(join(tmp, 'welfare.csv'), headers(WELFARE_COLUMNS), welfareRows(model, run, 0));
}

/** The central draw's convergence warning, if any, as a list. */
function centralWarnings(model: ModelInput, run: RunResult): string[] {
  const w = convergenceWarning(model, run, model.market.fixedPointTolerance);
  return w ? [`central draw: ${w}`] : [];
}

/**
 * Loads (unless the caller already has `preloaded` with the same options), runs and writes one scenario
 * file. Throws ScenarioError (bad input) before anything is written.
 */
export async function runScenarioFile(file: string, solvers: SolverFactory, options: RunOptions, preloaded?: LoadedScenario): Promise<RunSummary> {
  const loaded = preloaded ?? (await loadScenario(file, options));
  const shard = options.shard;
  const dir = resultDir(options.outDir, loaded.name, shard);
  const done = { name: loaded.name, dir, draws: loaded.draws, warnings: loaded.warnings ?? [] };
  const expectations = loaded.expectations ?? [];

  if (loaded.draws === 1 && !shard) {
    // Simulate before opening the folder, so a failing run cannot leave half a result set.
    const { model, run } = runDraw(loaded, 0, solvers, options.check);
    const results = evaluateExpectations(expectations, model, [summaryVector(model, run)]);
    await writeFolderAtomically(dir, async (tmp) => {
      await writeCentralTables(tmp, model, run);
      await writeCsv(join(tmp, 'summary.csv'), headers(SUMMARY_COLUMNS), summaryRows(model, run, 0));
      await writeJson(join(tmp, 'manifest.json'), manifestOf(loaded, options.command, SINGLE_OUTPUTS, results));
    });
    return { ...done, warnings: [...done.warnings, ...centralWarnings(model, run)], periods: model.timeline.labels.length, expectations: results, whoPays: whoPays(welfareChanges(model, run)) };
  }

  const draws = shard ? shardDraws(loaded.draws, shard.index, shard.count) : Array.from({ length: loaded.draws }, (_, k) => k);
  const first = resolveDraw(loaded, draws[0] ?? 0);
  const model = first.model;
  const shape: RecordShape = {
    periods: model.timeline.labels.length,
    pairs: model.regions.length * model.products.length,
    inputs: first.inputs.map(({ path, unit }) => ({ path, unit })),
  };
  const warnings = [...done.warnings];
  let results: ExpectationResult[] = [];
  let paying: string | null = null;
  await writeFolderAtomically(dir, async (tmp) => {
    // The central draw's full results become the central timeseries and flows tables (its model is the
    // first draw's: a draw depends only on the scenario, the seed and its number).
    const centralRuns: RunResult[] = [];
    const centralDraw = draws[0] === 0 ? { draw: 0, onRun: (run: RunResult) => centralRuns.push(run) } : undefined;
    const recordPath = join(tmp, 'records.bin');
    await runDrawsToFile(loaded, solvers, draws, shape, recordPath, {
      file, loadOptions: { seed: options.seed, draws: options.draws, set: options.set },
      workers: options.workers ?? 1, check: options.check ?? false, onDraw: options.onDraw,
    }, centralDraw);
    const [central] = centralRuns;
    if (central) {
      await writeCentralTables(tmp, model, central);
      warnings.push(...centralWarnings(model, central));
      paying = whoPays(welfareChanges(model, central));
    }
    if (shard) {
      const info: ShardInfo = {
        name: loaded.name, index: shard.index, count: shard.count, drawCount: loaded.draws, draws,
        scenarioHash: loaded.hash, seed: loaded.seed, shape,
        ids: {
          regions: model.regions.map((r) => ({ id: r.id })),
          products: model.products.map((p) => ({ id: p.id })),
          timeline: { labels: [...model.timeline.labels] },
        },
      };
      await writeJson(join(tmp, 'shard.json'), info);
      // A shard holds some of the draws: its manifest carries the definitions, `reesim merge` evaluates them.
      await writeJson(join(tmp, 'manifest.json'), manifestOf(loaded, options.command, MC_OUTPUTS, expectations));
      return;
    }
    const records = [{ path: recordPath, draws }];
    const { unsettled, summaries } = await writeMonteCarloTables(tmp, model, shape, records, loaded.draws);
    if (unsettled > 0)
      warnings.push(`${unsettled} of ${loaded.draws} draws had periods whose price fixed point did not converge (draws.csv, nonconverged_periods)`);
    results = evaluateExpectations(expectations, model, summaries);
    await rm(recordPath);
    await writeJson(join(tmp, 'manifest.json'), manifestOf(loaded, options.command, MC_OUTPUTS, results));
  });
  return { ...done, warnings, periods: shape.periods, expectations: results, whoPays: paying };
}

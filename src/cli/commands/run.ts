/** `reesim run <scenario…>`: simulate scenarios against their baselines and write results/<name>/. */
import type { CommandModule } from 'yargs';
import { performance } from 'node:perf_hooks';
import { loadScenario, ScenarioError, type Issue, type LoadedScenario, type LoadOptions } from '../../scenario/index.js';
import { loadSolvers } from '../../engine/index.js';
import { checkOutputFolder } from '../../output/atomic.js';
import { DRAWS_LIMIT, MAX_DRAWS, SEED_LIMIT, WORKERS_LIMIT } from '../../scenario/limits.js';
import { resultDir, runScenarioFile } from '../../study/runScenario.js';
import { defaultWorkers } from '../../study/monteCarlo.js';
import { expandScenarioArgs } from '../scenarioFiles.js';
import { UsageError } from '../errors.js';
import { checkCount, range, SOLVER_OPTION, solverSet } from '../flags.js';
import { drawProgress } from '../progress.js';

interface RunArgs {
  scenarios: string[];
  out: string;
  seed?: number;
  draws?: number;
  workers?: number;
  shard?: string;
  quiet: boolean;
  check: boolean;
  solver?: string;
}

/** Parses `--shard i/n` (1 ≤ i ≤ n ≤ MAX_DRAWS: a shard beyond the draws would hold none). */
export function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d{1,9})\/(\d{1,9})$/.exec(text.trim());
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!m || count < 1 || index < 1 || index > count || count > MAX_DRAWS) {
    throw new UsageError(`--shard expects i/n with 1 ≤ i ≤ n ≤ ${MAX_DRAWS} (e.g. 2/8), got ${JSON.stringify(text.slice(0, 40))}`);
  }
  return { index, count };
}

/**
 * Loads and validates every file before any runs, so that a mistake in the last file is reported (with
 * all the others') before hours of simulation, and refuses two files that would write the same result
 * folder. Returns the loaded scenarios, in file order.
 */
export async function loadAll(files: readonly string[], options: LoadOptions, out: string, shard?: { index: number; count: number }): Promise<LoadedScenario[]> {
  const issues: Issue[] = [];
  const loaded: LoadedScenario[] = [];
  const byName = new Map<string, string>();
  for (const file of files) {
    try {
      const scenario = await loadScenario(file, options);
      const other = byName.get(scenario.name);
      if (other) throw new UsageError(`${other} and ${file} are both named "${scenario.name}": they would write the same folder ${resultDir(out, scenario.name, shard)}; rename one`);
      byName.set(scenario.name, file);
      loaded.push(scenario);
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      issues.push(...err.issues);
    }
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  return loaded;
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <scenarios..>',
  describe: 'Run scenario files (or every scenario in a folder) and write results/<name>/',
  builder: (y) => y
    .positional('scenarios', { type: 'string', array: true, demandOption: true, describe: 'Scenario files or folders' })
    .option('out', { type: 'string', default: 'results', describe: 'Folder that receives one result folder per scenario' })
    .option('seed', { type: 'number', describe: `Override the scenario seed (${range(SEED_LIMIT)})` })
    .option('draws', { type: 'number', describe: `Override the number of Monte Carlo draws (${range(DRAWS_LIMIT)}; 1 = central values only)` })
    .option('workers', { type: 'number', describe: `Worker threads for Monte Carlo draws (${range(WORKERS_LIMIT)}, never more than the draws; default: one per core)` })
    .option('shard', { type: 'string', describe: `Run only every n-th draw, starting at draw i-1 (i/n, n ≤ ${MAX_DRAWS}); combine with \`reesim merge\`` })
    .option('solver', SOLVER_OPTION)
    .option('quiet', { type: 'boolean', default: false, describe: 'Print nothing but errors' })
    .option('check', { type: 'boolean', default: false, describe: 'Check balance and equilibrium conditions every period (slower)' }) as never,
  handler: async (args) => {
    checkCount('draws', args.draws, DRAWS_LIMIT);
    checkCount('seed', args.seed, SEED_LIMIT);
    checkCount('workers', args.workers, WORKERS_LIMIT);
    const shard = args.shard === undefined ? undefined : parseShard(args.shard);
    const files = await expandScenarioArgs(args.scenarios);
    const loaded = await loadAll(files, { seed: args.seed, draws: args.draws, ...solverSet(args.solver) }, args.out, shard);
    // Before any simulation: a result folder that cannot be written or must not be replaced is
    // reported now, not after hours of draws.
    for (const s of loaded) await checkOutputFolder(resultDir(args.out, s.name, shard));
    const solvers = await loadSolvers();
    const command = ['reesim', ...process.argv.slice(2)].join(' ');
    for (const [k, file] of files.entries()) {
      const t0 = performance.now();
      const progress = drawProgress(file, args.quiet);
      const done = await runScenarioFile(file, solvers, {
        outDir: args.out, seed: args.seed, draws: args.draws, ...solverSet(args.solver), check: args.check, command, shard,
        workers: Math.min(args.workers ?? defaultWorkers(loaded[k].draws), loaded[k].draws), onDraw: progress.onDraw,
      }, loaded[k]).finally(progress.stop);
      // Warnings go to stderr even with --quiet: a period that did not converge concerns every number.
      for (const w of done.warnings) process.stderr.write(`warning: ${file}: ${w}\n`);
      if (!args.quiet) {
        const secs = ((performance.now() - t0) / 1000).toFixed(1);
        process.stdout.write(`${done.name}: ${done.periods} periods × ${done.draws} draw${done.draws === 1 ? '' : 's'} → ${done.dir}/ (${secs} s)\n`);
        if (done.whoPays) process.stdout.write(`  who pays (central run, against the baseline, over the run): ${done.whoPays}\n`);
      }
    }
  },
};

/**
 * `reesim check <scenario…|folder>`: run the scenarios that state expectations (draws as each file says),
 * write their result folders like `reesim run`, and print one line per expectation with its value and
 * location. Exit 0 when all hold, 3 when any fails, 2 on bad input (nothing run, nothing written).
 */
import type { CommandModule } from 'yargs';
import { loadSolvers } from '../../engine/index.js';
import { writeFileAtomically } from '../../report/writeReport.js';
import { formatExpectationResult, type ExpectationResult } from '../../study/expectations.js';
import { defaultWorkers } from '../../study/monteCarlo.js';
import { runScenarioFile } from '../../study/runScenario.js';
import { UsageError } from '../errors.js';
import { drawProgress } from '../progress.js';
import { expandScenarioArgs } from '../scenarioFiles.js';
import { loadAll } from './run.js';
import { SOLVER_OPTION, solverSet } from '../flags.js';

/** Exit code of a check whose expectations do not all hold (distinct from 1, a bug, and 2, bad input). */
const EXPECTATION_FAILED = 3;

interface CheckArgs {
  scenarios: string[];
  out: string;
  workers?: number;
  report?: string;
  quiet: boolean;
  solver?: string;
}

/** The results of one checked scenario. */
interface CheckedScenario {
  readonly file: string;
  readonly name: string;
  readonly dir: string;
  readonly expectations: readonly ExpectationResult[];
}

/** The closing line: `3 expectations in 2 scenarios: 2 passed, 1 failed`. */
function checkSummaryLine(checked: readonly CheckedScenario[]): string {
  const all = checked.flatMap((c) => c.expectations);
  const failed = all.filter((e) => !e.holds).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(all.length, 'expectation')} in ${plural(checked.length, 'scenario')}: ${all.length - failed} passed, ${failed} failed`;
}

/** A GitHub Actions annotation for a failed expectation (shown on the file's line in the pull request). */
function annotation(res: ExpectationResult, line: string): string {
  const m = /^(.*):(\d+):(\d+)$/.exec(res.location);
  const where = m ? `file=${m[1]},line=${m[2]},col=${m[3]}` : '';
  return `::error ${where}::${line.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}`;
}

/** The report file: the printed lines (text) or the results (`.json`). Written whole or not at all. */
async function writeReport(file: string, lines: readonly string[], checked: readonly CheckedScenario[]): Promise<void> {
  const body = /\.json$/i.test(file)
    ? `${JSON.stringify({ summary: checkSummaryLine(checked), scenarios: checked }, null, 2)}\n`
    : `${lines.join('\n')}\n`;
  await writeFileAtomically(file, body, '--report');
}

export const checkCommand: CommandModule<object, CheckArgs> = {
  command: 'check <scenarios..>',
  describe: "Run scenarios and verify their `expect:` lists; exit 3 when an expectation fails",
  builder: (y) => y
    .positional('scenarios', { type: 'string', array: true, demandOption: true, describe: 'Scenario files or folders' })
    .option('out', { type: 'string', default: 'results', describe: 'Folder that receives one result folder per scenario' })
    .option('workers', { type: 'number', describe: 'Worker threads for Monte Carlo draws (default: one per core)' })
    .option('report', { type: 'string', describe: 'Also write the report to this file (text, or JSON when it ends in .json)' })
    .option('solver', SOLVER_OPTION)
    .option('quiet', { type: 'boolean', default: false, describe: 'Print only failed expectations and errors' }) as never,
  handler: async (args) => {
    if (args.workers !== undefined && (!Number.isInteger(args.workers) || args.workers < 1)) throw new UsageError(`--workers must be a whole number ≥ 1, got ${args.workers}`);
    const files = await expandScenarioArgs(args.scenarios);
    const loaded = await loadAll(files, solverSet(args.solver), args.out);
    const withExpectations = files.map((file, k) => ({ file, scenario: loaded[k] })).filter((x) => x.scenario.expectations.length > 0);
    if (withExpectations.length === 0) {
      throw new UsageError(`${args.scenarios.join(', ')}: no scenario states expectations; add an \`expect:\` list (see the README, "Expectations")`);
    }
    const lines: string[] = [];
    const say = (line: string, always: boolean): void => {
      lines.push(line);
      if (always || !args.quiet) process.stdout.write(`${line}\n`);
    };
    for (const [k, file] of files.entries()) {
      if (loaded[k].expectations.length === 0) say(`SKIP ${file}: no expectations`, false);
    }
    const solvers = await loadSolvers();
    const command = ['reesim', ...process.argv.slice(2)].join(' ');
    const checked: CheckedScenario[] = [];
    for (const { file, scenario } of withExpectations) {
      const progress = drawProgress(file, args.quiet);
      const done = await runScenarioFile(file, solvers, {
        outDir: args.out, ...solverSet(args.solver), command, workers: args.workers ?? defaultWorkers(scenario.draws), onDraw: progress.onDraw,
      }, scenario).finally(progress.stop);
      if (!args.quiet) for (const w of done.warnings) process.stderr.write(`warning: ${file}: ${w}\n`);
      checked.push({ file, name: done.name, dir: done.dir, expectations: done.expectations });
      for (const res of done.expectations) {
        const line = formatExpectationResult(done.name, res);
        say(line, !res.holds);
        if (!res.holds && process.env.GITHUB_ACTIONS === 'true') process.stdout.write(`${annotation(res, line)}\n`);
      }
    }
    say(checkSummaryLine(checked), true);
    if (args.report) await writeReport(args.report, lines, checked);
    if (checked.some((c) => c.expectations.some((e) => !e.holds))) process.exitCode = EXPECTATION_FAILED;
  },
};

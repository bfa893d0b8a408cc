/**
 * The `reesim` command line (yargs). Exit codes: 0 success, 2 bad input (scenario errors, unknown flags,
 * missing files: nothing written), 3 an expectation that does not hold (`reesim check`), 1 an internal
 * failure (a bug: reported without a stack trace unless REESIM_DEBUG=1).
 */
import yargs, { type Argv } from 'yargs';
import { commands } from './commands.js';
import { ScenarioError } from '../scenario/index.js';
import { UsageError } from './errors.js';
import { VERSION } from '../version.js';

/** Builds the yargs parser; `out`/`err` receive what would go to stdout/stderr. */
export function buildParser(argv: readonly string[]): Argv {
  return yargs([...argv])
    .scriptName('reesim')
    .usage('$0 <command> [options]\n\nRare-earth supply-chain scenario simulator.')
    .command(commands)
    .demandCommand(1, 'Name a command: run, check, new, validate, schema, merge, sweep, attribute, compare, report, calibrate, backtest (see --help).')
    .strict()
    .recommendCommands()
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageError(msg);
    });
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildParser(argv).parseAsync();
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (err) {
    return reportError(err);
  }
}

/** Prints an error the way a user should see it and returns the exit code for it. */
export function reportError(err: unknown): number {
  if (err instanceof ScenarioError) {
    process.stderr.write(`${err.message}\n`);
    return 2;
  }
  if (err instanceof UsageError) {
    process.stderr.write(`reesim: ${err.message}\nRun 'reesim --help' for usage.\n`);
    return 2;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`reesim: internal error: ${message}\n`);
  if (process.env.REESIM_DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  else process.stderr.write('This is a bug in reesim; rerun with REESIM_DEBUG=1 for details and report it.\n');
  return 1;
}

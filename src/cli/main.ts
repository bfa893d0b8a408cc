/**
 * The `reesim` command line (yargs). Exit codes: 0 success, 2 bad input (scenario errors, unknown flags,
 * missing files, an output location that cannot be written or must not be replaced, a full disk:
 * nothing written), 3 an expectation that does not hold (`reesim check`), 1 an internal failure (a bug:
 * reported without a stack trace unless REESIM_DEBUG=1).
 */
import yargs, { type Argv } from 'yargs';
import { commands } from './commands.js';
import { ScenarioError } from '../scenario/index.js';
import { oneLine } from '../scenario/issues.js';
import { OutputError, UsageError } from './errors.js';
import { environmentProblem } from '../errors.js';
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
    process.stderr.write(`reesim: ${oneLine(err.message)}\nRun 'reesim --help' for usage.\n`);
    return 2;
  }
  if (err instanceof OutputError) {
    process.stderr.write(`reesim: ${oneLine(err.message)}\n`);
    return 2;
  }
  // A system error from the user's machine (a full disk, a file without permission) that no command
  // turned into a message of its own: still the environment, not a bug.
  const environment = environmentProblem(err);
  if (environment) {
    const { path, syscall } = err as NodeJS.ErrnoException;
    process.stderr.write(`reesim: ${oneLine(`cannot ${syscall ?? 'access'}${path ? ` ${path}` : ''}: ${environment}`)}\n`);
    return 2;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`reesim: internal error: ${oneLine(message)}\n`);
  if (process.env.REESIM_DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  else process.stderr.write('This is a bug in reesim; rerun with REESIM_DEBUG=1 for details and report it.\n');
  return 1;
}

/** The command table: one module per command. */
import type { CommandModule } from 'yargs';
import { runCommand } from './commands/run.js';
import { validateCommand } from './commands/validate.js';
import { schemaCommand } from './commands/schema.js';
import { mergeCommand } from './commands/merge.js';
import { sweepCommand } from './commands/sweep.js';
import { attributeCommand } from './commands/attribute.js';
import { calibrateCommand } from './commands/calibrate.js';
import { backtestCommand } from './commands/backtest.js';
import { compareCommand } from './commands/compare.js';
import { reportCommand } from './commands/report.js';
import { checkCommand } from './commands/check.js';
import { newCommand } from './commands/new.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = [runCommand, checkCommand, newCommand, validateCommand, schemaCommand, mergeCommand, sweepCommand, attributeCommand, calibrateCommand, backtestCommand, compareCommand, reportCommand];

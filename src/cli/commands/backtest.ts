/** `reesim backtest [history]`: replay a historical episode and print the error against history. */
import type { CommandModule } from 'yargs';
import { loadSolvers } from '../../engine/index.js';
import { runBacktest, sig } from '../../calibrate/run.js';
import { textTable } from '../../output/textTable.js';

interface BacktestArgs {
  history: string;
  out: string;
  quiet: boolean;
  check: boolean;
}

export const backtestCommand: CommandModule<object, BacktestArgs> = {
  command: 'backtest [history]',
  describe: 'Replay a historical episode (default: the 2010–11 crisis) and compare with history',
  builder: (y) => y
    .positional('history', { type: 'string', default: 'scenarios/calibration/history-2010.yaml', describe: 'History file' })
    .option('out', { type: 'string', default: 'results', describe: 'Folder that receives backtest-<scenario>/' })
    .option('quiet', { type: 'boolean', default: false, describe: 'Print only where the tables went' })
    .option('check', { type: 'boolean', default: false, describe: 'Check balance, equilibrium and policy limits every period (slower)' }) as never,
  handler: async (args) => {
    const { dir, rows, title } = await runBacktest(args.history, await loadSolvers(), args.out, args.check);
    if (!args.quiet) {
      process.stdout.write(`${title}\n\n${textTable([
        ['series', 'points', 'peak× history', 'date', 'peak× model', 'date', 'log-RMSE', 'trough× history', 'date', 'trough× model', 'date'],
        ...rows.map((r) => [r.series.id, String(r.observed.length), `${sig(r.histPeak.multiple, 3)}×`, r.histPeak.date,
          `${sig(r.modelPeak.multiple, 3)}×`, r.modelPeak.date, sig(r.logRmse, 3),
          `${sig(r.histTrough.multiple, 3)}×`, r.histTrough.date, `${sig(r.modelTrough.multiple, 3)}×`, r.modelTrough.date]),
      ])}\n\n`);
    }
    process.stdout.write(`→ ${dir}/backtest.csv, backtest_points.csv\n`);
  },
};

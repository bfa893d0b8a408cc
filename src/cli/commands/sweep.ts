/** `reesim sweep x.yaml --set path=v1,v2,…`: run a grid of parameter values and write one tidy CSV. */
import type { CommandModule } from 'yargs';
import { MAX_SWEEP_POINTS, SEED_LIMIT } from '../../scenario/limits.js';
import { checkCount, range } from '../flags.js';
import { loadSolvers } from '../../engine/index.js';
import { parseSweepArgs, runSweep } from '../../study/sweep.js';

interface SweepArgs {
  scenario: string;
  set: string[];
  out: string;
  seed?: number;
  quiet: boolean;
}

export const sweepCommand: CommandModule<object, SweepArgs> = {
  command: 'sweep <scenario>',
  describe: 'Run a scenario over a grid of values (--set path=v1,v2,… per axis) into <name>-sweep/sweep.csv',
  builder: (y) => y
    .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario file' })
    .option('set', { type: 'string', array: true, demandOption: true, describe: `path=v1,v2,… e.g. policies.us-tariff.rate=0%,50%,100% (repeat for more axes; at most ${MAX_SWEEP_POINTS} grid points)` })
    .option('out', { type: 'string', default: 'results', describe: 'Folder that receives <name>-sweep/' })
    .option('seed', { type: 'number', describe: `Override the scenario seed (${range(SEED_LIMIT)})` })
    .option('quiet', { type: 'boolean', default: false, describe: 'Print nothing but errors' }) as never,
  handler: async (args) => {
    checkCount('seed', args.seed, SEED_LIMIT);
    const axes = parseSweepArgs(args.set);
    const solvers = await loadSolvers();
    const progress = args.quiet ? undefined : (done: number, total: number) => process.stderr.write(`\rgrid point ${done}/${total}`);
    const { dir, points } = await runSweep(args.scenario, axes, solvers, args.out, args.seed, progress);
    if (!args.quiet) process.stdout.write(`\n${points} grid points → ${dir}/sweep.csv\n`);
  },
};

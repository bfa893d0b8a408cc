/** `reesim attribute x.yaml`: how much of the shortage and price change each scenario policy accounts for. */
import type { CommandModule } from 'yargs';
import { SEED_LIMIT } from '../../scenario/limits.js';
import { checkCount, range } from '../flags.js';
import { loadSolvers } from '../../engine/index.js';
import { runAttribution } from '../../study/attribute.js';

interface AttributeArgs {
  scenario: string;
  out: string;
  seed?: number;
  quiet: boolean;
}

export const attributeCommand: CommandModule<object, AttributeArgs> = {
  command: 'attribute <scenario>',
  describe: 'Rerun the scenario with each of its policies removed in turn and attribute shortage and price change',
  builder: (y) => y
    .positional('scenario', { type: 'string', demandOption: true, describe: 'Scenario file' })
    .option('out', { type: 'string', default: 'results', describe: 'Folder that receives <name>-attribution/' })
    .option('seed', { type: 'number', describe: `Override the scenario seed (${range(SEED_LIMIT)})` })
    .option('quiet', { type: 'boolean', default: false, describe: 'Print nothing but errors' }) as never,
  handler: async (args) => {
    checkCount('seed', args.seed, SEED_LIMIT);
    const solvers = await loadSolvers();
    const { dir, policies } = await runAttribution(args.scenario, solvers, args.out, { seed: args.seed });
    if (!args.quiet) process.stdout.write(`${policies.length} policies attributed → ${dir}/attribution.csv\n`);
  },
};

/** `reesim merge <shard…>`: combine shard folders into the folder a single run would have written. */
import type { CommandModule } from 'yargs';
import { mergeShards } from '../../study/merge.js';

interface MergeArgs {
  shards: string[];
  out: string;
  quiet: boolean;
}

export const mergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge <shards..>',
  describe: 'Merge the shard folders of a Monte Carlo study (reesim run --shard i/n) into one result folder',
  builder: (y) => y
    .positional('shards', { type: 'string', array: true, demandOption: true, describe: 'Shard folders (results/<name>.shard-i-of-n)' })
    .option('out', { type: 'string', default: 'results', describe: 'Folder that receives the merged result folder' })
    .option('quiet', { type: 'boolean', default: false, describe: 'Print nothing but errors' }) as never,
  handler: async (args) => {
    const dir = await mergeShards(args.shards, args.out);
    if (!args.quiet) process.stdout.write(`merged ${args.shards.length} shard${args.shards.length === 1 ? '' : 's'} → ${dir}/\n`);
  },
};

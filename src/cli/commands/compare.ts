/** `reesim compare <a> <b>`: compare two result folders cell by cell and print the largest differences. */
import type { CommandModule } from 'yargs';
import { compareFolders, defaultCompareOut } from '../../compare/compareFolders.js';

interface CompareArgs {
  a: string;
  b: string;
  out?: string;
  quiet: boolean;
}

export const compareCommand: CommandModule<object, CompareArgs> = {
  command: 'compare <a> <b>',
  describe: 'Compare two result folders: writes compare.csv, compare_timeseries.csv and compare.txt',
  builder: (y) => y
    .positional('a', { type: 'string', demandOption: true, describe: 'First result folder (a)' })
    .positional('b', { type: 'string', demandOption: true, describe: 'Second result folder (b); differences are b − a' })
    .option('out', { type: 'string', describe: 'Output folder (default: compare-<a>-vs-<b> beside folder a)' })
    .option('quiet', { type: 'boolean', default: false, describe: 'Print nothing but errors' }) as never,
  handler: async (args) => {
    const out = args.out ?? defaultCompareOut(args.a, args.b);
    const text = await compareFolders(args.a, args.b, out);
    if (!args.quiet) process.stdout.write(`${text}\nWritten to ${out}/\n`);
  },
};

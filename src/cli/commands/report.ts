/** `reesim report <folder>`: write a self-contained, offline HTML report of a result folder. */
import type { CommandModule } from 'yargs';
import { defaultReportFile, writeReport } from '../../report/writeReport.js';

interface ReportArgs {
  folder: string;
  out?: string;
  quiet: boolean;
}

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report <folder>',
  describe: 'Write report.html (charts and tables, no network needed) for a result folder',
  builder: (y) => y
    .positional('folder', { type: 'string', demandOption: true, describe: 'Result folder written by reesim run' })
    .option('out', { type: 'string', describe: 'Report file (default: <folder>/report.html)' })
    .option('quiet', { type: 'boolean', default: false, describe: 'Print nothing but errors' }) as never,
  handler: async (args) => {
    const file = args.out ?? defaultReportFile(args.folder);
    const bytes = await writeReport(args.folder, file);
    if (!args.quiet) process.stdout.write(`${file} (${Math.ceil(bytes / 1024)} KiB)\n`);
  },
};

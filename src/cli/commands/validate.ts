/** `reesim validate <file…>`: check scenario and world files; every error is reported, exit 2 if any. */
import type { CommandModule } from 'yargs';
import { loadScenario, ScenarioError } from '../../scenario/index.js';
import { expandScenarioArgs } from '../scenarioFiles.js';

interface ValidateArgs {
  files: string[];
  quiet: boolean;
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate <files..>',
  describe: 'Check world and scenario files without running them',
  builder: (y) => y
    .positional('files', { type: 'string', array: true, demandOption: true, describe: 'Files or folders' })
    .option('quiet', { type: 'boolean', default: false, describe: 'Print only errors' }) as never,
  handler: async (args) => {
    const files = await expandScenarioArgs(args.files, true);
    let failed = 0;
    for (const file of files) {
      try {
        const s = await loadScenario(file);
        if (!args.quiet) {
          const nPolicies = s.policies.filter((p) => p.scope === 'scenario').length;
          const nExpect = s.expectations.length;
          const expectations = nExpect > 0 ? `, ${nExpect} expectation${nExpect === 1 ? '' : 's'}` : '';
          process.stdout.write(`ok ${file}: ${s.name}, ${nPolicies} scenario polic${nPolicies === 1 ? 'y' : 'ies'}, ${s.draws} draw${s.draws === 1 ? '' : 's'}${expectations}\n`);
          for (const w of s.warnings ?? []) process.stderr.write(`warning: ${file}: ${w}\n`);
        }
      } catch (err) {
        if (!(err instanceof ScenarioError)) throw err;
        process.stderr.write(`${err.message}\n`);
        failed++;
      }
    }
    if (failed > 0) process.exitCode = 2;
  },
};

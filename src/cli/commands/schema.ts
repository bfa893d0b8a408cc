/** `reesim schema`: print the JSON Schema (draft 7) of world and scenario files, or write it to a file. */
import type { CommandModule } from 'yargs';
import { writeFile } from 'node:fs/promises';
import { asOutputError } from '../../output/atomic.js';
import { scenarioJsonSchema } from '../../scenario/index.js';

interface SchemaArgs {
  write?: string;
}

export const schemaCommand: CommandModule<object, SchemaArgs> = {
  command: 'schema',
  describe: 'Print the JSON Schema of scenario files (for editors), or --write it to a file',
  builder: (y) => y.option('write', { type: 'string', describe: 'Write the schema to this file instead of stdout' }) as never,
  handler: async (args) => {
    const text = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
    if (args.write) await writeFile(args.write, text).catch((err: unknown) => { throw asOutputError(err, args.write!) ?? err; });
    else process.stdout.write(text);
  },
};

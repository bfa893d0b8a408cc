/** Generates `scenarios/scenario.schema.json` (JSON Schema draft 7) from the zod schema. */
import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { scenarioSchema } from './schema.js';

/** Where the committed schema lives, relative to the repository root. */
export const SCHEMA_PATH = 'scenarios/scenario.schema.json';

/** The draft-7 JSON Schema of world and scenario files. */
export function scenarioJsonSchema(): object {
  const schema = z.toJSONSchema(scenarioSchema, { target: 'draft-7', io: 'input' }) as Record<string, unknown>;
  return { ...schema, $id: 'https://github.com/reesim/reesim/scenarios/scenario.schema.json', title: 'reesim world or scenario file' };
}

/** The schema file's exact text (2-space JSON and a final newline). */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

/** Writes the schema file (default: scenarios/scenario.schema.json under the current directory). */
export async function writeSchema(path = SCHEMA_PATH): Promise<void> {
  await writeFile(path, scenarioJsonSchemaText());
}

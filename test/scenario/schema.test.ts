// The committed JSON Schema must match the zod schema. To regenerate after changing src/scenario/schema.ts:
//   UPDATE_SCHEMA=1 npx vitest run test/scenario/schema.test.ts
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../src/scenario/index.js';
import { SCHEMA_PATH, scenarioJsonSchemaText, writeSchema } from '../../src/scenario/writeSchema.js';

describe('scenarios/scenario.schema.json', () => {
  it('is current (regenerate with UPDATE_SCHEMA=1)', async () => {
    if (process.env.UPDATE_SCHEMA) await writeSchema(SCHEMA_PATH);
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(scenarioJsonSchemaText());
  });

  it('is draft 7, strict, and describes every field', () => {
    const schema = scenarioJsonSchema() as Record<string, unknown>;
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
    const undescribed: string[] = [];
    const walk = (node: unknown, where: string): void => {
      if (node === null || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      if (n.properties && typeof n.properties === 'object') {
        for (const [key, child] of Object.entries(n.properties as Record<string, Record<string, unknown>>)) {
          if (typeof child.description !== 'string' || child.description === '') undescribed.push(`${where}.${key}`);
        }
      }
      for (const [key, child] of Object.entries(n)) walk(child, `${where}.${key}`);
    };
    walk(schema, '$');
    expect(undescribed).toEqual([]);
  });
});

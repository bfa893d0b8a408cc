/**
 * `reesim merge`: combine the shard folders of one study into the folder a single run would have
 * written, byte for byte. The shards must come from the same scenario (hash), seed and draw count, and
 * together hold every draw exactly once.
 *
 * A shard folder is input like a scenario file: shard.json is read as a regular file of bounded size and
 * checked field by field (located errors, exit 2) — its `name` becomes the output folder's name, so it
 * gets the scenario `name:` check and cannot point outside --out — and records.bin must have exactly
 * the size its description implies.
 */
import { copyFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { checkOutputFolder, writeFolderAtomically } from '../output/atomic.js';
import { writeJson } from '../output/json.js';
import type { Expectation } from '../scenario/expectations.js';
import { Issues } from '../scenario/issues.js';
import { MAX_DRAWS, MAX_FILE_BYTES, MAX_SEED, nameProblem } from '../scenario/limits.js';
import { readRegularFile } from '../scenario/regularFile.js';
import { jsonMessage, parseSource } from '../scenario/source.js';
import { MAX_PERIODS } from '../scenario/timeline.js';
import { validateShape } from '../scenario/zodIssues.js';
import { recordBytes } from './drawRecord.js';
import { evaluateExpectations } from './expectations.js';
import { writeMonteCarloTables } from './mcOutputs.js';
import { withoutShardFlag, type ShardInfo } from './runScenario.js';

/** Largest manifest.json of a shard (it holds the resolved scenario, ~100 KiB for the 2024 world). */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

const count = (max: number) => z.number({ error: 'expected a whole number' }).int({ error: 'expected a whole number' }).min(0).max(max);
const ids = z.array(z.object({ id: z.string({ error: 'expected an id' }) }), { error: 'expected a list of {id}' });

/** What shard.json must hold (runScenario.ts writes it). */
const shardInfoSchema = z.object({
  name: z.string({ error: 'expected a name' }).refine((n) => nameProblem(n) === null, { error: (iss) => nameProblem(iss.input) ?? 'expected a name' }),
  index: count(MAX_DRAWS).min(1),
  count: count(MAX_DRAWS).min(1),
  drawCount: count(MAX_DRAWS).min(1),
  draws: z.array(count(MAX_DRAWS - 1), { error: 'expected a list of draw numbers' }).max(MAX_DRAWS),
  scenarioHash: z.string().regex(/^[0-9a-f]{64}$/, { error: 'expected a sha256 hash (64 hex digits)' }),
  seed: count(MAX_SEED),
  shape: z.object({
    periods: count(MAX_PERIODS).min(1),
    pairs: count(1_000_000).min(1),
    inputs: z.array(z.object({ path: z.string(), unit: z.string() })).max(1_000_000),
  }),
  ids: z.object({ regions: ids, products: ids, timeline: z.object({ labels: z.array(z.string()) }) }),
});

/** Reads and checks `<dir>/shard.json`; throws ScenarioError (located) or UsageError. */
async function readShardInfo(dir: string): Promise<ShardInfo> {
  const file = join(dir, 'shard.json');
  const read = await readRegularFile(file, MAX_FILE_BYTES);
  if ('problem' in read) throw new UsageError(`${file}: ${read.problem} (is ${dir} a shard folder written by 'reesim run --shard i/n'?)`);
  const issues = new Issues();
  const doc = parseSource(file, read.bytes, issues);
  if (doc) validateShape(shardInfoSchema, doc, { file, path: [], line: 1, col: 1 }, issues, 'shard description (shard.json)');
  issues.throwIfAny();
  const info = shardInfoSchema.parse(doc) as ShardInfo;
  const at = (problem: string): UsageError => new UsageError(`${file}: ${problem}; the shard folder is damaged`);
  if (info.index > info.count) throw at(`index ${info.index} is above the shard count ${info.count}`);
  if (info.draws.some((k) => k >= info.drawCount)) throw at(`it lists a draw beyond its ${info.drawCount} draws`);
  if (info.ids.regions.length * info.ids.products.length !== info.shape.pairs) throw at('its regions and products do not match its record shape');
  if (info.ids.timeline.labels.length !== info.shape.periods) throw at('its timeline does not match its record shape');
  return info;
}

/** Reads a JSON file of a shard folder (bounded); a missing or malformed file is a UsageError on one line. */
async function readJsonFile(path: string): Promise<unknown> {
  const read = await readRegularFile(path, MAX_MANIFEST_BYTES);
  if ('problem' in read) throw new UsageError(`${path}: ${read.problem} (is this a shard folder written by 'reesim run --shard i/n'?)`);
  try {
    return JSON.parse(Buffer.from(read.bytes).toString('utf8'));
  } catch (err) {
    throw new UsageError(`${path}: not valid JSON (${jsonMessage((err as Error).message)})`);
  }
}

/** The size of a regular file of a shard folder; a missing file or anything else (a FIFO) is a UsageError. */
async function shardFileSize(dir: string, name: string): Promise<number> {
  const path = join(dir, name);
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new UsageError(`${path}: missing (is ${dir} a shard folder written by 'reesim run --shard i/n'?)`);
  }
  if (!info.isFile()) throw new UsageError(`${path}: not a regular file; the shard folder is damaged`);
  return info.size;
}

/** Checks that a shard's records.bin holds exactly its draws' records; returns its path. */
async function checkRecordFile(dir: string, info: ShardInfo): Promise<string> {
  const path = join(dir, 'records.bin');
  const expected = info.draws.length * recordBytes(info.shape);
  const size = await shardFileSize(dir, 'records.bin');
  if (size !== expected) throw new UsageError(`${path}: ${size} bytes, but its ${info.draws.length} draws take ${expected}; the shard folder is damaged or incomplete`);
  return path;
}

/** Checks that `shards` form one complete study; returns them sorted by index. */
export function checkShards(shards: readonly { dir: string; info: ShardInfo }[]): { dir: string; info: ShardInfo }[] {
  if (shards.length === 0) throw new UsageError('merge needs at least one shard folder');
  const sorted = [...shards].sort((a, b) => a.info.index - b.info.index);
  const ref = sorted[0].info;
  for (const { dir, info } of sorted) {
    for (const key of ['name', 'scenarioHash', 'seed', 'drawCount', 'count'] as const) {
      if (info[key] !== ref[key]) throw new UsageError(`${dir}: ${key} is ${JSON.stringify(info[key])} but ${sorted[0].dir} has ${JSON.stringify(ref[key])}; shards of different studies cannot be merged`);
    }
  }
  const seen: (string | undefined)[] = Array.from({ length: ref.drawCount }, () => undefined);
  for (const { dir, info } of sorted) {
    for (const k of info.draws) {
      if (seen[k] !== undefined) throw new UsageError(`draw ${k} is in both ${seen[k]} and ${dir}`);
      seen[k] = dir;
    }
  }
  const missing = seen.map((d, k) => (d === undefined ? k : -1)).filter((k) => k >= 0);
  if (missing.length > 0) {
    const have = sorted.map((s) => s.info.index).join(', ');
    throw new UsageError(`the shards hold ${ref.drawCount - missing.length} of ${ref.drawCount} draws (shards ${have} of ${ref.count}); missing draws ${missing.slice(0, 8).join(', ')}${missing.length > 8 ? ', …' : ''}`);
  }
  return sorted;
}

/** Merges shard folders into `<outDir>/<name>/`; returns that folder. */
export async function mergeShards(dirs: readonly string[], outDir: string): Promise<string> {
  const shards = checkShards(await Promise.all(dirs.map(async (dir) => ({ dir, info: await readShardInfo(dir) }))));
  const first = shards[0];
  const central = shards.find((s) => s.info.draws.includes(0));
  if (!central) throw new UsageError('no shard holds draw 0');
  const manifest = await readJsonFile(join(first.dir, 'manifest.json'));
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) throw new UsageError(`${join(first.dir, 'manifest.json')}: expected a JSON object`);
  const merged: Record<string, unknown> = { ...(manifest as Record<string, unknown>), command: withoutShardFlag(String((manifest as Record<string, unknown>).command)) };
  const files = await Promise.all(shards.map(async (s) => ({ path: await checkRecordFile(s.dir, s.info), draws: s.info.draws })));
  const centralTables = ['timeseries.csv', 'flows.csv', 'periods.csv', 'welfare.csv'];
  for (const table of centralTables) await shardFileSize(central.dir, table);
  const target = join(outDir, first.info.name);
  await checkOutputFolder(target);
  await writeFolderAtomically(target, async (tmp) => {
    for (const table of centralTables) await copyFile(join(central.dir, table), join(tmp, table));
    let summaries: Float64Array[];
    try {
      ({ summaries } = await writeMonteCarloTables(tmp, first.info.ids, first.info.shape, files, first.info.drawCount));
    } catch (err) {
      // The records disagree with their description: damaged input, not a bug of the merge.
      if (err instanceof Error && /^record file |is missing from the records/.test(err.message)) throw new UsageError(`the shard records are damaged: ${err.message}`);
      throw err;
    }
    // The shards carry the expectations' definitions; with every draw at hand they can be evaluated.
    if (Array.isArray(merged.expectations)) {
      merged.expectations = evaluateExpectations(merged.expectations as Expectation[], first.info.ids, summaries);
    }
    await writeJson(join(tmp, 'manifest.json'), merged);
  });
  return target;
}

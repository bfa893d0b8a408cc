/**
 * `reesim merge`: combine the shard folders of one study into the folder a single run would have
 * written, byte for byte. The shards must come from the same scenario (hash), seed and draw count, and
 * together hold every draw exactly once.
 */
import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { writeFolderAtomically } from '../output/atomic.js';
import { writeJson } from '../output/json.js';
import type { Expectation } from '../scenario/expectations.js';
import { evaluateExpectations } from './expectations.js';
import { readDrawSummaries, writeMonteCarloTables } from './mcOutputs.js';
import { withoutShardFlag, type ShardInfo } from './runScenario.js';

async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`${path}: not found (is this a shard folder written by 'reesim run --shard i/n'?)`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${path}: not valid JSON (${(err as Error).message})`);
  }
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
  const shards = checkShards(await Promise.all(dirs.map(async (dir) => ({ dir, info: (await readJsonFile(join(dir, 'shard.json'))) as ShardInfo }))));
  const first = shards[0];
  const central = shards.find((s) => s.info.draws.includes(0));
  if (!central) throw new UsageError('no shard holds draw 0');
  const manifest = (await readJsonFile(join(first.dir, 'manifest.json'))) as Record<string, unknown>;
  manifest.command = withoutShardFlag(String(manifest.command));
  const target = join(outDir, first.info.name);
  await writeFolderAtomically(target, async (tmp) => {
    await copyFile(join(central.dir, 'timeseries.csv'), join(tmp, 'timeseries.csv'));
    await copyFile(join(central.dir, 'flows.csv'), join(tmp, 'flows.csv'));
    await copyFile(join(central.dir, 'periods.csv'), join(tmp, 'periods.csv'));
    const files = shards.map((s) => ({ path: join(s.dir, 'records.bin'), draws: s.info.draws }));
    await writeMonteCarloTables(tmp, first.info.ids, first.info.shape, files, first.info.drawCount);
    // The shards carry the expectations' definitions; with every draw at hand they can be evaluated.
    if (Array.isArray(manifest.expectations)) {
      const summaries = readDrawSummaries(files, first.info.shape, first.info.drawCount);
      manifest.expectations = evaluateExpectations(manifest.expectations as Expectation[], first.info.ids, summaries);
    }
    await writeJson(join(tmp, 'manifest.json'), manifest);
  });
  return target;
}

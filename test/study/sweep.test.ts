import { describe, expect, it } from 'vitest';
import { gridPoints, parseSweepArgs, splitValues } from '../../src/study/sweep.js';
import { shardDraws } from '../../src/study/monteCarlo.js';
import { checkShards } from '../../src/study/merge.js';
import { UsageError } from '../../src/errors.js';
import type { ShardInfo } from '../../src/study/runScenario.js';

describe('sweep arguments', () => {
  it('splits values on top-level commas only', () => {
    expect(splitValues('0%, 25%,uniform(1%, 2%)')).toEqual(['0%', '25%', 'uniform(1%, 2%)']);
  });
  it('builds the cartesian grid, first axis slowest', () => {
    const axes = parseSweepArgs(['policies.t.rate=0%,100%', 'policies.b.leakage=10%,20%,30%']);
    expect(gridPoints(axes)).toEqual([
      ['0%', '10%'], ['0%', '20%'], ['0%', '30%'], ['100%', '10%'], ['100%', '20%'], ['100%', '30%'],
    ]);
  });
  it('rejects malformed and repeated axes', () => {
    expect(() => parseSweepArgs(['policies.t.rate'])).toThrow(UsageError);
    expect(() => parseSweepArgs(['a=1', 'a=2'])).toThrow(/given twice/);
    expect(() => parseSweepArgs(['a=1,,2'])).toThrow(/empty value/);
  });
});

describe('shards', () => {
  it('partition the draws: every draw in exactly one shard', () => {
    const all = [1, 2, 3].flatMap((i) => shardDraws(10, i, 3)).sort((a, b) => a - b);
    expect(all).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(shardDraws(10, 2, 3)).toEqual([1, 4, 7]);
  });
  const info = (index: number, count: number, draws: number[], over: Partial<ShardInfo> = {}): { dir: string; info: ShardInfo } => ({
    dir: `s${index}`,
    info: { name: 'x', index, count, drawCount: 6, draws, scenarioHash: 'h', seed: 1, shape: { periods: 1, pairs: 1, inputs: [] }, ids: { regions: [], products: [], timeline: { labels: [] } }, ...over },
  });
  it('merge refuses incomplete, overlapping or foreign shards', () => {
    expect(() => checkShards([info(1, 2, [0, 2, 4])])).toThrow(/missing draws 1, 3, 5/);
    expect(() => checkShards([info(1, 2, [0, 2, 4]), info(1, 2, [0, 2, 4])])).toThrow(/draw 0 is in both/);
    expect(() => checkShards([info(1, 2, [0, 2, 4]), info(2, 2, [1, 3, 5], { seed: 2 })])).toThrow(/seed/);
    expect(checkShards([info(2, 2, [1, 3, 5]), info(1, 2, [0, 2, 4])]).map((s) => s.info.index)).toEqual([1, 2]);
  });
});

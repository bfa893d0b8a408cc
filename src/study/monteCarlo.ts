/**
 * Running many draws: in this process (workers = 1) or on a pool of worker threads (piscina), each
 * draw's record written to its fixed slot in a record file as soon as it arrives. Draw k depends only on
 * (scenario, seed, k) — the loader derives its random streams from them and every draw gets fresh
 * solver instances — so the records are the same whatever the split.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { SolverFactory } from '../engine/index.js';
import type { RunResult } from '../model/types.js';
import type { LoadedScenario, LoadOptions } from '../scenario/index.js';
import { encodeRecord, makeDrawRecord, type DrawRecord, type RecordShape } from './drawRecord.js';
import { runDraw } from './runDraw.js';
import type { DrawOutcome, DrawTask } from './worker.js';

/** How the draws of one run are computed. */
export interface DrawRunOptions {
  readonly file: string;
  readonly loadOptions: LoadOptions;
  readonly workers: number;
  readonly check: boolean;
  /** Called after each finished draw (progress bars). */
  readonly onDraw?: (done: number, total: number) => void;
}

/** Default worker count: one per core, at most the number of draws. */
export function defaultWorkers(draws: number): number {
  return Math.max(1, Math.min(availableParallelism(), draws));
}

/** The draws shard `index` (1-based) of `count` runs: every count-th draw, starting at index − 1. */
export function shardDraws(draws: number, index: number, count: number): number[] {
  const out: number[] = [];
  for (let k = index - 1; k < draws; k += count) out.push(k);
  return out;
}

/**
 * The central draw, whose full results the caller also writes as tables: simulated like any other (in a
 * worker when there is a pool, so that n workers are n threads on n cores), its run handed to `onRun`.
 */
export interface CentralDraw {
  readonly draw: number;
  readonly onRun: (run: RunResult) => void;
}

/** Computes the records of `draws` and writes them, in that order, to `recordPath`. */
export async function runDrawsToFile(
  loaded: LoadedScenario, solvers: SolverFactory, draws: readonly number[], shape: RecordShape, recordPath: string,
  options: DrawRunOptions, central?: CentralDraw,
): Promise<void> {
  const fd = openSync(recordPath, 'w');
  let done = 0;
  const store = (slot: number, rec: DrawRecord) => {
    const bytes = encodeRecord(rec, shape);
    writeSync(fd, bytes, 0, bytes.length, slot * bytes.length);
    options.onDraw?.(++done, draws.length);
  };
  try {
    if (options.workers <= 1 || draws.length <= 1) {
      draws.forEach((draw, slot) => {
        const { model, run, inputs } = runDraw(loaded, draw, solvers, options.check);
        if (draw === central?.draw) central.onRun(run);
        store(slot, makeDrawRecord(model, run, draw, inputs));
      });
      return;
    }
    // Never more threads than draws to hand out (`--workers 100000 --draws 3` would start 100 000).
    const threads = Math.min(options.workers, draws.length);
    const pool = new Piscina({
      filename: new URL('./worker.js', import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
    });
    try {
      // Queued in draw order, so the central draw (the first) starts first.
      const tasks = draws.map(async (draw, slot) => {
        const full = draw === central?.draw;
        const task: DrawTask = { file: options.file, loadOptions: options.loadOptions, draw, check: options.check, full };
        const outcome = (await pool.run(task)) as DrawOutcome;
        if (outcome.run) central?.onRun(outcome.run);
        store(slot, outcome.record);
      });
      await Promise.all(tasks);
    } finally {
      await pool.destroy();
    }
  } finally {
    closeSync(fd);
  }
}

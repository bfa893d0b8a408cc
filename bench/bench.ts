/**
 * Benchmarks, printed as tables; variants that are compared are measured side by side in one process
 * (the machine may be shared and noisy, so a ratio from the same run means more than two absolute times).
 *
 * 1. Engine. A full run (scenario + baseline, 120 months) of the shipped world (scenarios/world-2024.yaml
 *    with a Chinese licence scenario, 2025-01..2034-12), of the same world with every product homogeneous
 *    (the cost of origin-keeping goods, as a ratio), and of a synthetic world of the same size: layout
 *    build time, mean/p95 time per HiGHS solve and per period, time per full run, fixed-point iterations,
 *    the canonical selection's small LPs (src/engine/canonical.ts: how many, their share of the run),
 *    memory. Then the shipped world solved cold every period beside the warm run: the time ratio and the
 *    largest difference of their results (canonical prices and quantities make it ~0).
 * 2. Monte Carlo. Draws per second of the same scenario through the real study code (`runScenarioFile`),
 *    with 1 and 2 worker threads, a few draws each.
 * 3. Aggregation memory. Peak RSS and heap of `writeMonteCarloTables` over synthetic draw records of the
 *    shipped world's dimensions at 100 and 1000 draws, each in a fresh child process.
 *
 * `npm run bench` (builds first; runs from dist because the worker pool loads dist/src/study/worker.js).
 * Flags: `--quick` (engine, shipped world only), `--no-mc`, `--no-agg`, `--draws N` (Monte Carlo draws).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { armingtonBenchmark } from '../src/engine/benchmark.js';
import { buildLayout, coldSolverFactory, loadSolvers, simulate, type SolverChoice, type SolverFactory } from '../src/engine/index.js';
import type { ModelInput } from '../src/model/types.js';
import { realSizeWorld } from './realSizeWorld.js';
import { SUMMARY_MEASURES } from '../src/output/tables.js';
import { loadScenario, resolveDraw } from '../src/scenario/index.js';
import { encodeRecord, QUANTILE_MEASURES, type RecordShape } from '../src/study/drawRecord.js';
import { writeMonteCarloTables } from '../src/study/mcOutputs.js';
import { runScenarioFile } from '../src/study/runScenario.js';

const WORLD = fileURLToPath(new URL('../../scenarios/world-2024.yaml', import.meta.url));
/** The bench scenario: the shipped world, 10 years monthly, China licensing magnets and Dy/Tb. */
function benchScenario(dir: string, draws: number): string {
  const file = join(dir, `bench-licence-${draws}.yaml`);
  writeFileSync(
    file,
    `name: bench-licence
extends: ${JSON.stringify(WORLD)}
period: month
start: 2025-01
end: 2034-12
seed: 7
draws: ${draws}
policies:
  - id: cn-hre-license
    type: export_license
    from: CN
    to: "*"
    products: [oxide.Dy, oxide.Tb, metal.Dy, metal.Tb, magnet.*]
    approval:
      2025-04: "uniform(0%, 10%)"
      2025-06: "uniform(30%, 60%)"
      2026-01: "uniform(70%, 95%)"
    delay: triangular(1, 2, 3) months
    leakage: uniform(0%, 10%)
    start: 2025-04
    announce: 2025-04
`,
  );
  return file;
}

// ------------------------------------------------------------------------------------------------ engine

interface Measure {
  readonly name: string;
  readonly cols: number;
  readonly rows: number;
  readonly nnz: number;
  readonly layoutMs: number;
  readonly solveMs: number[];
  readonly periodMs: number[];
  readonly runMs: number;
  readonly iterations: number[];
  /** Time of each canonical selection: a selection LP, or (native) prices selected from the solver's basis. */
  readonly canonicalMs: number[];
  /** Periods whose optimal quantities left some price free (before the canonical rule). */
  readonly degenerate: number;
  readonly rssMb: number;
  readonly heapMb: number;
  /** The two runs' period solves together, and the clearings outside the period loop (benchmark, warm-up). */
  readonly split: SolveSplit;
  readonly setUp: SolveSplit;
}

/** `call()`, its time pushed to `sink`. */
function timedCall<R>(sink: number[], call: () => R): R {
  const t0 = performance.now();
  const out = call();
  sink.push(performance.now() - t0);
  return out;
}

/** `solve` timed into `sink`, the rest of the solver as it is. */
function timedSolve<L, R, S extends { solve(lp: L): R }>(inner: S, sink: number[]): S {
  return {
    ...inner,
    solve: (lp: L): R => timedCall(sink, () => inner.solve(lp)),
    dispose: () => (inner as { dispose?: () => void }).dispose?.(),
  };
}

/**
 * Solves of one period solver split into the first solve of each of its periods (new bounds: demand,
 * stocks, capacities moved) and the fixed point's later ones (costs only): count, time and simplex
 * iterations (`MarketSolver.simplexIterations`: the native dual simplex's pivots, HiGHS's own count);
 * and the LPs it handed to HiGHS (`MarketSolver.fallbacks`, native only).
 */
interface SolveSplit {
  readonly count: [number, number];
  readonly ms: [number, number];
  readonly iterations: [number, number];
  fallbacks: number;
}
function newSplit(): SolveSplit {
  return { count: [0, 0], ms: [0, 0], iterations: [0, 0], fallbacks: 0 };
}
/** Every period solver a measured simulation created, in order (the last two are its runs'; the others clear outside the period loop). */
let instanceSplits: SolveSplit[] = [];
/** Set by simulate's onPeriod: the next solve is the first of the next run-period (the runs alternate). */
let periodEnded = false;

/** Wraps a factory so that every period solve and every canonical selection (an LP, or from the native basis) is timed. */
function timed(factory: SolverFactory, sink: number[], canonical: number[]): SolverFactory {
  return {
    oneShot: timedSolve(factory.oneShot, canonical),
    selection: () => timedSolve(factory.selection(), canonical),
    create: (layout, choice) => {
      const inner = factory.create(layout, choice);
      const split = newSplit();
      instanceSplits.push(split);
      // The native solver selects the canonical prices from its own basis: timed as canonical selection.
      const select = inner.selectDuals?.bind(inner);
      return {
        solve: (lp) => {
          const k = periodEnded || split.count[0] === 0 ? 0 : 1;
          periodEnded = false;
          const before = inner.simplexIterations ?? 0;
          const out = timedCall(sink, () => inner.solve(lp));
          split.count[k]++;
          split.ms[k] += sink[sink.length - 1];
          split.iterations[k] += (inner.simplexIterations ?? 0) - before;
          return out;
        },
        ...(select && { selectDuals: () => timedCall(canonical, select) }),
        dispose: () => {
          split.fallbacks = inner.fallbacks ?? 0;
          inner.dispose();
        },
      };
    },
  };
}

function sumSplits(splits: readonly SolveSplit[]): SolveSplit {
  const total = newSplit();
  for (const s of splits) {
    for (const k of [0, 1]) {
      total.count[k] += s.count[k];
      total.ms[k] += s.ms[k];
      total.iterations[k] += s.iterations[k];
    }
    total.fallbacks += s.fallbacks;
  }
  return total;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

function measure(name: string, world: ModelInput, factory: SolverFactory): Measure & { result: ReturnType<typeof simulate> } {
  const t0 = performance.now();
  const reps = 3;
  // The layout as a run builds it: with the Armington benchmark when products keep their origin.
  const benchmark = armingtonBenchmark(world, factory);
  let layout = buildLayout(world, benchmark);
  for (let i = 1; i < reps; i++) layout = buildLayout(world, benchmark);
  const layoutMs = (performance.now() - t0) / reps;
  const solveMs: number[] = [];
  const periodMs: number[] = [];
  const iterations: number[] = [];
  const canonicalMs: number[] = [];
  let degenerate = 0;
  instanceSplits = [];
  const r0 = performance.now();
  let last = r0;
  const result = simulate(world, timed(factory, solveMs, canonicalMs), {
    onPeriod: (_audit, result) => {
      const now = performance.now();
      periodMs.push(now - last);
      last = now;
      iterations.push(result.iterations);
      if (result.freeDuals > 0) degenerate++;
      periodEnded = true;
    },
  });
  const runMs = performance.now() - r0;
  const mem = process.memoryUsage();
  return {
    name,
    cols: layout.numCols,
    rows: layout.numRows,
    nnz: layout.starts[layout.numCols],
    layoutMs,
    solveMs,
    periodMs,
    runMs,
    iterations,
    canonicalMs,
    degenerate,
    rssMb: mem.rss / 2 ** 20,
    heapMb: mem.heapUsed / 2 ** 20,
    split: sumSplits(instanceSplits.slice(-2)),
    setUp: sumSplits(instanceSplits.slice(0, -2)),
    result,
  };
}

function engineTable(ms: Measure[]): void {
  console.table(
    ms.map((m) => ({
      variant: m.name,
      'LP cols': m.cols,
      'LP rows': m.rows,
      nnz: m.nnz,
      'layout ms': m.layoutMs.toFixed(1),
      solves: m.solveMs.length,
      'solve mean ms': mean(m.solveMs).toFixed(2),
      'solve p95 ms': quantile(m.solveMs, 0.95).toFixed(2),
      'period mean ms': mean(m.periodMs).toFixed(2),
      'period p95 ms': quantile(m.periodMs, 0.95).toFixed(2),
      'run s (both)': (m.runMs / 1000).toFixed(2),
      'FP iter mean': mean(m.iterations).toFixed(2),
      'FP iter max': Math.max(...m.iterations),
      'periods with free prices': `${m.degenerate} of ${m.periodMs.length}`,
      'canonical LPs': m.canonicalMs.length,
      'canonical share of run': `${((100 * m.canonicalMs.reduce((a, b) => a + b, 0)) / m.runMs).toFixed(0)} %`,
      'RSS MB': m.rssMb.toFixed(0),
      'heap MB': m.heapMb.toFixed(0),
    })),
  );
}

/** Largest relative difference of prices and of consumption between two runs of the same world. */
function divergence(a: ReturnType<typeof simulate>, b: ReturnType<typeof simulate>): { price: number; consumption: number; firstPeriod: number } {
  let price = 0;
  let consumption = 0;
  let firstPeriod = -1;
  for (const kind of ['baseline', 'scenario'] as const)
    a[kind].forEach((x, t) => {
      const y = b[kind][t];
      for (let i = 0; i < x.price.length; i++) {
        const dp = Math.abs(x.price[i] - y.price[i]) / Math.max(1, Math.abs(x.price[i]));
        const dq = Math.abs(x.consumption[i] - y.consumption[i]) / Math.max(1, Math.abs(x.consumption[i]));
        price = Math.max(price, dp);
        consumption = Math.max(consumption, dq);
        if (Math.max(dp, dq) > 1e-9 && (firstPeriod < 0 || t < firstPeriod)) firstPeriod = t;
      }
    });
  return { price, consumption, firstPeriod };
}

async function engineBench(dir: string, quick: boolean): Promise<void> {
  console.log('\n## Engine: one full run = scenario + baseline, 120 months each (+ one warm-up clearing per run)');
  const t0 = performance.now();
  const factory = await loadSolvers();
  console.log(`HiGHS WebAssembly load: ${(performance.now() - t0).toFixed(0)} ms`);
  const loaded = await loadScenario(benchScenario(dir, 1), {});
  const shipped = resolveDraw(loaded, 0).model;
  // Warm up the JIT and the WebAssembly module on a short run.
  const short = (w: ModelInput): ModelInput => ({ ...w, timeline: { ...w.timeline, labels: w.timeline.labels.slice(0, 6) } });
  measure('warm-up', short(shipped), factory);
  // Side by side in one run: the native solver and HiGHS (the reference) on the shipped world.
  const withSolver = (w: ModelInput, solver: SolverChoice): ModelInput => ({ ...w, market: { ...w.market, solver } });
  const native = measure('world-2024, native solver', withSolver(shipped, 'native'), factory);
  const highs = measure('world-2024, HiGHS (--solver highs)', withSolver(shipped, 'highs'), factory);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const gap = divergence(native.result, highs.result);
  console.log(
    `native / HiGHS (world-2024, 120 months, scenario + baseline): run ${(highs.runMs / native.runMs).toFixed(2)}× faster ` +
      `(${(native.runMs / 1000).toFixed(2)} s vs ${(highs.runMs / 1000).toFixed(2)} s); period solves ${(sum(highs.solveMs) / sum(native.solveMs)).toFixed(2)}× faster ` +
      `(mean ${mean(native.solveMs).toFixed(2)} vs ${mean(highs.solveMs).toFixed(2)} ms per solve, ${(sum(native.solveMs) / 1000).toFixed(2)} vs ${(sum(highs.solveMs) / 1000).toFixed(2)} s per run); ` +
      `canonical prices differ by at most ${gap.price.toExponential(1)}, consumption by ${gap.consumption.toExponential(1)} (relative); ` +
      `LPs the native solver handed to HiGHS: ${native.split.fallbacks + native.setUp.fallbacks} of ${native.solveMs.length}`,
  );
  const share = (m: Measure, part: number) => `${((100 * part) / m.runMs).toFixed(0)} %`;
  console.log(
    `where a native run's time goes: period solves ${share(native, sum(native.solveMs))}, canonical selection (prices from the basis, quantity LPs on HiGHS) ${share(native, sum(native.canonicalMs))}, ` +
      `the rest (costs, bounds, propagation, dynamics, outputs) ${share(native, native.runMs - sum(native.solveMs) - sum(native.canonicalMs))}`,
  );
  // What the solves are made of: a period's first solve against the fixed point's later ones, and the
  // simplex iterations each solver needs for the same LPs.
  const splitLine = (m: Measure) => {
    const [first, rest] = [0, 1].map((k) => `${m.split.count[k]} solves, ${(m.split.ms[k] / 1000).toFixed(2)} s, ${m.split.iterations[k]} iterations (${(m.split.iterations[k] / Math.max(1, m.split.count[k])).toFixed(1)} per solve)`);
    const setUp = m.setUp.count[0] + m.setUp.count[1];
    return (
      `first solve of each period: ${first}; later fixed-point solves: ${rest}; ${((1000 * m.split.ms[0]) / Math.max(1, m.split.iterations[0])).toFixed(0)} µs per iteration in first solves; ` +
      `clearings outside the period loop (benchmark, warm-up): ${setUp} solves, ${((m.setUp.ms[0] + m.setUp.ms[1]) / 1000).toFixed(2)} s, ${m.setUp.iterations[0] + m.setUp.iterations[1]} iterations`
    );
  };
  console.log(`native solver: ${splitLine(native)}`);
  console.log(`HiGHS:         ${splitLine(highs)}`);
  const iterationsOf = (m: Measure) => m.split.iterations[0] + m.split.iterations[1];
  console.log(`simplex iterations per run, same LPs: native ${iterationsOf(native)}, HiGHS ${iterationsOf(highs)} (${(iterationsOf(highs) / Math.max(1, iterationsOf(native))).toFixed(2)}×)`);
  // The shipped world as it is (products keep their origin) and with every product homogeneous.
  const homogeneous: ModelInput = { ...shipped, products: shipped.products.map((p) => ({ ...p, substitution: null, qualification: null, contracts: null })) };
  const results: Measure[] = [native];
  const flat = measure('world-2024, homogeneous goods', homogeneous, factory);
  console.log(`origin-keeping goods / homogeneous (world-2024): run time ${(results[0].runMs / flat.runMs).toFixed(2)}×, LP columns ${(results[0].cols / flat.cols).toFixed(2)}×, rows ${(results[0].rows / flat.rows).toFixed(2)}×`);
  if (!quick) {
    results.push(measure('synthetic real-size, grid 2 %', realSizeWorld(1, 1.02), factory));
    results.push(measure('synthetic real-size, grid 5 %', realSizeWorld(1, 1.05), factory));
  }
  engineTable([native, highs, flat, ...results.slice(1)]);
  if (results.length > 2) {
    const [, a, b] = results;
    console.log(`ratio grid 5 % / grid 2 % (synthetic): run time ${(b.runMs / a.runMs).toFixed(2)}, mean solve ${(mean(b.solveMs) / mean(a.solveMs)).toFixed(2)}, LP columns ${(b.cols / a.cols).toFixed(2)}`);
  }
  // The same world solved cold every period (a fresh HiGHS model per solve, no basis carried over; a cold
  // native solve starts from the all-logical basis, ~1,000 pivots, too slow to run 805 times here).
  const w0 = performance.now();
  const warm = simulate(withSolver(shipped, 'highs'), factory);
  const warmMs = performance.now() - w0;
  const c0 = performance.now();
  const cold = simulate(withSolver(shipped, 'highs'), coldSolverFactory(factory));
  const coldMs = performance.now() - c0;
  const d = divergence(warm, cold);
  console.log(
    `world-2024 (HiGHS) solved cold every period / warm-started: run time ${(coldMs / warmMs).toFixed(2)}×; results differ by at most ` +
      `${d.price.toExponential(1)} (prices) and ${d.consumption.toExponential(1)} (consumption), relative — path-independent (canonical prices and quantities)`,
  );
}


// ------------------------------------------------------------------------------------------- Monte Carlo

async function monteCarloBench(dir: string, draws: number): Promise<void> {
  console.log(`\n## Monte Carlo: world-2024 + licence scenario, 120 months, scenario + baseline per draw, ${draws} draws per row (kept small so the bench stays short)`);
  console.log(`machine: ${availableParallelism()} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (a loaded machine caps the 2-worker speed-up)`);
  const solvers = await loadSolvers();
  const file = benchScenario(dir, draws);
  const rows: Record<string, string | number>[] = [];
  const seconds: number[] = [];
  for (const workers of [1, 2]) {
    const out = join(dir, `mc-${workers}`);
    const t0 = performance.now();
    await runScenarioFile(file, solvers, { outDir: out, command: 'bench', workers });
    const s = (performance.now() - t0) / 1000;
    seconds.push(s);
    rows.push({ workers, draws, 'wall s': s.toFixed(1), 'draws/s': (draws / s).toFixed(3), 's/draw': (s / draws).toFixed(2) });
    rmSync(out, { recursive: true, force: true });
  }
  console.table(rows);
  console.log(`at the 2-worker rate, 1,000 draws would take ${((1000 * seconds[1]) / draws / 60).toFixed(0)} min (issue "A thousand draws in minutes" asks for 5)`);
  console.log(
    `speed-up 2 workers / 1 worker: ${(seconds[0] / seconds[1]).toFixed(2)}× (every draw, the central one too, runs on the pool: 2 workers ` +
      `are 2 threads on ${availableParallelism()} cores; the ideal is 2× on 2 free cores; the wall time includes loading, worker start-up and writing the tables)`,
  );
}

// --------------------------------------------------------------------------------- aggregation memory

/** Dimensions of the synthetic records: the shipped world's. */
interface Dims {
  readonly regions: number;
  readonly products: number;
  readonly periods: number;
  readonly inputs: number;
}

/** Child process: writes `draws` synthetic records of the given dimensions and aggregates them. */
async function aggregationChild(draws: number, dir: string, dims: Dims): Promise<void> {
  const { regions, products, periods } = dims;
  const shape: RecordShape = {
    periods,
    pairs: regions * products,
    inputs: Array.from({ length: dims.inputs }, (_, i) => ({ path: `policies.p.input${i}`, unit: 'fraction' })),
  };
  const ids = {
    regions: Array.from({ length: regions }, (_, r) => ({ id: `R${r}` })),
    products: Array.from({ length: products }, (_, p) => ({ id: `P${p}` })),
    timeline: { labels: Array.from({ length: periods }, (_, t) => `${2025 + Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`) },
  };
  // Deterministic pseudo-random numbers (a small LCG: no Math.random in the repository).
  let state = 12345;
  const rnd = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const recordPath = join(dir, 'records.bin');
  const fd = openSync(recordPath, 'w');
  for (let k = 0; k < draws; k++) {
    const summary = Float64Array.from({ length: shape.pairs * SUMMARY_MEASURES.length }, () => rnd() * 100);
    const cells = Float32Array.from({ length: periods * shape.pairs * QUANTILE_MEASURES.length }, () => rnd() * 100);
    const inputs = Float64Array.from({ length: shape.inputs.length }, () => rnd());
    const bytes = encodeRecord({ draw: k, nonConverged: 0, summary, cells, inputs }, shape);
    writeSync(fd, bytes, 0, bytes.length, k * bytes.length);
  }
  closeSync(fd);
  global.gc?.();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  let peakRss = before.rss;
  const sample = setInterval(() => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  }, 2);
  const t0 = performance.now();
  await writeMonteCarloTables(dir, ids, shape, [{ path: recordPath, draws: Array.from({ length: draws }, (_, k) => k) }], draws);
  const ms = performance.now() - t0;
  clearInterval(sample);
  const after = process.memoryUsage();
  peakHeap = Math.max(peakHeap, after.heapUsed);
  peakRss = Math.max(peakRss, after.rss);
  process.stdout.write(
    JSON.stringify({ draws, recordMb: (draws * (encodeRecord({ draw: 0, nonConverged: 0, summary: new Float64Array(shape.pairs * SUMMARY_MEASURES.length), cells: new Float32Array(periods * shape.pairs * QUANTILE_MEASURES.length), inputs: new Float64Array(shape.inputs.length) }, shape).length)) / 2 ** 20, ms, rssBefore: before.rss, peakRss, heapBefore: before.heapUsed, peakHeap }),
  );
}

async function aggregationBench(dir: string): Promise<void> {
  const loaded = await loadScenario(benchScenario(dir, 2), {});
  const first = resolveDraw(loaded, 0);
  const dims: Dims = { regions: first.model.regions.length, products: first.model.products.length, periods: first.model.timeline.labels.length, inputs: first.inputs.length };
  console.log(
    `\n## Monte Carlo aggregation memory: synthetic records of the shipped world's shape (${dims.regions} regions × ${dims.products} products × ` +
      `${dims.periods} months, ${dims.inputs} drawn inputs) → record file → writeMonteCarloTables, one child process per row`,
  );
  const rows: Record<string, string | number>[] = [];
  for (const draws of [100, 1000]) {
    const sub = mkdtempSync(join(dir, `agg-${draws}-`));
    const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--aggregate-child', String(draws), sub, JSON.stringify(dims)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    rmSync(sub, { recursive: true, force: true });
    if (child.status !== 0) throw new Error(`aggregation child (${draws} draws) failed: ${child.stderr}`);
    const r = JSON.parse(child.stdout) as Record<string, number>;
    const mb = (b: number) => (b / 2 ** 20).toFixed(0);
    rows.push({
      draws,
      'record file MB': r.recordMb.toFixed(0),
      'aggregation s': (r.ms / 1000).toFixed(1),
      'RSS before MB': mb(r.rssBefore),
      'peak RSS MB': mb(r.peakRss),
      'heap before MB': mb(r.heapBefore),
      'peak heap MB': mb(r.peakHeap),
    });
  }
  console.table(rows);
  const [a, b] = rows;
  console.log(
    `peak heap 1000 / 100 draws: ${(Number(b['peak heap MB']) / Number(a['peak heap MB'])).toFixed(2)}×; ` +
      `peak RSS: ${(Number(b['peak RSS MB']) / Number(a['peak RSS MB'])).toFixed(2)}× (1 = flat; RSS and heap sampled every 2 ms during aggregation)`,
  );
}

// ------------------------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const child = argv.indexOf('--aggregate-child');
  if (child >= 0) return aggregationChild(Number(argv[child + 1]), argv[child + 2], JSON.parse(argv[child + 3]) as Dims);
  const quick = argv.includes('--quick');
  const drawsAt = argv.indexOf('--draws');
  const draws = drawsAt >= 0 ? Math.max(2, Number(argv[drawsAt + 1])) : 5;
  const dir = mkdtempSync(join(tmpdir(), 'reesim-bench-'));
  try {
    const t0 = performance.now();
    await engineBench(dir, quick);
    if (!quick && !argv.includes('--no-mc')) await monteCarloBench(dir, draws);
    if (!quick && !argv.includes('--no-agg')) await aggregationBench(dir);
    console.log(`\nbench total: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});

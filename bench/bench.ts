/**
 * Engine benchmark on a synthetic world the size of the real one (12 regions, 13 products, monthly, 10
 * years, a licence and a tariff scenario): layout build time, time per period solve (one HiGHS solve;
 * a period may take several in the fixed point), time per period, time per full run (scenario +
 * baseline, 120 months each), fixed-point iterations and memory. Variants are measured side by side in
 * the same process and compared as ratios. `npm run bench` (builds first); `--quick` runs one variant.
 */
import { performance } from 'node:perf_hooks';
import { buildLayout, loadHighsSolver, simulate, type MarketSolver, type SolverFactory } from '../src/engine/index.js';
import type { ModelInput } from '../src/model/types.js';
import { realSizeWorld } from '../src/model/synthetic.js';

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
  readonly rssMb: number;
  readonly heapMb: number;
}

/** Wraps a factory so that every solve is timed. */
function timed(factory: SolverFactory, sink: number[]): SolverFactory {
  return {
    create(layout) {
      const inner: MarketSolver = factory.create(layout);
      return {
        solve(lp) {
          const t0 = performance.now();
          const out = inner.solve(lp);
          sink.push(performance.now() - t0);
          return out;
        },
        dispose: () => inner.dispose(),
      };
    },
  };
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

function measure(name: string, world: ModelInput, factory: SolverFactory): Measure {
  const t0 = performance.now();
  const reps = 3;
  let layout = buildLayout(world);
  for (let i = 1; i < reps; i++) layout = buildLayout(world);
  const layoutMs = (performance.now() - t0) / reps;
  const solveMs: number[] = [];
  const periodMs: number[] = [];
  const iterations: number[] = [];
  let last = 0;
  const r0 = performance.now();
  last = r0;
  simulate(world, timed(factory, solveMs), {
    onPeriod: (_audit, result) => {
      const now = performance.now();
      periodMs.push(now - last);
      last = now;
      iterations.push(result.iterations);
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
    rssMb: mem.rss / 2 ** 20,
    heapMb: mem.heapUsed / 2 ** 20,
  };
}

function table(ms: Measure[]): void {
  const rows = ms.map((m) => ({
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
    'RSS MB': m.rssMb.toFixed(0),
    'heap MB': m.heapMb.toFixed(0),
  }));
  console.table(rows);
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const t0 = performance.now();
  const factory = await loadHighsSolver();
  console.log(`HiGHS WebAssembly load: ${(performance.now() - t0).toFixed(0)} ms`);
  const variants: [string, ModelInput][] = [['grid 2 % (default)', realSizeWorld(1, 1.02)]];
  if (!quick) variants.push(['grid 5 %', realSizeWorld(1, 1.05)]);
  measure('warm-up', { ...realSizeWorld(1, 1.05), timeline: { ...realSizeWorld(1, 1.05).timeline, labels: ['2025-01', '2025-02'] } }, factory);
  const results = variants.map(([name, world]) => measure(name, world, factory));
  table(results);
  if (results.length > 1) {
    const [a, b] = results;
    console.log(`ratio ${b.name} / ${a.name}: run time ${(b.runMs / a.runMs).toFixed(2)}, mean solve ${(mean(b.solveMs) / mean(a.solveMs)).toFixed(2)}, LP columns ${(b.cols / a.cols).toFixed(2)}`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});

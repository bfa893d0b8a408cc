/**
 * The Monte Carlo tables, computed from draw records however they were produced (one process, a worker
 * pool, or shards merged later): summary.csv with central/mean/p5/p50/p95, timeseries_quantiles.csv,
 * draws.csv and sensitivity.csv. Statistics are over draws 1…n−1 (the random draws); draw 0 (central
 * values) is reported beside them as `central`.
 *
 * Memory stays flat in the number of draws except for the summaries (pairs × measures × draws doubles,
 * ~12 MB at 1000 draws on the shipped world): the per-period cells are read back from the record files
 * one period at a time.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { writeCsv } from '../output/csv.js';
import { formatKind, type ColumnKind } from '../output/format.js';
import { SUMMARY_MEASURES, REPORT_EPS_T } from '../output/tables.js';
import { QUANTILE_MEASURES, cellsOffset, decodeRecordHead, recordBytes, type RecordShape } from './drawRecord.js';
import { sampleStats, spearman, type SampleStats } from './quantiles.js';

/** The ids and labels the tables need (a ModelInput has them; a shard stores them). */
export interface TableIds {
  readonly regions: readonly { readonly id: string }[];
  readonly products: readonly { readonly id: string }[];
  readonly timeline: { readonly labels: readonly string[] };
}

/** A file of fixed-size records and the draw each slot holds. */
export interface RecordFile {
  readonly path: string;
  readonly draws: readonly number[];
}

/** Where each draw's record lives. */
interface Slot { readonly file: number; readonly index: number }

const STATISTICS = ['central', 'mean', 'p5', 'p50', 'p95'] as const;

/** Columns of the Monte Carlo summary.csv. */
export const MC_SUMMARY_COLUMNS = ['statistic', 'region', 'product', ...SUMMARY_MEASURES.map((m) => m.name)];
/** Columns of timeseries_quantiles.csv. */
export const QUANTILE_COLUMNS = ['period', 'region', 'product', 'measure', ...STATISTICS];
/** Columns of sensitivity.csv. */
export const SENSITIVITY_COLUMNS = ['input', 'unit', 'output', 'correlation', 'rank', 'beyond_noise'];

/**
 * |ρ| below which a rank correlation over n draws is indistinguishable from none (≈ the two-sided 95 %
 * bound of ρ under independence, 1.96/√(n−1)): rankings of inputs inside it are noise.
 */
export function correlationNoise(n: number): number {
  return n > 1 ? 1.96 / Math.sqrt(n - 1) : 1;
}

const QUANTILE_KIND: Record<(typeof QUANTILE_MEASURES)[number], ColumnKind> = {
  price_usd_per_kg: 'price', price_change_pct: 'pct', shortage_t: 'tonnes', consumption_t: 'tonnes', unmet_t: 'tonnes', imports_t: 'tonnes',
};

function statValue(stats: SampleStats | null, central: number, which: (typeof STATISTICS)[number]): number | null {
  if (which === 'central') return Number.isFinite(central) ? central : null;
  return stats === null ? null : stats[which];
}

/** Reads every record's head (summary and inputs), indexed by draw. */
function readHeads(files: readonly RecordFile[], shape: RecordShape, draws: number) {
  const size = recordBytes(shape);
  const headBytes = cellsOffset(shape, 0);
  const summaries: Float64Array[] = new Array(draws);
  const inputs: Float64Array[] = new Array(draws);
  const nonConverged = new Float64Array(draws);
  const slots: Slot[] = new Array(draws);
  const buf = Buffer.alloc(headBytes);
  files.forEach((f, fi) => {
    const fd = openSync(f.path, 'r');
    try {
      f.draws.forEach((draw, index) => {
        readSync(fd, buf, 0, headBytes, index * size);
        const head = decodeRecordHead(buf, shape);
        if (head.draw !== draw) throw new Error(`record file ${f.path}: slot ${index} holds draw ${head.draw}, expected ${draw}`);
        summaries[draw] = head.summary;
        inputs[draw] = head.inputs;
        nonConverged[draw] = head.nonConverged;
        slots[draw] = { file: fi, index };
      });
    } finally {
      closeSync(fd);
    }
  });
  for (let k = 0; k < draws; k++) if (!slots[k]) throw new Error(`draw ${k} is missing from the records`);
  return { summaries, inputs, nonConverged, slots };
}

/**
 * Writes summary.csv, timeseries_quantiles.csv, draws.csv and sensitivity.csv into `dir`; returns how many
 * draws had periods whose price fixed point did not converge, and every draw's summary values (pair-major,
 * SUMMARY_MEASURES order, NaN = undefined, indexed by draw) for the expectations.
 */
export async function writeMonteCarloTables(
  dir: string,
  model: TableIds,
  shape: RecordShape,
  files: readonly RecordFile[],
  draws: number,
): Promise<{ unsettled: number; summaries: Float64Array[] }> {
  const { summaries, inputs, nonConverged, slots } = readHeads(files, shape, draws);
  const P = model.products.length;
  const M = SUMMARY_MEASURES.length;
  const random = Array.from({ length: draws - 1 }, (_, j) => j + 1);
  const pairName = (i: number) => [model.regions[Math.floor(i / P)].id, model.products[i % P].id] as const;
  const isActive = (i: number) => random.concat([0]).some((k) => Number.isFinite(summaries[k][i * M]));
  const active = Array.from({ length: shape.pairs }, (_, i) => i).filter(isActive);

  // summary.csv
  await writeCsv(join(dir, 'summary.csv'), MC_SUMMARY_COLUMNS, (function* () {
    for (const i of active) {
      const stats = SUMMARY_MEASURES.map((_, m) => sampleStats(random.map((k) => summaries[k][i * M + m])));
      for (const which of STATISTICS) {
        yield [which, ...pairName(i), ...SUMMARY_MEASURES.map((meas, m) => formatKind(statValue(stats[m], summaries[0][i * M + m], which), meas.kind))];
      }
    }
  })());

  // timeseries_quantiles.csv, one period at a time from the record files.
  const fds = files.map((f) => openSync(f.path, 'r'));
  try {
    const K = QUANTILE_MEASURES.length;
    const size = recordBytes(shape);
    const sliceBytes = 4 * shape.pairs * K;
    const slice = Buffer.alloc(sliceBytes);
    await writeCsv(join(dir, 'timeseries_quantiles.csv'), QUANTILE_COLUMNS, (function* () {
      for (let t = 0; t < shape.periods; t++) {
        const perDraw: Float32Array[] = new Array(draws);
        for (let k = 0; k < draws; k++) {
          const slot = slots[k];
          readSync(fds[slot.file], slice, 0, sliceBytes, slot.index * size + cellsOffset(shape, t));
          perDraw[k] = new Float32Array(slice.buffer.slice(slice.byteOffset, slice.byteOffset + sliceBytes));
        }
        for (const i of active) {
          for (let m = 0; m < K; m++) {
            const at = i * K + m;
            const stats = sampleStats(random.map((k) => perDraw[k][at]));
            const measure = QUANTILE_MEASURES[m];
            yield [model.timeline.labels[t], ...pairName(i), measure,
              ...STATISTICS.map((which) => formatKind(statValue(stats, perDraw[0][at], which), QUANTILE_KIND[measure]))];
          }
        }
      }
    })());
  } finally {
    for (const fd of fds) closeSync(fd);
  }

  // draws.csv: inputs per draw, plus each product's cumulative shortage summed over regions.
  const shortageM = SUMMARY_MEASURES.findIndex((m) => m.name === 'cumulative_shortage_t');
  const peakPriceM = SUMMARY_MEASURES.findIndex((m) => m.name === 'peak_price_usd_per_kg');
  const productTotals = (k: number) => {
    const totals = new Float64Array(P);
    for (const i of active) {
      const v = summaries[k][i * M + shortageM];
      if (Number.isFinite(v)) totals[i % P] += v;
    }
    return totals;
  };
  const totals = Array.from({ length: draws }, (_, k) => productTotals(k));
  const shortProducts = model.products.map((_, p) => p).filter((p) => totals.some((tot) => tot[p] > REPORT_EPS_T));
  await writeCsv(join(dir, 'draws.csv'),
    ['draw', ...shape.inputs.map((x) => `${x.path} [${x.unit}]`), ...shortProducts.map((p) => `${model.products[p].id}_cumulative_shortage_t`), 'nonconverged_periods'],
    (function* () {
      for (let k = 0; k < draws; k++) {
        yield [
          String(k), ...Array.from(inputs[k], (v) => formatKind(v, 'fraction')), ...shortProducts.map((p) => formatKind(totals[k][p], 'tonnes')),
          formatKind(nonConverged[k], 'count'),
        ];
      }
    })());

  // sensitivity.csv: Spearman correlation of each input with each varying output, ranked by |ρ|.
  await writeCsv(join(dir, 'sensitivity.csv'), SENSITIVITY_COLUMNS, (function* () {
    if (random.length < 3) return;
    for (const i of active) {
      for (const m of [shortageM, peakPriceM]) {
        const y = random.map((k) => summaries[k][i * M + m]);
        if (y.some((v) => !Number.isFinite(v))) continue;
        const rows = shape.inputs
          .map((input, j) => ({ input, rho: spearman(random.map((k) => inputs[k][j]), y) }))
          .filter((r): r is { input: { path: string; unit: string }; rho: number } => r.rho !== null)
          .sort((a, b) => Math.abs(b.rho) - Math.abs(a.rho) || (a.input.path < b.input.path ? -1 : 1));
        const output = `${pairName(i).join(':')}:${SUMMARY_MEASURES[m].name}`;
        const noise = correlationNoise(random.length);
        for (let r = 0; r < rows.length; r++) {
          yield [rows[r].input.path, rows[r].input.unit, output, formatKind(rows[r].rho, 'fraction'), String(r + 1), Math.abs(rows[r].rho) > noise ? 'yes' : 'no'];
        }
      }
    }
  })());
  return { unsettled: nonConverged.filter((n) => n > 0).length, summaries };
}

/**
 * What a Monte Carlo draw leaves behind: a compact, fixed-size record of numbers (its summary per
 * region × product, the per-period cells whose quantiles are reported, and its drawn inputs). Records
 * are plain typed arrays, so workers can transfer them and shards can store them as raw bytes.
 */
import type { ModelInput, RunResult } from '../model/types.js';
import { pctChange } from '../output/format.js';
import { nonConvergedPeriods, SUMMARY_MEASURES, summarize } from '../output/tables.js';

/** Per-period measures whose distribution goes to timeseries_quantiles.csv, in this order. */
export const QUANTILE_MEASURES = [
  'price_usd_per_kg', 'price_change_pct', 'shortage_t', 'consumption_t', 'unmet_t', 'imports_t',
] as const;

/** The shape every record of one Monte Carlo run shares. */
export interface RecordShape {
  readonly periods: number;
  /** Region × product pairs (R·P). */
  readonly pairs: number;
  /** Drawn input paths with units, in resolveDraw's stable order. */
  readonly inputs: readonly { path: string; unit: string }[];
}

/** One draw's numbers. NaN marks "not defined" (an inactive pair, a % change against zero). */
export interface DrawRecord {
  readonly draw: number;
  /** Periods (of both runs) whose price fixed point did not converge. */
  readonly nonConverged: number;
  /** pairs × SUMMARY_MEASURES.length, pair-major. */
  readonly summary: Float64Array;
  /** periods × pairs × QUANTILE_MEASURES.length, period-major (Float32: quantiles need no more). */
  readonly cells: Float32Array;
  readonly inputs: Float64Array;
}

/** Float64 numbers before the summary: the draw index and its count of non-converged periods. */
const HEAD = 2;

/** Bytes of one record on disk (the head as float64 first, then the three arrays). */
export function recordBytes(shape: RecordShape): number {
  return 8 * (HEAD + shape.pairs * SUMMARY_MEASURES.length + shape.inputs.length) + 4 * shape.periods * shape.pairs * QUANTILE_MEASURES.length;
}

/** A run's summary values, pair-major in SUMMARY_MEASURES order (NaN = undefined): what expectations read. */
export function summaryVector(model: ModelInput, run: RunResult): Float64Array {
  const M = SUMMARY_MEASURES.length;
  const summary = new Float64Array(model.regions.length * model.products.length * M).fill(Number.NaN);
  for (const [i, values] of summarize(model, run)) {
    for (let m = 0; m < M; m++) summary[i * M + m] = values[m] ?? Number.NaN;
  }
  return summary;
}

/** Builds the record of one simulated draw. */
export function makeDrawRecord(model: ModelInput, run: RunResult, draw: number, inputs: readonly { value: number }[]): DrawRecord {
  const pairs = model.regions.length * model.products.length;
  const K = QUANTILE_MEASURES.length;
  const summary = summaryVector(model, run);
  const T = run.scenario.length;
  const cells = new Float32Array(T * pairs * K);
  for (let t = 0; t < T; t++) {
    const s = run.scenario[t];
    const b = run.baseline[t];
    for (let i = 0; i < pairs; i++) {
      const at = (t * pairs + i) * K;
      cells[at] = s.price[i];
      cells[at + 1] = pctChange(s.price[i], b.price[i]) ?? Number.NaN;
      cells[at + 2] = s.shortage[i];
      cells[at + 3] = s.consumption[i];
      cells[at + 4] = s.unmet[i];
      cells[at + 5] = s.imports[i];
    }
  }
  return { draw, nonConverged: nonConvergedPeriods(model, run).length, summary, cells, inputs: Float64Array.from(inputs, (x) => x.value) };
}

/** Serialises a record into `shape`'s fixed-size byte layout. */
export function encodeRecord(rec: DrawRecord, shape: RecordShape): Buffer {
  const buf = Buffer.alloc(recordBytes(shape));
  let at = 0;
  buf.writeDoubleLE(rec.draw, at); at += 8;
  buf.writeDoubleLE(rec.nonConverged, at); at += 8;
  Buffer.from(rec.summary.buffer, rec.summary.byteOffset, rec.summary.byteLength).copy(buf, at); at += rec.summary.byteLength;
  Buffer.from(rec.inputs.buffer, rec.inputs.byteOffset, rec.inputs.byteLength).copy(buf, at); at += rec.inputs.byteLength;
  Buffer.from(rec.cells.buffer, rec.cells.byteOffset, rec.cells.byteLength).copy(buf, at);
  return buf;
}

/** Reads the summary and inputs of a record (not its cells, which are read per period). */
export function decodeRecordHead(buf: Buffer, shape: RecordShape): { draw: number; nonConverged: number; summary: Float64Array; inputs: Float64Array } {
  const M = SUMMARY_MEASURES.length;
  const draw = buf.readDoubleLE(0);
  const nonConverged = buf.readDoubleLE(8);
  const summary = new Float64Array(shape.pairs * M);
  const inputs = new Float64Array(shape.inputs.length);
  let at = 8 * HEAD;
  for (let i = 0; i < summary.length; i++, at += 8) summary[i] = buf.readDoubleLE(at);
  for (let i = 0; i < inputs.length; i++, at += 8) inputs[i] = buf.readDoubleLE(at);
  return { draw, nonConverged, summary, inputs };
}

/** Byte offset, inside a record, of period t's cells. */
export function cellsOffset(shape: RecordShape, t: number): number {
  return 8 * (HEAD + shape.pairs * SUMMARY_MEASURES.length + shape.inputs.length) + 4 * t * shape.pairs * QUANTILE_MEASURES.length;
}

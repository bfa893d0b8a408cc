/** Streamed CSV writing with an explicit, stable column order (csv-stringify). */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';

/** Writes `rows` (already formatted cells, in `columns` order) to `file` with a header row. */
export async function writeCsv(file: string, columns: readonly string[], rows: Iterable<readonly string[]>): Promise<void> {
  await pipeline(
    Readable.from(rows, { objectMode: true }),
    stringify({ header: true, columns: [...columns], record_delimiter: 'unix' }),
    createWriteStream(file),
  );
}

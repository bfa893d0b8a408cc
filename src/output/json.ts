/** JSON files with sorted-free but stable formatting (two-space indent, trailing newline). */
import { writeFile } from 'node:fs/promises';

/** Writes `value` as pretty JSON; throws on non-finite numbers, which JSON would silently turn into null. */
export async function writeJson(file: string, value: unknown): Promise<void> {
  const text = JSON.stringify(value, (_key, v) => {
    if (typeof v === 'number' && !Number.isFinite(v)) throw new RangeError(`refusing to write a non-finite number (${v}) to ${file}`);
    return v;
  }, 2);
  await writeFile(file, `${text}\n`);
}

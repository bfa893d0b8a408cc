/**
 * Number formatting for spreadsheet-ready CSV: fixed decimals (no exponent notation for any magnitude a
 * spreadsheet meets), trailing zeros trimmed, `-0` folded to `0`. A non-finite number is a bug upstream,
 * so it throws instead of writing NaN or Infinity into a file someone will trust.
 */

/** Formats `x` with at most `decimals` decimals, e.g. formatNumber(1234.5000, 3) = "1234.5". */
export function formatNumber(x: number, decimals: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`refusing to write a non-finite number (${x})`);
  // toFixed never uses exponent notation below 1e21; quantities and prices here stay far below that.
  let s = Math.abs(x) < 1e21 ? x.toFixed(decimals) : String(Math.round(x));
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

/** Decimals per kind of column: tonnes to the kilogram, prices to a hundredth of a cent, money to the dollar. */
export const DECIMALS = {
  tonnes: 3,
  price: 4,
  pct: 3,
  fraction: 6,
  usd: 0,
  count: 0,
} as const;

export type ColumnKind = keyof typeof DECIMALS;

/** Formats a value of the given column kind; null (undefined, e.g. a change against zero) is an empty cell. */
export function formatKind(x: number | null, kind: ColumnKind): string {
  return x === null ? '' : formatNumber(x, DECIMALS[kind]);
}

/**
 * Percentage change of `value` against `base`: 0 when both are ~0, null (an empty cell, not a fake
 * number) when the base is ~0 or negative — a price that is negative (surplus that costs money to
 * dispose of) has no meaningful percentage change; the absolute change is reported beside it.
 */
export function pctChange(value: number, base: number): number | null {
  const eps = 1e-12;
  if (Math.abs(base) < eps && Math.abs(value) < eps) return 0;
  if (base < eps) return null;
  return ((value - base) / base) * 100;
}

/** Number labels for axes and tooltips-free charts: exact decimals, thousands grouped with a thin space. */

/** `x` with `decimals` decimals and thousands grouped ("12 500", "-0.25"); `-0` prints as "0". */
export function formatLabel(x: number, decimals: number): string {
  const s = (Math.abs(x) < 0.5 * 10 ** -decimals ? 0 : x).toFixed(decimals);
  const [int, frac] = s.split('.');
  const sign = int.startsWith('-') ? '−' : '';
  const digits = int.replace('-', '');
  const grouped = digits.length > 4 ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009') : digits;
  return `${sign}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

/** Decimals to show for a value of this magnitude in a table: 0 from 100 up, 1 from 10, 2 below, 3 below 0.1. */
export function displayDecimals(x: number): number {
  const a = Math.abs(x);
  if (a >= 100 || a === 0) return 0;
  if (a >= 10) return 1;
  if (a >= 0.1) return 2;
  return 3;
}

/** A value formatted for reading (magnitude-dependent decimals, trailing zeros dropped), e.g. 1234.567 → "1 235", 5 → "5". */
export function formatReadable(x: number): string {
  const s = formatLabel(x, displayDecimals(x));
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** Plain-text tables for the terminal: left-aligned text, right-aligned numbers, two spaces apart. */

/** Renders rows (first row = header) as aligned text lines. */
export function textTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, cell.length); });
  const numeric = (s: string) => /^[-+]?[\d.,]+(e[-+]?\d+)?[%×x]?$/i.test(s);
  return rows.map((row) => row.map((cell, i) => (numeric(cell) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd()).join('\n');
}

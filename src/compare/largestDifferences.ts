/**
 * compare.txt: the few numbers a reader wants first — the region × product pairs whose central values
 * differ most between the two runs, in cumulative shortage and in mean price change, with both values.
 */
import { formatKind, type ColumnKind } from '../output/format.js';
import type { PairComparison, SummaryComparison } from './compareSummaries.js';
import { measureKind } from './compareSummaries.js';

/** The measures ranked in compare.txt, with their readable names. */
export const RANKED_MEASURES: readonly { name: string; label: string }[] = [
  { name: 'cumulative_shortage_t', label: 'cumulative shortage (t)' },
  { name: 'mean_price_change_pct', label: 'mean price change vs baseline (%)' },
];

/** The `n` central rows with the largest |b − a| in `measure` (ties keep file order; zero and undefined differences are left out). */
export function largestDifferences(cmp: SummaryComparison, measure: string, n: number): PairComparison[] {
  return cmp.rows
    .filter((r) => r.statistic === 'central')
    .filter((r) => {
      const d = r.measures.get(measure)?.diff;
      return d !== null && d !== undefined && Math.abs(d) > 0;
    })
    .map((r, i) => ({ r, i, d: Math.abs(r.measures.get(measure)?.diff as number) }))
    .sort((x, y) => y.d - x.d || x.i - y.i)
    .slice(0, n)
    .map((x) => x.r);
}

function signed(x: number | null, kind: ColumnKind): string {
  const s = formatKind(x, kind);
  return x !== null && x > 0 && s !== '0' ? `+${s}` : s === '' ? '–' : s;
}

/** Lays out rows of cells as left-aligned text columns (numbers right-aligned). */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[], numeric: readonly boolean[]): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: readonly string[]) =>
    `  ${cells.map((x, c) => (numeric[c] ? x.padStart(widths[c]) : x.padEnd(widths[c]))).join('  ')}`.trimEnd();
  return [line(header), ...rows.map(line)];
}

/**
 * A warning when the runs cover different periods: cumulative measures then differ partly because one
 * run is longer, which a reader of the top-10 list must know. Null when the horizons match.
 */
export function horizonNote(periodsA: readonly string[], periodsB: readonly string[]): string | null {
  const span = (p: readonly string[]) => (p.length === 0 ? 'no periods' : `${p[0]} – ${p[p.length - 1]}, ${p.length} periods`);
  if (periodsA.length === periodsB.length && periodsA.every((p, i) => p === periodsB[i])) return null;
  return `Note: the runs cover different periods (a: ${span(periodsA)}; b: ${span(periodsB)}); cumulative measures are not like for like.`;
}

/** The text of compare.txt (also printed by `reesim compare`); `notes` go under the first line. */
export function comparisonText(cmp: SummaryComparison, nameA: string, nameB: string, n = 10, notes: readonly string[] = []): string {
  const out = [`Comparing ${nameA} (a) with ${nameB} (b): central values, differences are b − a.`, ...notes];
  for (const { name, label } of RANKED_MEASURES) {
    out.push('', `Largest differences in ${label}:`);
    if (!cmp.measures.includes(name)) {
      out.push(`  (no ${name} column in the summaries)`);
      continue;
    }
    const top = largestDifferences(cmp, name, n);
    if (top.length === 0) {
      out.push('  none: the runs agree on every region × product.');
      continue;
    }
    const kind = measureKind(name);
    const rows = top.map((r) => {
      const c = r.measures.get(name)!;
      return [r.region, r.product, formatKind(c.a, kind) || '–', formatKind(c.b, kind) || '–', signed(c.diff, kind)];
    });
    out.push(...textTable(['region', 'product', 'a', 'b', 'b − a'], rows, [false, false, true, true, true]));
  }
  return `${out.join('\n')}\n`;
}

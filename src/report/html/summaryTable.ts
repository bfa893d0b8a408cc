/**
 * The summary table (summary.csv) in readable form: headers in words with units, numbers rounded for
 * reading (the CSV keeps full precision), an en dash for an undefined value. A Monte Carlo run shows its
 * central values with the p5–p95 range of the two headline measures under them.
 */
import { esc } from '../svg/escape.js';
import { formatReadable } from '../svg/format.js';
import { rowsOf, type Summary, type SummaryRow } from '../results/summary.js';
import { pairKey } from '../results/series.js';

/** Column headers of summary measures, in words with units. */
export const MEASURE_HEADERS: Readonly<Record<string, string>> = {
  cumulative_shortage_t: 'Cumulative shortage (t)',
  peak_shortage_t: 'Peak shortage (t per period)',
  months_short: 'Months short',
  cumulative_unmet_t: 'Cumulative unmet demand (t)',
  cumulative_consumption_change_t: 'Consumption change vs baseline (t)',
  peak_price_usd_per_kg: 'Peak price (USD/kg)',
  mean_price_usd_per_kg: 'Mean price (USD/kg)',
  mean_baseline_price_usd_per_kg: 'Mean baseline price (USD/kg)',
  max_price_change_pct: 'Max price change (%)',
  mean_price_change_pct: 'Mean price change (%)',
};

/** The measures shown with their p5–p95 range in a Monte Carlo report. */
export const RANGE_MEASURES: readonly string[] = ['cumulative_shortage_t', 'max_price_change_pct'];

/** A number for reading, or an en dash for an undefined value. */
export function cellText(v: number | null | undefined): string {
  return v === null || v === undefined ? '–' : formatReadable(v);
}

/** "lo – hi", one number when both read the same, an en dash when either is undefined. */
export function rangeText(lo: number | null | undefined, hi: number | null | undefined): string {
  if (lo === null || lo === undefined || hi === null || hi === undefined) return '–';
  const [a, b] = [cellText(lo), cellText(hi)];
  return a === b ? a : `${a} – ${b}`;
}

/** The table as HTML: one row per region × product (central values), in the file's order. */
export function summaryTable(summary: Summary): string {
  const mc = summary.kind === 'monte-carlo';
  const central = rowsOf(summary, 'central');
  const index = (stat: string) => new Map(rowsOf(summary, stat).map((r) => [pairKey(r.region, r.product), r]));
  const p5 = mc ? index('p5') : new Map<string, SummaryRow>();
  const p95 = mc ? index('p95') : new Map<string, SummaryRow>();
  // The p5–p95 range goes under the central value in the same cell (not in columns of its own), so the
  // table keeps to the page width on screen and in print.
  const ranges = mc ? RANGE_MEASURES.filter((m) => summary.measures.includes(m)) : [];
  const head = ['<th scope="col" class="text">Region</th>', '<th scope="col" class="text">Product</th>'];
  for (const m of summary.measures) {
    const range = ranges.includes(m) ? '<span class="range">p5 – p95</span>' : '';
    head.push(`<th scope="col">${esc(MEASURE_HEADERS[m] ?? m)}${range}</th>`);
  }
  const body = central.map((r) => {
    const k = pairKey(r.region, r.product);
    const cells = [`<th scope="row">${esc(r.region)}</th>`, `<td class="text">${esc(r.product)}</td>`];
    for (const m of summary.measures) {
      const v = r.values.get(m);
      const range = ranges.includes(m) ? `<span class="range">${esc(rangeText(p5.get(k)?.values.get(m), p95.get(k)?.values.get(m)))}</span>` : '';
      // Zeros are greyed so that the few non-zero cells of a long table stand out.
      const quiet = v === null || v === undefined ? ' empty' : v === 0 ? ' zero' : '';
      cells.push(`<td class="num${quiet}">${esc(cellText(v))}${range}</td>`);
    }
    return `<tr>${cells.join('')}</tr>`;
  });
  const caption = mc
    ? 'Central values (draw 0) per region and product; under the headline measures, in small type, the 5th–95th percentile range over Monte Carlo draws. Full precision in summary.csv.'
    : 'Per region and product over the whole run. Full precision in summary.csv.';
  return `<div class="table-wrap"><table class="summary"><caption>${esc(caption)}</caption><thead><tr>${head.join('')}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table></div>`;
}

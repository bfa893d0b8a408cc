/**
 * "At a glance": the three numbers a reader asks for first — where the worst shortage is, where prices
 * rise most, which trade link loses most — as plain sentences built from the summary and the flows.
 */
import type { LinkChange } from './select/flowChanges.js';
import { changeNote } from './select/flowChanges.js';
import { topBy } from './select/rank.js';
import { formatReadable } from './svg/format.js';
import { rowsOf, type Summary, type SummaryRow } from './results/summary.js';

const value = (r: SummaryRow, m: string) => r.values.get(m) ?? null;

/** Sentences (plain text) for the findings list, in a fixed order. */
export function findings(summary: Summary, links: readonly LinkChange[]): string[] {
  const rows = rowsOf(summary, 'central');
  const out: string[] = [];
  const [short] = topBy(rows.filter((r) => (value(r, 'cumulative_shortage_t') ?? 0) > 1e-3), (r) => value(r, 'cumulative_shortage_t') ?? 0, 1);
  if (short) {
    const months = value(short, 'months_short');
    out.push(`Largest shortage: ${short.product} in ${short.region}, ${formatReadable(value(short, 'cumulative_shortage_t') ?? 0)} t over the run` +
      `${months !== null ? ` (${formatReadable(months)} months short)` : ''}.`);
  } else {
    out.push('No region runs short of any product (no critical demand left unserved).');
  }
  const [rise] = topBy(rows.filter((r) => value(r, 'max_price_change_pct') !== null), (r) => Math.abs(value(r, 'max_price_change_pct') ?? 0), 1);
  if (rise && Math.abs(value(rise, 'max_price_change_pct') ?? 0) >= 0.1) {
    const pct = value(rise, 'max_price_change_pct') as number;
    const peak = value(rise, 'peak_price_usd_per_kg');
    out.push(`Largest price effect: ${rise.product} in ${rise.region}, ${pct > 0 ? '+' : ''}${formatReadable(pct)} % against the baseline at its peak` +
      `${peak !== null ? ` (${formatReadable(peak)} USD/kg)` : ''}.`);
  } else {
    out.push('Prices stay within 0.1 % of the baseline everywhere.');
  }
  const [loss] = topBy(links.filter((l) => l.change < -1e-3), (l) => -l.change, 1);
  if (loss) {
    out.push(`Largest trade loss: ${loss.product} from ${loss.from} to ${loss.to}, ${formatReadable(loss.change)} t over the run (${changeNote(loss)}).`);
  }
  return out;
}

/**
 * Flow changes: the trade links whose volume over the run changes most against the baseline (flows.csv,
 * draw 0), as one diverging bar chart.
 */
import type { BarChartSpec } from '../svg/barChart.js';
import { SERIES_COLORS } from '../svg/palette.js';
import { columnIndex, numberAt, type CsvTable } from '../results/csvTable.js';
import { topBy } from './rank.js';

/** How many links the chart shows at most. */
export const MAX_LINKS = 12;

/** One link's totals over the run. */
export interface LinkChange {
  readonly product: string;
  readonly from: string;
  readonly to: string;
  /** Sum over periods of the scenario quantity (t). */
  readonly quantity: number;
  /** Sum over periods of the baseline quantity (t). */
  readonly baseline: number;
  /** quantity − baseline (t). */
  readonly change: number;
}

/** Totals per product × link over all periods of the table, in first-seen (world) order. */
export function linkTotals(flows: CsvTable): LinkChange[] {
  const [p, f, t, q, b] = ['product', 'from', 'to', 'quantity_t', 'baseline_quantity_t'].map((c) => columnIndex(flows, c));
  const totals = new Map<string, { product: string; from: string; to: string; quantity: number; baseline: number }>();
  flows.rows.forEach((cells, r) => {
    const key = `${cells[p]}\t${cells[f]}\t${cells[t]}`;
    let link = totals.get(key);
    if (!link) {
      link = { product: cells[p], from: cells[f], to: cells[t], quantity: 0, baseline: 0 };
      totals.set(key, link);
    }
    link.quantity += numberAt(flows, r, q) ?? 0;
    link.baseline += numberAt(flows, r, b) ?? 0;
  });
  return [...totals.values()].map((l) => ({ ...l, change: l.quantity - l.baseline }));
}

/** The links with the largest absolute change (at least 1 kg), largest first. */
export function topLinkChanges(links: readonly LinkChange[], n = MAX_LINKS): LinkChange[] {
  return topBy(links.filter((l) => Math.abs(l.change) > 1e-3), (l) => Math.abs(l.change), n);
}

/**
 * "−72 %" style change against the baseline total; "×25" past tenfold (a percentage in the thousands
 * reads as noise), "new" when the baseline carried nothing.
 */
export function changeNote(l: LinkChange): string {
  if (Math.abs(l.baseline) < 1e-9) return 'new';
  const ratio = l.quantity / l.baseline;
  if (ratio >= 10) return `×${Math.round(ratio)}`;
  const pct = Math.round((l.change / l.baseline) * 100);
  return `${pct > 0 ? '+' : pct < 0 ? '−' : ''}${Math.abs(pct)} %`;
}

/** The bar chart: decreases in vermillion, increases in blue (the palette's most distinct pair). */
export function flowChartSpec(links: readonly LinkChange[]): BarChartSpec {
  return {
    label: 'Largest changes in trade flows against the baseline, t over the run',
    description: 'Total quantity shipped on each link over the run minus the baseline total (central values); ' +
      'bars to the left are links that lose volume, bars to the right links that gain it.',
    items: links.map((l) => ({
      label: `${l.product}  ${l.from} → ${l.to}  (${changeNote(l)})`,
      value: l.change,
      color: l.change < 0 ? SERIES_COLORS[1] : SERIES_COLORS[0],
    })),
    unit: 't over the run',
  };
}

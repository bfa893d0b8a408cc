/**
 * Which periods get a label on a time axis. Labels are chosen at calendar boundaries people read easily —
 * every period, quarter starts, year starts — taking the finest level that fits, then thinning years.
 */
import { periodsPerYearOf } from '../results/periods.js';

/** A labelled position on a period axis. */
export interface PeriodTick {
  readonly index: number;
  readonly label: string;
}

const yearOf = (label: string) => label.slice(0, 4);
const isYearStart = (label: string) => /^\d{4}$/.test(label) || /-(01|Q1)$/.test(label);
const isQuarterStart = (label: string) => /-(01|04|07|10)$/.test(label);

/** At most `maxTicks` ticks for `labels` (ISO periods of one kind), at calendar boundaries. */
export function periodTicks(labels: readonly string[], maxTicks: number): PeriodTick[] {
  const all = labels.map((label, index) => ({ index, label }));
  if (all.length <= maxTicks) return all;
  const perYear = periodsPerYearOf(labels[0] ?? '');
  if (perYear === 12) {
    const quarters = all.filter((t) => isQuarterStart(t.label));
    if (quarters.length <= maxTicks && quarters.length >= 2) return quarters;
  }
  if (perYear > 1) {
    const years = all.filter((t) => isYearStart(t.label)).map((t) => ({ index: t.index, label: yearOf(t.label) }));
    if (years.length >= 2) return thin(years, maxTicks);
  }
  return thin(all, maxTicks);
}

/** Every k-th tick, k the smallest step that fits `maxTicks`. */
export function thin<T>(ticks: readonly T[], maxTicks: number): T[] {
  const k = Math.max(1, Math.ceil(ticks.length / Math.max(1, maxTicks)));
  return ticks.filter((_, i) => i % k === 0);
}

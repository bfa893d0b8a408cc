/**
 * Who pays differently: each run's welfare changes against its own baseline (welfare.csv, central draw),
 * summed over the run per region × term, set side by side — what one scenario is worth against another,
 * and to whom (`reesim compare`, compare_welfare.csv and a section of compare.txt).
 */
import { formatNumber } from '../output/format.js';
import { formatUsd, type WelfareChange } from '../output/welfare.js';
import { textTable } from './largestDifferences.js';

/** One region × term of both runs (USD over the run, against each run's baseline). */
export interface WelfareDifference {
  readonly region: string;
  readonly term: string;
  readonly a: number;
  readonly b: number;
  readonly diff: number;
}

export const COMPARE_WELFARE_COLUMNS = ['region', 'term', 'a_usd', 'b_usd', 'b_minus_a_usd'] as const;

/** The union of both runs' region × terms (a's order, then b's others); a term one run lacks counts 0. */
export function compareWelfare(a: readonly WelfareChange[], b: readonly WelfareChange[]): WelfareDifference[] {
  const key = (c: WelfareChange) => `${c.region}\t${c.term}`;
  const inB = new Map(b.map((c) => [key(c), c.usd]));
  const inA = new Map(a.map((c) => [key(c), c.usd]));
  const rows = a.map((c) => ({ region: c.region, term: c.term, a: c.usd, b: inB.get(key(c)) ?? 0 }));
  for (const c of b) if (!inA.has(key(c))) rows.push({ region: c.region, term: c.term, a: 0, b: c.usd });
  return rows.map((r) => ({ ...r, diff: r.b - r.a }));
}

/** Rows of compare_welfare.csv (whole USD). */
export function compareWelfareRows(diffs: readonly WelfareDifference[]): string[][] {
  return diffs.map((d) => [d.region, d.term, formatNumber(d.a, 0), formatNumber(d.b, 0), formatNumber(d.diff, 0)]);
}

/** The compare.txt section: the `n` region × terms whose change differs most between the runs. */
export function welfareSection(diffs: readonly WelfareDifference[] | null, n: number): string[] {
  const out = ['', 'Largest differences in who pays (welfare change against each run\'s baseline, over the run):'];
  if (diffs === null) return [...out, '  (welfare.csv is missing in one of the folders: written before version 0.3)'];
  const top = diffs
    .map((d, i) => ({ d, i }))
    .filter(({ d }) => Math.abs(d.diff) >= 1e3)
    .sort((x, y) => Math.abs(y.d.diff) - Math.abs(x.d.diff) || x.i - y.i)
    .slice(0, n)
    .map(({ d }) => [d.region, d.term, formatUsd(d.a), formatUsd(d.b), formatUsd(d.diff)]);
  if (top.length === 0) return [...out, '  none: the runs agree to 1 000 USD on every region and term.'];
  return [...out, ...textTable(['region', 'term', 'a', 'b', 'b − a'], top, [false, false, true, true, true])];
}

/**
 * "Who pays": the welfare changes of a run against its baseline, summed over the run, as data and as one
 * sentence. The same sentence is printed by `reesim run` and shown by `reesim report`.
 */
import type { ModelInput, RunResult } from '../model/types.js';
import { WELFARE_TERMS } from '../engine/welfare.js';

/** The change of one region's welfare term over the run (USD). */
export interface WelfareChange {
  readonly region: string;
  readonly term: string;
  readonly usd: number;
}

/** Readers' names of the welfare terms. */
const TERM_NAMES: Record<string, string> = {
  consumers: 'buyers',
  holders: 'stock holders',
  producers: 'producers',
  government: 'government',
  rents: 'quota and licence rents',
};

/** Every region × term's change against the baseline, summed over the run, in world order. */
export function welfareChanges(model: ModelInput, run: RunResult): WelfareChange[] {
  const T = WELFARE_TERMS.length;
  const out: WelfareChange[] = [];
  model.regions.forEach((region, r) => {
    WELFARE_TERMS.forEach((term, k) => {
      let usd = 0;
      run.scenario.forEach((s, t) => (usd += s.welfareUsd[r * T + k] - run.baseline[t].welfareUsd[r * T + k]));
      out.push({ region: region.id, term, usd });
    });
  });
  return out;
}

/** USD in words: "+984 M USD", "−2.33 bn USD". */
export function formatUsd(usd: number): string {
  const sign = usd < 0 ? '−' : '+';
  const a = Math.abs(usd);
  if (a >= 1e9) return `${sign}${(a / 1e9).toPrecision(3)} bn USD`;
  if (a >= 1e6) return `${sign}${(a / 1e6).toPrecision(3)} M USD`;
  if (a >= 1e3) return `${sign}${(a / 1e3).toPrecision(3)} k USD`;
  return `${sign}${a.toFixed(0)} USD`;
}

/**
 * The largest changes in one sentence ("US buyers −2.33 bn USD, US government +984 M USD, …"): up to
 * `count` terms, each at least 1 % of the largest; null when nothing moves by 1 000 USD.
 */
export function whoPays(changes: readonly WelfareChange[], count = 4): string | null {
  const sorted = [...changes].sort((a, b) => Math.abs(b.usd) - Math.abs(a.usd) || a.region.localeCompare(b.region) || a.term.localeCompare(b.term));
  const top = sorted[0];
  if (!top || Math.abs(top.usd) < 1e3) return null;
  return sorted
    .filter((c) => Math.abs(c.usd) >= 0.01 * Math.abs(top.usd))
    .slice(0, count)
    .map((c) => `${c.region} ${TERM_NAMES[c.term] ?? c.term} ${formatUsd(c.usd)}`)
    .join(', ');
}

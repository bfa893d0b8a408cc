/** Paths of the result-folder fixtures (test/fixtures/results; regenerate with its generate.mjs). */
import { join } from 'node:path';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'results');
/** A single run: China licenses Dy and magnet exports. */
export const SINGLE = join(FIXTURES, 'licensing');
/** The same with a US tariff and a longer horizon. */
export const SINGLE_B = join(FIXTURES, 'licensing-tariff');
/** A 3-draw Monte Carlo run of SINGLE (with timeseries_quantiles.csv). */
export const MONTE_CARLO = join(FIXTURES, 'licensing-mc');

/** The aria-labels a report of SINGLE or MONTE_CARLO must carry, one per chart. */
export const EXPECTED_CHARTS: readonly RegExp[] = [
  /^Policy timeline: 3 policies over 2025-01–2026-06$/,
  /^Price of oxide\.Dy in US, EU, JP: scenario against baseline, USD\/kg$/,
  /^Price of magnet in US, EU, JP: scenario against baseline, USD\/kg$/,
  /^Shortage of magnet by region, t per period$/,
  /^Shortage of oxide\.Dy by region, t per period$/,
  /^Largest changes in trade flows against the baseline, t over the run$/,
];

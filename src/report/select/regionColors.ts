/**
 * One colour per region for the whole report, so that "US" is the same colour in every price and shortage
 * chart. Regions are coloured in world order (first appearance in timeseries.csv); past the palette's
 * length colours repeat, which is why charts also label regions in their legends.
 */
import { seriesColor } from '../svg/palette.js';
import type { Pair } from '../results/series.js';
import { distinct } from './rank.js';

/** Region id → colour. */
export function regionColors(pairs: readonly Pair[]): ReadonlyMap<string, string> {
  return new Map(distinct(pairs, (p) => p.region).map((r, i) => [r, seriesColor(i)]));
}

/** The colour of `region` (the first palette colour for a region not in the map). */
export function colorOf(colors: ReadonlyMap<string, string>, region: string): string {
  return colors.get(region) ?? seriesColor(0);
}

/**
 * Region colours for the whole report. The palette has seven colours and a world may have more regions,
 * so colours go first to the regions the charts actually show (in the order they are shown), which keeps
 * "US" the same colour from chart to chart in all but crowded reports; within one chart a clash is then
 * resolved by taking the next colour that chart does not use yet, so no chart ever shows two regions in
 * one colour.
 */
import { SERIES_COLORS, seriesColor } from '../svg/palette.js';

/** Region → colour, in order of first appearance over the charts' region lists. */
export function regionColors(chartRegions: readonly (readonly string[])[]): ReadonlyMap<string, string> {
  const order = [...new Set(chartRegions.flat())];
  return new Map(order.map((r, i) => [r, seriesColor(i)]));
}

/** Colours for one chart's regions: the report-wide colour unless this chart already uses it. */
export function chartColors(regions: readonly string[], global: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  const used = new Set<string>();
  const out = new Map<string, string>();
  for (const r of regions) {
    let color = global.get(r) ?? SERIES_COLORS[0];
    if (used.has(color)) color = SERIES_COLORS.find((c) => !used.has(c)) ?? color;
    used.add(color);
    out.set(r, color);
  }
  return out;
}

/** The colour of `region` (the first palette colour for a region not in the map). */
export function colorOf(colors: ReadonlyMap<string, string>, region: string): string {
  return colors.get(region) ?? seriesColor(0);
}

/** The scenario's policies (manifest.json) as a timeline over the run's periods. */
import type { ManifestDate, ManifestPolicy } from '../results/manifest.js';
import { periodPosition } from '../results/periods.js';
import type { LegendItem } from '../svg/legend.js';
import type { Marker } from '../svg/markers.js';
import { INK } from '../svg/palette.js';
import type { TimelineItem, TimelineSpec } from '../svg/timelineChart.js';

/** Colour per family of policy types; world policies (in the baseline too) are grey. */
export const POLICY_FAMILIES: readonly { name: string; color: string; types: readonly string[] }[] = [
  { name: 'export restriction', color: '#D55E00', types: ['export_ban', 'export_quota', 'export_license', 'export_tax'] },
  { name: 'import measure', color: '#CC79A7', types: ['tariff', 'import_ban'] },
  { name: 'stockpile', color: '#009E73', types: ['stockpile_release', 'stockpile_build'] },
  { name: 'supply / price support', color: '#0072B2', types: ['capacity', 'price_floor'] },
  { name: 'demand', color: '#E69F00', types: ['demand_shock'] },
];
const OTHER = { name: 'other', color: '#56B4E9' };
const WORLD = { name: 'world policy (baseline too)', color: INK.baseline };

/** Family (name and colour) of a policy. */
export function policyFamily(p: ManifestPolicy): { name: string; color: string } {
  if (p.scope === 'world') return WORLD;
  return POLICY_FAMILIES.find((f) => f.types.includes(p.type)) ?? OTHER;
}

/** A manifest date as written for people: labels as they are, indices as the period label they name. */
export function dateText(d: ManifestDate, periods: readonly string[]): string {
  if (d === null) return '';
  if (typeof d === 'string') return d;
  return periods[d] ?? `period ${d}`;
}

/** "announced 2025-02 · 2025-04 → open" */
export function policyNote(p: ManifestPolicy, periods: readonly string[]): string {
  const span = `${dateText(p.start, periods) || '?'} → ${dateText(p.end, periods) || 'open'}`;
  const withdrawn = p.withdrawn !== null ? ` · withdrawn ${dateText(p.withdrawn, periods)}` : '';
  return (p.announce !== null ? `announced ${dateText(p.announce, periods)} · ${span}` : span) + withdrawn;
}

function position(d: ManifestDate, periods: readonly string[]): number | null {
  return d === null ? null : periodPosition(d, periods);
}

/** The earlier of two positions; null stands for "open" (never). */
function minPosition(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.min(a, b);
}

/** Policies with the scenario's own first (the reason for the run), then world policies; stable otherwise. */
export function scenarioFirst(policies: readonly ManifestPolicy[]): ManifestPolicy[] {
  return [...policies.filter((p) => p.scope !== 'world'), ...policies.filter((p) => p.scope === 'world')];
}

/** The timeline: scenario policies first (the reason for the run), then world policies. */
export function policyTimelineSpec(policies: readonly ManifestPolicy[], periods: readonly string[]): TimelineSpec {
  const ordered = scenarioFirst(policies);
  const items: TimelineItem[] = ordered.map((p) => ({
    label: p.id,
    sublabel: p.type.replace(/_/g, ' '),
    // A withdrawal ends the bar; withdrawn before its start, the policy was only ever announced.
    start: minPosition(position(p.start, periods), position(p.withdrawn, periods)),
    end: minPosition(position(p.end, periods), position(p.withdrawn, periods)),
    announce: position(p.announce, periods),
    color: policyFamily(p).color,
    note: policyNote(p, periods),
  }));
  const families = new Map(ordered.map((p) => [policyFamily(p).name, policyFamily(p)]));
  const legendItems: LegendItem[] = [...families.values()].map((f) => ({ label: f.name, color: f.color, shape: 'area' }));
  return {
    label: `Policy timeline: ${ordered.length} polic${ordered.length === 1 ? 'y' : 'ies'} over ${periods[0] ?? ''}–${periods[periods.length - 1] ?? ''}`,
    description: 'Each row is a policy: the light dashed segment runs from its announcement to its start, the solid bar while it is in force. ' +
      'Arrows mark policies in force before the run starts or beyond its end.',
    periods,
    items,
    legendItems,
  };
}

/** Markers for the charts: where each scenario policy comes into force within the run (world policies are in the baseline too). */
export function policyMarkers(policies: readonly ManifestPolicy[], periods: readonly string[]): Marker[] {
  return policies
    .filter((p) => p.scope !== 'world')
    .map((p) => ({ label: p.id, position: position(p.start, periods) }))
    .filter((m): m is Marker => m.position !== null && m.position >= 0 && m.position <= Math.max(0, periods.length - 1));
}

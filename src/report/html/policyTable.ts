/** The policies as a table: the timeline's content in text, for screen readers, search and print. */
import type { ManifestPolicy } from '../results/manifest.js';
import { dateText, scenarioFirst } from '../select/policyTimeline.js';
import { esc } from '../svg/escape.js';

/** One row per policy, in the timeline's order: id, type, scope, announced, start, end, and what it targets when known. */
export function policyTable(policies: readonly ManifestPolicy[], periods: readonly string[]): string {
  // The Targets column only when the manifest says what policies target (older manifests do not).
  const targets = policies.some((p) => p.targets.length > 0);
  const rows = scenarioFirst(policies).map((p) => `<tr>${[
    `<th scope="row">${esc(p.id)}</th>`,
    `<td>${esc(p.type.replace(/_/g, ' '))}</td>`,
    `<td>${esc(p.scope)}</td>`,
    `<td>${esc(dateText(p.announce, periods) || '–')}</td>`,
    `<td>${esc(dateText(p.start, periods) || '–')}</td>`,
    `<td>${esc(dateText(p.end, periods) || 'open')}</td>`,
    ...(targets ? [`<td>${esc(p.targets.join('; ') || '–')}</td>`] : []),
  ].join('')}</tr>`);
  const head = ['Policy', 'Type', 'Scope', 'Announced', 'Start', 'End', ...(targets ? ['Targets'] : [])].map((h) => `<th scope="col" class="text">${h}</th>`).join('');
  return `<table class="policies"><thead><tr>${head}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

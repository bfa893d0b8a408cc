/**
 * The report as one HTML string, from a result folder's contents already read (no I/O here, so the page
 * is a pure function of the files and can be tested without a disk). Charts are chosen to show the
 * largest effects — at most 1 timeline + 5 price + 4 shortage + 1 flow chart — rather than everything:
 * the CSVs hold everything.
 */
import { findings } from './findings.js';
import { figure, htmlPage } from './html/page.js';
import { policyTable } from './html/policyTable.js';
import { summaryTable } from './html/summaryTable.js';
import type { CsvTable } from './results/csvTable.js';
import type { Manifest } from './results/manifest.js';
import type { SeriesTable } from './results/series.js';
import type { Summary } from './results/summary.js';
import { flowChartSpec, linkTotals, topLinkChanges } from './select/flowChanges.js';
import { policyMarkers, policyTimelineSpec } from './select/policyTimeline.js';
import { chartColors, regionColors } from './select/regionColors.js';
import { choosePriceCharts, priceChartSpec } from './select/priceCharts.js';
import { MAX_SHORTAGE_REGIONS, chooseShortageCharts, shortageChartSpec } from './select/shortageCharts.js';
import { barChart } from './svg/barChart.js';
import { esc } from './svg/escape.js';
import { lineChart } from './svg/lineChart.js';
import { stackedAreaChart } from './svg/stackedAreaChart.js';
import { timelineChart } from './svg/timelineChart.js';
import { formatUsd, whoPays, type WelfareChange } from '../output/welfare.js';

/** Everything the report is made of. */
export interface ReportInputs {
  /** The result folder's name (shown when the manifest has no name). */
  readonly folderName: string;
  readonly manifest: Manifest;
  readonly summary: Summary;
  /** timeseries.csv, draw 0. */
  readonly timeseries: SeriesTable;
  /** timeseries_quantiles.csv of a Monte Carlo run, else null. */
  readonly quantiles: SeriesTable | null;
  /** flows.csv, draw 0. */
  readonly flows: CsvTable;
  /** welfare.csv's changes summed over the run (draw 0), or null for a folder written before it existed. */
  readonly welfare: readonly WelfareChange[] | null;
}

function section(id: string, title: string, body: string): string {
  return `<section aria-labelledby="${id}"><h2 id="${id}">${esc(title)}</h2>\n${body}\n</section>`;
}

function runKind(inputs: ReportInputs): string {
  if (inputs.summary.kind === 'single') return 'single run (central values)';
  const n = inputs.manifest.draws;
  return `Monte Carlo${n !== null ? `, ${n} draws` : ''} (charts: central values and p5–p95)`;
}

function header(inputs: ReportInputs): string {
  const m = inputs.manifest;
  const periods = inputs.timeseries.periods;
  const meta: [string, string][] = [
    ['Scenario', `<code>${esc(m.name)}</code>`],
    ['Scenario hash', `<code>${esc(m.scenarioHash || '–')}</code>`],
    ['Run', esc(runKind(inputs))],
    ['Seed', esc(m.seed === null ? '–' : String(m.seed))],
    ['Periods', esc(periods.length > 0 ? `${periods[0]} – ${periods[periods.length - 1]} (${periods.length})` : '–')],
    ['reesim', esc(m.version || '–')],
  ];
  return `<header>
<h1>${esc(m.title)}</h1>
${m.description ? `<p class="lead">${esc(m.description)}</p>` : ''}
<dl class="meta">${meta.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>
</header>`;
}

/** Welfare changes against the baseline over the run: one row per region that moves, one column per term. */
function welfareTable(changes: readonly WelfareChange[]): string {
  const terms = [...new Set(changes.map((c) => c.term))];
  const regions = [...new Set(changes.map((c) => c.region))].filter((r) => changes.some((c) => c.region === r && Math.abs(c.usd) >= 1e3));
  if (regions.length === 0) return '<p class="note">No welfare term moves by 1 000 USD against the baseline.</p>';
  const cell = (r: string, t: string) => {
    const c = changes.find((x) => x.region === r && x.term === t);
    return c && Math.abs(c.usd) >= 1e3 ? formatUsd(c.usd) : '–';
  };
  return `<p class="note">Change against the baseline, summed over the run (welfare.csv): buyers' surplus, stock holders' (the value of the stock they carry: a paper gain in a rising market), producers' surplus, government (tariff and export-tax revenue, less subsidies, strategic purchases and sales), and quota and licence rents.</p>
<table><thead><tr><th>region</th>${terms.map((t) => `<th>${esc(t)}</th>`).join('')}</tr></thead><tbody>
${regions.map((r) => `<tr><th>${esc(r)}</th>${terms.map((t) => `<td>${esc(cell(r, t))}</td>`).join('')}</tr>`).join('\n')}
</tbody></table>`;
}

/** The complete report page. */
export function buildReport(inputs: ReportInputs): string {
  const periods = inputs.timeseries.periods;
  const links = linkTotals(inputs.flows);
  const marks = policyMarkers(inputs.manifest.policies, periods);
  const prices = choosePriceCharts(inputs.timeseries);
  const shortages = chooseShortageCharts(inputs.timeseries);
  const shown = [...prices.map((c) => c.regions), ...shortages.map((c) => c.regions.slice(0, MAX_SHORTAGE_REGIONS).map((r) => r.region))];
  const colors = regionColors(shown);
  const parts: string[] = [header(inputs)];

  const paying = inputs.welfare ? whoPays(inputs.welfare) : null;
  const glance = [...findings(inputs.summary, links), ...(paying ? [`Who pays, against the baseline over the run: ${paying}.`] : [])];
  parts.push(section('glance', 'At a glance', `<ul class="findings">${glance.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>`));

  const policies = inputs.manifest.policies;
  parts.push(section('policies', 'Policies', policies.length === 0
    ? '<p class="note">The manifest lists no policies.</p>'
    : `${figure('When each policy is announced and in force', timelineChart(policyTimelineSpec(policies, periods)))}\n${policyTable(policies, periods)}`));

  parts.push(section('prices', 'Prices', `<p class="note">Products whose price moves most against the baseline, each in the (up to three) regions where it moves most. ` +
    `Solid: scenario; dashed: baseline${inputs.quantiles ? '; band: 5th–95th percentile over draws' : ''}; dotted verticals: scenario policies coming into force.</p>\n<div class="charts">` +
    prices.map((c) => figure(`${c.product}: price in ${c.regions.join(', ')}`, lineChart(priceChartSpec(c, inputs.timeseries, inputs.quantiles, chartColors(c.regions, colors), marks)))).join('\n') + '</div>'));

  parts.push(section('shortages', 'Shortages', shortages.length === 0
    ? '<p class="note">No shortage: critical demand is served in every region and period.</p>'
    : `<p class="note">Critical demand not served even at the choke price (production lines stop), by region. Products with the largest cumulative shortage first.</p>\n<div class="charts">` +
      shortages.map((c) => figure(`${c.product}: shortage by region`, stackedAreaChart(shortageChartSpec(c, periods, chartColors(c.regions.slice(0, MAX_SHORTAGE_REGIONS).map((r) => r.region), colors), marks)))).join('\n') + '</div>'));

  const top = topLinkChanges(links);
  parts.push(section('flows', 'Trade flows', top.length === 0
    ? '<p class="note">No trade link changes against the baseline.</p>'
    : `<p class="note">Links whose total volume over the run changes most against the baseline; the percentage is the change relative to the baseline total.</p>\n` +
      figure('Largest changes in trade flows (t over the run)', barChart(flowChartSpec(top)))));

  if (inputs.welfare) parts.push(section('welfare', 'Who pays', welfareTable(inputs.welfare)));
  parts.push(section('summary', 'Summary by region and product', summaryTable(inputs.summary)));
  parts.push(`<footer>Made by <code>reesim report</code> from the result folder <code>${esc(inputs.folderName)}</code>` +
    `${inputs.manifest.version ? ` (reesim ${esc(inputs.manifest.version)})` : ''}. Every number comes from its CSV files, which hold the full detail.</footer>`);
  return htmlPage(`${inputs.manifest.title} — reesim report`, parts.join('\n'));
}

/**
 * The HTML document shell: one file with its stylesheet inline, no scripts, no external resources, so the
 * report opens offline, can be mailed as an attachment, and prints as it looks.
 */
import { esc } from '../svg/escape.js';

/** Inline stylesheet: readable type, a two-column chart grid on wide screens, one column in print. */
export const STYLE = `
:root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --rule: #d9d9d9; --accent: #0072B2; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1160px; margin: 0 auto; padding: 28px 32px 48px; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 6px; }
h2 { font-size: 1.3rem; margin: 36px 0 4px; padding-top: 12px; border-top: 2px solid var(--ink); }
h3 { font-size: 1rem; margin: 0 0 6px; }
p.lead { font-size: 1.05rem; color: #333; max-width: 70em; margin: 6px 0 14px; }
p.note { color: var(--muted); margin: 2px 0 14px; max-width: 75em; }
dl.meta { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 2px 14px; margin: 0; font-size: 0.9rem; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; }
code { font: 0.88em ui-monospace, "DejaVu Sans Mono", monospace; }
ul.findings { margin: 10px 0 0; padding: 12px 16px 12px 34px; background: #f3f7fb; border-left: 4px solid var(--accent); }
ul.findings li { margin: 2px 0; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(500px, 1fr)); gap: 20px 28px; }
figure { margin: 14px 0 0; break-inside: avoid; page-break-inside: avoid; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { font-weight: 600; margin-bottom: 4px; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.84rem; margin-top: 10px; width: 100%; }
caption { text-align: left; color: var(--muted); padding-bottom: 6px; caption-side: top; }
th, td { padding: 4px 6px; border-bottom: 1px solid var(--rule); vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); text-align: right; font-weight: 600; line-height: 1.25; }
thead th.text, td.text, th[scope=row] { text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tbody tr:nth-child(even) { background: #fafafa; }
td.empty, td.zero { color: #9a9a9a; }
.range { display: block; font-size: 0.78rem; font-weight: 400; color: var(--muted); white-space: nowrap; }
footer { margin-top: 40px; color: var(--muted); font-size: 0.85rem; border-top: 1px solid var(--rule); padding-top: 8px; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .charts { display: block; }
  .table-wrap { overflow: visible; }
  h2 { break-after: avoid; page-break-after: avoid; }
  table { font-size: 8.5pt; }
  tr { break-inside: avoid; }
}
@page { size: A4; margin: 14mm; }
`;

/** A complete HTML document with `body` inside <main>. */
export function htmlPage(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="reesim report">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** A chart in a <figure> with a visible caption (the SVG carries its own accessible name). */
export function figure(caption: string, svg: string): string {
  return `<figure><figcaption>${esc(caption)}</figcaption>${svg}</figure>`;
}

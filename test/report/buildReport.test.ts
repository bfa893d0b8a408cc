import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReport } from '../../src/report/buildReport.js';
import { readReportInputs } from '../../src/report/readReportInputs.js';
import { writeReport } from '../../src/report/writeReport.js';
import { UsageError } from '../../src/cli/errors.js';
import { EXPECTED_CHARTS, FIXTURES, MONTE_CARLO, SINGLE } from './fixtures.js';

const ariaLabels = (html: string) => [...html.matchAll(/<svg [^>]*aria-label="([^"]*)"/g)].map((m) => m[1]);

describe('buildReport', () => {
  for (const dir of [SINGLE, MONTE_CARLO]) {
    it(`renders the expected charts and the summary table (${dir.split('/').pop()})`, async () => {
      const html = buildReport(await readReportInputs(dir));
      const labels = ariaLabels(html);
      expect(labels).toHaveLength(EXPECTED_CHARTS.length);
      EXPECTED_CHARTS.forEach((re, i) => expect(labels[i]).toMatch(re));
      expect(html.match(/<table class="summary">[\s\S]*?<\/table>/)?.[0].match(/<tr>/g)).toHaveLength(1 + 8);
      expect(html).toContain('<title>China licenses Dy and magnet exports');
    });
  }

  it('is self-contained: no script, no external resource, reasonable size', async () => {
    const html = buildReport(await readReportInputs(MONTE_CARLO));
    expect(html).not.toMatch(/<script|<link |<img |<iframe|@import|url\(/i);
    const urls = [...html.matchAll(/https?:\/\/[^"'\s<)]+/g)].map((m) => m[0]);
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg']));
    expect(html.length).toBeLessThan(150_000);
  });

  it('shows the p5–p95 bands and ranges only for a Monte Carlo run', async () => {
    const mc = buildReport(await readReportInputs(MONTE_CARLO));
    const single = buildReport(await readReportInputs(SINGLE));
    expect(mc).toContain('p5–p95 over draws');
    expect(mc).toContain('<span class="range">217 – 688</span>');
    expect(single).not.toContain('p5–p95');
  });

  it('says who pays when the folder has welfare.csv, and stays silent about it when it has none', async () => {
    const inputs = await readReportInputs(SINGLE);
    expect(inputs.welfare).toBeNull();
    expect(buildReport(inputs)).not.toContain('Who pays');
    const welfare = [
      { region: 'US', term: 'consumers', usd: -2.33e9 },
      { region: 'US', term: 'government', usd: 9.84e8 },
      { region: 'CN', term: 'producers', usd: -2.68e8 },
      { region: 'CN', term: 'rents', usd: 10 },
    ];
    const html = buildReport({ ...inputs, welfare });
    expect(html).toContain('Who pays, against the baseline over the run: US buyers −2.33 bn USD, US government +984 M USD, CN producers −268 M USD.');
    expect(html).toContain('<h2 id="welfare">Who pays</h2>');
  });

  it('is deterministic', async () => {
    const inputs = await readReportInputs(SINGLE);
    expect(buildReport(inputs)).toBe(buildReport(inputs));
  });
});

describe('writeReport', () => {
  it('writes the file and nothing else', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reesim-report-'));
    const file = join(dir, 'r.html');
    const bytes = await writeReport(SINGLE, file);
    expect((await readFile(file)).length).toBe(bytes);
    expect(await readdir(dir)).toEqual(['r.html']);
  });
  it('names a missing folder or file', async () => {
    await expect(readReportInputs(join(FIXTURES, 'nope'))).rejects.toThrow(UsageError);
    const empty = await mkdtemp(join(tmpdir(), 'reesim-report-'));
    await expect(readReportInputs(empty)).rejects.toThrow(/manifest\.json is missing|summary\.csv is missing/);
  });
});

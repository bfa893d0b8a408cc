/**
 * The report in a real browser: headless Chromium parses report.html and we check the DOM it built (the
 * charts are SVG elements with the expected accessible names, the summary table has its rows), then take
 * a screenshot to check that the page actually renders.
 *
 * Without a Chromium binary the test is skipped with a message — except under CI=true, where it fails:
 * CI installs Chromium (.ci/run), so a missing browser there is a broken setup, not a reason to pass.
 */
import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeReport } from '../../src/report/writeReport.js';
import { findChromium, runChromium } from './chromium.js';
import { EXPECTED_CHARTS, MONTE_CARLO, SINGLE } from './fixtures.js';

const chromium = findChromium();
const inCi = process.env.CI === 'true';
const skip = chromium === null && !inCi;
if (skip) {
  console.warn('test/report/browser.test.ts: skipped — no Chromium binary found (apt-get install chromium, or set REESIM_CHROMIUM).');
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe.skipIf(skip)('report.html in headless Chromium', () => {
  const binary = (): string => {
    if (chromium === null) throw new Error('CI=true but no Chromium binary was found: .ci/run must install it (apt-get install -y chromium)');
    return chromium;
  };

  for (const [name, dir] of [['single run', SINGLE], ['Monte Carlo run', MONTE_CARLO]] as const) {
    it(`shows every chart and the summary table (${name})`, async () => {
      const file = join(await mkdtemp(join(tmpdir(), 'reesim-browser-')), 'report.html');
      await writeReport(dir, file);
      const dom = await runChromium(binary(), file, ['--dump-dom']);
      expect(dom).toMatch(/^<!DOCTYPE html>\s*<html lang="en">/);
      const labels = [...dom.matchAll(/<svg [^>]*aria-label="([^"]*)"/g)].map((m) => m[1]);
      expect(labels).toHaveLength(EXPECTED_CHARTS.length);
      EXPECTED_CHARTS.forEach((re, i) => expect(labels[i]).toMatch(re));
      // Every chart carries a <title> as its first child (its accessible name in the DOM).
      expect(dom.match(/role="img"[^>]*><title>/g)).toHaveLength(EXPECTED_CHARTS.length);
      const summary = dom.match(/<table class="summary">[\s\S]*?<\/table>/)?.[0] ?? '';
      expect(summary.match(/<tbody>[\s\S]*<\/tbody>/)?.[0].match(/<tr>/g)).toHaveLength(8);
      expect(summary).toContain('<th scope="row">US</th><td class="text">magnet</td>');
    });
  }

  it('renders to a full-page screenshot', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reesim-browser-'));
    const file = join(dir, 'report.html');
    await writeReport(MONTE_CARLO, file);
    const png = join(dir, 'report.png');
    await runChromium(binary(), file, [`--screenshot=${png}`, '--window-size=1200,2400']);
    const image = await readFile(png);
    expect(pngSize(image)).toEqual([1200, 2400]);
    // A blank page compresses to a few kB; charts and text make it far larger.
    expect(image.length).toBeGreaterThan(100_000);
  });
});

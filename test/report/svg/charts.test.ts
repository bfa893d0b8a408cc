import { describe, expect, it } from 'vitest';
import { barChart } from '../../../src/report/svg/barChart.js';
import { lineChart, valueExtent } from '../../../src/report/svg/lineChart.js';
import { stackedAreaChart, stackValues } from '../../../src/report/svg/stackedAreaChart.js';
import { clip, timelineChart } from '../../../src/report/svg/timelineChart.js';
import { markers } from '../../../src/report/svg/markers.js';
import { linearScale } from '../../../src/report/svg/scale.js';

const periods = ['2025-01', '2025-02', '2025-03'];
const count = (svg: string, re: RegExp) => (svg.match(re) ?? []).length;

describe('lineChart', () => {
  const svg = lineChart({
    label: 'Price of <magnet> & co', description: 'd', periods, yUnit: 'USD/kg', width: 400, height: 200,
    series: [
      { label: 'US', color: '#0072B2', values: [1, null, 3], band: { lower: [0.5, 1, 2], upper: [1.5, 3, 4] } },
      { label: 'US baseline', color: '#0072B2', dashed: true, values: [1, 1, 1] },
    ],
  });
  it('is an accessible, escaped, standalone SVG', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200"')).toBe(true);
    expect(svg).toContain('role="img" aria-label="Price of &lt;magnet&gt; &amp; co"');
    expect(svg).toContain('<title>Price of &lt;magnet&gt; &amp; co</title><desc>d</desc>');
  });
  it('draws one band, two lines (one dashed, one with a gap) and nice y ticks from 0', () => {
    expect(count(svg, /fill-opacity="0.16"/g)).toBe(1);
    expect(count(svg, /<path d="M[^"]*" fill="none"/g)).toBe(2);
    expect(count(svg, /stroke-dasharray="6 4"/g)).toBe(1);
    expect(svg).toMatch(/<path d="M[\d.]+,[\d.]+M[\d.]+,[\d.]+" fill="none" stroke="#0072B2" stroke-width="2.4"/);
    const labels = [...svg.matchAll(/text-anchor="end" fill="#555555">([^<]*)</g)].map((m) => m[1]);
    expect(labels).toEqual(['0', '1', '2', '3', '4']);
  });
  it('measures the extent over lines and bands', () => {
    expect(valueExtent([{ label: '', color: '', values: [null, 2], band: { lower: [-1, null], upper: [5, 6] } }])).toEqual([-1, 6]);
    expect(valueExtent([{ label: '', color: '', values: [null] }])).toBeNull();
  });
});

describe('stackedAreaChart', () => {
  it('stacks non-negative layers', () => {
    expect(stackValues([{ values: [1, 2, null] }, { values: [3, -1, 4] }], 3)).toEqual([[1, 2, 0], [4, 2, 4]]);
  });
  it('draws one area per layer', () => {
    const svg = stackedAreaChart({ label: 'S', description: 'd', periods, yUnit: 't', series: [
      { label: 'US', color: '#111111', values: [0, 2, 1] }, { label: 'EU', color: '#222222', values: [1, 1, 1] },
    ] });
    expect(count(svg, /<path d="M[^"]*Z" fill="#/g)).toBe(2);
    expect(svg).toContain('aria-label="S"');
  });
});

describe('barChart', () => {
  it('draws bars left of zero for decreases and right for increases, with their values', () => {
    const svg = barChart({ label: 'B', description: 'd', unit: 't', width: 600, items: [
      { label: 'CN → US', value: -400, color: '#D55E00' }, { label: 'JP → US', value: 100, color: '#0072B2' },
    ] });
    expect(count(svg, /<rect /g)).toBe(2);
    expect(svg).toContain('>−400<');
    expect(svg).toContain('>+100<');
    const rects = [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    // The decrease ends where the increase starts: at zero, and it is four times as long.
    expect(rects[0][0] + rects[0][1]).toBeCloseTo(rects[1][0], 1);
    expect(rects[0][1] / rects[1][1]).toBeCloseTo(4, 1);
  });
});

describe('timelineChart', () => {
  it('clips positions to the axis and says on which side', () => {
    expect(clip(-3, 0, 10)).toEqual({ at: 0, cut: 'before' });
    expect(clip(12, 0, 10)).toEqual({ at: 10, cut: 'after' });
    expect(clip(4, 0, 10)).toEqual({ at: 4, cut: null });
  });
  it('draws an announcement segment, the bar, and arrows for policies running past either end', () => {
    const svg = timelineChart({ label: 'T', description: 'd', periods: ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05'], items: [
      { label: 'license', start: 2, end: null, announce: 1, color: '#D55E00', note: 'x' },
      { label: 'old tariff', start: -12, end: 3, announce: null, color: '#8a8a8a' },
    ] });
    expect(count(svg, /stroke-dasharray="3 2"/g)).toBe(1);
    expect(count(svg, /<path d="M[^"]*Z" fill="#D55E00"/g)).toBe(1);
    expect(count(svg, /<path d="M[^"]*Z" fill="#8a8a8a"/g)).toBe(1);
    expect(svg).toContain('<title>license: x</title>');
  });
});

describe('markers', () => {
  it('draws markers inside the domain only, moving a crowded label down a line', () => {
    const x = linearScale([0, 10], [0, 500]);
    const svg = markers([{ position: 2, label: 'a-long-label' }, { position: 2.2, label: 'b' }, { position: 11, label: 'c' }], x, { x0: 0, x1: 500, y0: 20, y1: 200 });
    expect(count(svg, /<line /g)).toBe(2);
    const ys = [...svg.matchAll(/<text x="[\d.]+" y="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(ys).toEqual([31, 45]);
  });
});

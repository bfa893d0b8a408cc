import { describe, expect, it } from 'vitest';
import { niceDomain, niceTicks, stepDecimals, tickStep } from '../../../src/report/svg/ticks.js';

describe('tickStep', () => {
  it('picks 1, 2 or 5 × 10^k', () => {
    expect(tickStep(0, 10, 5)).toBe(2);
    expect(tickStep(0, 1000, 5)).toBe(200);
    expect(tickStep(0, 851.8, 5)).toBe(200);
    expect(tickStep(0, 0.35, 5)).toBe(0.05);
    expect(tickStep(0, 7, 5)).toBe(1);
    expect(tickStep(0, 30, 5)).toBe(5);
    expect(tickStep(4, 4, 5)).toBe(0);
  });
});

describe('niceTicks', () => {
  it('gives exact decimals, never float noise or -0', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(Object.is(niceTicks(0, 1, 5)[0], 0)).toBe(true);
    expect(niceTicks(0.1, 0.35, 5)).toEqual([0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
    expect(niceTicks(-0.3, 0.3, 6)).toEqual([-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3]);
    expect(niceTicks(-200, 1000, 5)).toEqual([-200, 0, 200, 400, 600, 800, 1000]);
  });
  it('keeps only ticks inside the interval and accepts it reversed', () => {
    expect(niceTicks(13, 57, 4)).toEqual([20, 30, 40, 50]);
    expect(niceTicks(57, 13, 4)).toEqual([20, 30, 40, 50]);
    expect(niceTicks(5, 5, 5)).toEqual([5]);
  });
});

describe('niceDomain', () => {
  it('widens to whole steps', () => {
    expect(niceDomain(3, 97, 5)).toEqual([0, 100]);
    expect(niceDomain(-12.5, 851.8, 5)).toEqual([-200, 1000]);
    expect(niceDomain(0, 5.63, 5)).toEqual([0, 6]);
  });
  it('gives a flat series a readable axis', () => {
    expect(niceDomain(0, 0, 5)).toEqual([0, 1]);
    expect(niceDomain(5, 5, 5)).toEqual([4.4, 5.6]);
  });
});

describe('stepDecimals', () => {
  it('counts the decimals a step needs', () => {
    expect([stepDecimals(200), stepDecimals(1), stepDecimals(0.5), stepDecimals(0.05), stepDecimals(0)]).toEqual([0, 0, 1, 2, 0]);
  });
});

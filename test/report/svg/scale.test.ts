import { describe, expect, it } from 'vitest';
import { linearScale } from '../../../src/report/svg/scale.js';

describe('linearScale', () => {
  it('maps the domain onto the range linearly, reversed ranges included', () => {
    const x = linearScale([0, 10], [50, 550]);
    expect([x(0), x(5), x(10), x(12)]).toEqual([50, 300, 550, 650]);
    const y = linearScale([0, 200], [300, 100]);
    expect([y(0), y(50), y(200)]).toEqual([300, 250, 100]);
    expect(y.invert(250)).toBe(50);
    expect(y.domain).toEqual([0, 200]);
  });
  it('maps a one-value domain to the middle of the range', () => {
    const s = linearScale([3, 3], [0, 100]);
    expect([s(3), s(7)]).toEqual([50, 50]);
  });
});

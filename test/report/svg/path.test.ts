import { describe, expect, it } from 'vitest';
import { areaPath, bandPath, coord, linePath } from '../../../src/report/svg/path.js';

describe('coord', () => {
  it('rounds to 0.1 and drops ".0" and -0', () => {
    expect([coord(12.34), coord(12.35), coord(7), coord(-0.01), coord(-3.26)]).toEqual(['12.3', '12.4', '7', '0', '-3.3']);
  });
});

describe('linePath', () => {
  it('moves, then draws', () => {
    expect(linePath([[0, 10], [5, 20.04], [10.25, 0]])).toBe('M0,10L5,20L10.3,0');
  });
  it('breaks the line at a null point', () => {
    expect(linePath([[0, 1], null, [2, 3], [4, 5], null])).toBe('M0,1M2,3L4,5');
    expect(linePath([null])).toBe('');
  });
});

describe('areaPath and bandPath', () => {
  it('closes the area along the lower line backwards', () => {
    expect(areaPath([[0, 1], [10, 2]], [[0, 5], [10, 6]])).toBe('M0,1L10,2L10,6L0,5Z');
    expect(areaPath([], [])).toBe('');
  });
  it('gives each run of defined points its own area', () => {
    expect(bandPath([[[0, 1], [0, 5]], [[1, 1], [1, 5]], null, [[3, 2], [3, 4]]])).toBe('M0,1L1,1L1,5L0,5ZM3,2L3,4Z');
  });
});

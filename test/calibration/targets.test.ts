import { describe, expect, it } from 'vitest';
import { productIndices } from '../../src/calibrate/targets.js';

const products = ['oxide.Dy', 'magnet.std', 'magnet.hre', 'metal.Dy'].map((id) => ({ id }));

describe('products named in calibration targets and history series', () => {
  it('are ids or globs, as in scenario files, each product once and in order', () => {
    expect(productIndices(products, ['magnet.*'])).toEqual([1, 2]);
    expect(productIndices(products, ['*.Dy', 'oxide.Dy'])).toEqual([0, 3]);
    expect(productIndices(products, ['metal.Dy', 'magnet.std'])).toEqual([1, 3]);
  });

  it('name what is unknown', () => {
    expect(() => productIndices(products, ['magnet'])).toThrow('unknown product "magnet"');
    expect(() => productIndices(products, ['scrap.*'])).toThrow('"scrap.*" matches no product');
  });
});

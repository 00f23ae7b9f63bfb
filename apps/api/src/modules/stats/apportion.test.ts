import { describe, expect, it } from 'vitest';
import { apportion } from './apportion';

describe('apportion', () => {
  it('keeps exact shares as they are', () => {
    expect(apportion(17_000, ['7000.000000', '10000.0000'])).toEqual([7_000, 10_000]);
  });

  it('gives the cents left by rounding down to the largest remainders', () => {
    // 100 shared in thirds: 33.33.. each, one cent left over for the first.
    expect(apportion(100, ['33.3333333333', '33.3333333333', '33.3333333334'])).toEqual([33, 33, 34]);
    expect(apportion(10, ['3.5', '3.5', '3.0'])).toEqual([4, 3, 3]);
  });

  it('takes a cent back when decimal rounding pushed the shares past the total', () => {
    expect(apportion(10, ['5.0000000000', '5.0000000000000000001'])).toEqual([5, 5]);
    expect(apportion(9, ['5.0', '4.99999999999999999999'])).toEqual([5, 4]);
    expect(apportion(9, ['5', '5'])).toEqual([5, 4]);
  });

  it('always adds up to the total', () => {
    for (let trial = 0; trial < 200; trial++) {
      const weights = Array.from({ length: 1 + (trial % 5) }, (_, i) => 1 + ((trial * 7 + i * 13) % 17));
      const total = (trial * 9_973) % 100_000;
      const sum = weights.reduce((a, b) => a + b, 0);
      const shares = weights.map((w) => ((total * w) / sum).toFixed(12));
      const result = apportion(total, shares);
      expect(result.reduce((a, b) => a + b, 0)).toBe(total);
      result.forEach((cents, i) =>
        expect(Math.abs(cents - (total * (weights[i] ?? 0)) / sum)).toBeLessThan(1),
      );
    }
  });

  it('handles no ticket types and a total of zero', () => {
    expect(apportion(0, [])).toEqual([]);
    expect(apportion(0, ['0', '0'])).toEqual([0, 0]);
  });
});

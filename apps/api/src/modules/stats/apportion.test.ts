import { describe, expect, it } from 'vitest';
import { apportion } from './apportion';

describe('apportion', () => {
  it('keeps whole shares as they are, floating-point noise included', () => {
    expect(apportion(17_000, [7_000, 10_000])).toEqual([7_000, 10_000]);
    expect(apportion(15_000, [4_999.999_999_999_9, 10_000.000_000_000_2])).toEqual([5_000, 10_000]);
  });

  it('gives the cents left by rounding down to the largest remainders', () => {
    expect(apportion(100, [100 / 3, 100 / 3, 100 / 3])).toEqual([34, 33, 33]);
    expect(apportion(10, [3.5, 3.5, 3])).toEqual([4, 3, 3]);
    expect(apportion(10, [3.2, 3.7, 3.1])).toEqual([3, 4, 3]);
  });

  it('takes a cent back from the smallest remainder when the shares overshoot', () => {
    expect(apportion(9, [5, 5])).toEqual([5, 4]);
    expect(apportion(9, [6, 4])).toEqual([6, 3]);
  });

  it('always adds up to the total and stays within a cent of each share', () => {
    for (let trial = 0; trial < 500; trial++) {
      const weights = Array.from({ length: 1 + (trial % 6) }, (_, i) => 1 + ((trial * 7 + i * 13) % 17));
      const total = (trial * 99_991) % 10_000_000;
      const sum = weights.reduce((a, b) => a + b, 0);
      const shares = weights.map((w) => (total * w) / sum);
      const result = apportion(total, shares);
      expect(result.reduce((a, b) => a + b, 0)).toBe(total);
      result.forEach((cents, i) => expect(Math.abs(cents - (shares[i] ?? 0))).toBeLessThan(1));
    }
  });

  it('handles no ticket types and a total of zero', () => {
    expect(apportion(0, [])).toEqual([]);
    expect(apportion(0, [0, 0])).toEqual([0, 0]);
  });
});

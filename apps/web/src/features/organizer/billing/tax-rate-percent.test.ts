import { describe, expect, it } from 'vitest';
import { basisPointsToPercentText, formatRate, percentError, percentToBasisPoints } from './tax-rate-percent';

describe('percentToBasisPoints', () => {
  it.each([
    ['19', 1900],
    ['7.25', 725],
    ['7,25', 725],
    ['0.5', 50],
    ['0.05', 5],
    ['19.50', 1950],
    ['19.', 1900],
    [' 20 % ', 2000],
    ['0', 0],
    ['100', 10_000],
    ['007.10', 710],
    ['19.000', 1900],
  ])('reads "%s" as %i basis points', (typed, basisPoints) => {
    expect(percentToBasisPoints(typed)).toEqual({ ok: true, basisPoints });
  });

  it('is exact where multiplying a float drifts', () => {
    // 0.29 * 100 is 28.999999999999996, 1.15 * 100 is 114.99999999999999.
    expect(percentToBasisPoints('0.29')).toEqual({ ok: true, basisPoints: 29 });
    expect(percentToBasisPoints('1.15')).toEqual({ ok: true, basisPoints: 115 });
    for (let basisPoints = 0; basisPoints <= 10_000; basisPoints += 1)
      expect(percentToBasisPoints(basisPointsToPercentText(basisPoints))).toEqual({ ok: true, basisPoints });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['19.999', 'too-precise'],
    ['7.255', 'too-precise'],
    ['100.01', 'too-high'],
    ['250', 'too-high'],
    ['99999999999999999999', 'too-high'],
    ['-5', 'not-a-number'],
    ['1e2', 'not-a-number'],
    ['.5', 'not-a-number'],
    ['19%%', 'not-a-number'],
    ['7.2.5', 'not-a-number'],
    ['nineteen', 'not-a-number'],
  ])('refuses "%s" (%s)', (typed, reason) => {
    expect(percentToBasisPoints(typed)).toEqual({ ok: false, reason });
  });

  it('says what to type instead', () => {
    expect(percentError('19.999')).toBe('At most two decimals, e.g. 7.25');
    expect(percentError('19')).toBeNull();
  });
});

describe('basisPointsToPercentText and formatRate', () => {
  it.each([
    [1900, '19', '19%'],
    [1925, '19.25', '19.25%'],
    [1950, '19.5', '19.5%'],
    [725, '7.25', '7.25%'],
    [5, '0.05', '0.05%'],
    [0, '0', '0%'],
    [10_000, '100', '100%'],
  ])('%i basis points read "%s" and show as %s', (basisPoints, text, shown) => {
    expect(basisPointsToPercentText(basisPoints)).toBe(text);
    expect(formatRate(basisPoints)).toBe(shown);
  });
});

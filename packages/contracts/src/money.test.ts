import { describe, expect, it } from 'vitest';
import { currencyDigits, decimalAmount, formatMoney, fromMinorUnits, toMinorUnits } from './money';

describe('money', () => {
  it('knows how many minor digits each currency has', () => {
    expect(currencyDigits('EUR')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('KWD')).toBe(3);
  });

  it('turns typed amounts into integer cents without float noise', () => {
    expect(toMinorUnits(19.99, 'EUR')).toBe(1999);
    expect(toMinorUnits('0.29', 'EUR')).toBe(29);
    expect(toMinorUnits(1.005, 'KWD')).toBe(1005);
    expect(toMinorUnits(500, 'JPY')).toBe(500);
    expect(fromMinorUnits(1999, 'EUR')).toBe(19.99);
  });

  it('formats cents with the currency', () => {
    expect(formatMoney(123456, 'EUR', 'en-US')).toBe('€1,234.56');
    expect(formatMoney(0, 'USD', 'en-US')).toBe('$0.00');
    expect(formatMoney(5000, 'JPY', 'en-US')).toBe('¥5,000');
  });
});

describe('decimalAmount', () => {
  it.each([
    [123450, 'EUR', '1234.50'],
    [5, 'EUR', '0.05'],
    [0, 'EUR', '0.00'],
    [-1999, 'USD', '-19.99'],
    [1234, 'JPY', '1234'],
    [1234, 'KWD', '1.234'],
    [999_999_999_999, 'EUR', '9999999999.99'],
  ])('%d %s -> %s', (minor, currency, expected) => {
    expect(decimalAmount(minor, currency)).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { valuesToFee } from './ServiceFeeSection';

describe('valuesToFee', () => {
  it('turns what the organizer typed into minor units and basis points', () => {
    expect(valuesToFee({ enabled: true, fixed: 0.99, percent: 2.5, mode: 'passed_on' }, 'EUR')).toEqual({
      fixedCents: 99,
      percentBasisPoints: 250,
      passedOn: true,
    });
    // Yen have no minor unit; dinars three.
    expect(valuesToFee({ enabled: true, fixed: 150, percent: '', mode: 'absorbed' }, 'JPY')).toEqual({
      fixedCents: 150,
      percentBasisPoints: 0,
      passedOn: false,
    });
    expect(valuesToFee({ enabled: true, fixed: 0.125, percent: 1.75, mode: 'absorbed' }, 'KWD')).toEqual({
      fixedCents: 125,
      percentBasisPoints: 175,
      passedOn: false,
    });
  });

  it('switched off, it clears the fee', () => {
    expect(valuesToFee({ enabled: false, fixed: 5, percent: 3, mode: 'absorbed' }, 'EUR')).toEqual({
      fixedCents: 0,
      percentBasisPoints: 0,
      passedOn: true,
    });
  });

  it('a third decimal of a percent is not a whole basis point: the contract refuses it', () => {
    const fee = valuesToFee({ enabled: true, fixed: '', percent: 2.555, mode: 'passed_on' }, 'EUR');
    expect(Number.isInteger(fee.percentBasisPoints)).toBe(false);
  });
});

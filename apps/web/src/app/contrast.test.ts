import { describe, expect, it } from 'vitest';
import { contrastRatio } from './contrast';

describe('contrastRatio', () => {
  it('measures as WCAG 2 does, either way round, short hex included', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#fff', '#000')).toBeCloseTo(21, 5);
    // White on Mantine's red.6: the badge the audit caught.
    expect(contrastRatio('#fa5252', '#ffffff')).toBeCloseTo(3.28, 2);
    expect(contrastRatio('#ffffff', '#777777')).toBeCloseTo(4.48, 2);
  });

  it('never lets a colour it cannot read pass', () => {
    expect(contrastRatio('red', '#ffffff')).toBeNaN();
    expect(contrastRatio('var(--mantine-color-red-6)', '#ffffff') >= 4.5).toBe(false);
  });
});

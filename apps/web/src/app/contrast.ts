/** The WCAG AA minimum for normal-size text. */
export const AA_CONTRAST = 4.5;

function channel(hex: string, offset: number): number {
  const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
  return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}

function relativeLuminance(hex: string): number {
  return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
}

/** `#rgb` as `#rrggbb`; anything but hex as undefined. */
function longHex(color: string): string | undefined {
  if (/^#[0-9a-f]{6}$/i.test(color)) return color;
  if (/^#[0-9a-f]{3}$/i.test(color)) return `#${[...color.slice(1)].map((digit) => digit + digit).join('')}`;
  return undefined;
}

/**
 * WCAG 2 contrast ratio of two hex colours (`#rrggbb` or `#rgb`), from 1 to 21; NaN for anything
 * else, so a colour written another way never passes a check by accident.
 */
export function contrastRatio(a: string, b: string): number {
  const [first, second] = [longHex(a), longHex(b)];
  if (!first || !second) return Number.NaN;
  const [x, y] = [relativeLuminance(first), relativeLuminance(second)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

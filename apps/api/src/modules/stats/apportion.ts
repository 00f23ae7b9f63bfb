/**
 * Whole cents for each share, adding up to `total`: each share rounded down, then the cents left
 * over go to the largest remainders (ties to the first), so no cent appears or vanishes. Shares are
 * sums of floating-point fractions, so noise far below a cent is rounded away first.
 */
export function apportion(total: number, shares: number[]): number[] {
  const parts = shares.map((share, index) => {
    const clean = Math.round(share * 1e6) / 1e6;
    const floor = Math.floor(clean);
    return { index, floor, remainder: clean - floor };
  });
  let left = total - parts.reduce((sum, part) => sum + part.floor, 0);
  const result = parts.map((part) => part.floor);
  const byRemainder = [...parts].sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const part of byRemainder) {
    if (left <= 0) break;
    result[part.index] = (result[part.index] ?? 0) + 1;
    left--;
  }
  // Shares that overshoot the total (they never should by more than noise) give a cent back.
  for (const part of byRemainder.reverse()) {
    if (left >= 0) break;
    if ((result[part.index] ?? 0) <= 0) continue;
    result[part.index] = (result[part.index] ?? 0) - 1;
    left++;
  }
  return result;
}

/**
 * Whole cents for each exact (decimal) share, adding up to `total`: each share rounded down, then
 * the cents left over go to the largest remainders (ties to the first), so no cent appears or vanishes.
 */
export function apportion(total: number, shares: string[]): number[] {
  const parts = shares.map((share, index) => {
    const [whole = '0', fraction = ''] = share.split('.');
    return { index, floor: Number(whole), remainder: Number(`0.${fraction || '0'}`) };
  });
  let left = total - parts.reduce((sum, part) => sum + part.floor, 0);
  const result = parts.map((part) => part.floor);
  // Decimal division can round a share up past a whole cent; then a cent comes back off the smallest.
  const byRemainder = [...parts].sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const part of byRemainder) {
    if (left <= 0) break;
    result[part.index] = (result[part.index] ?? 0) + 1;
    left--;
  }
  for (const part of byRemainder.reverse()) {
    if (left >= 0) break;
    if ((result[part.index] ?? 0) <= 0) continue;
    result[part.index] = (result[part.index] ?? 0) - 1;
    left++;
  }
  return result;
}

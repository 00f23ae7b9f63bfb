import type { EventAnalytics } from '@zevents/contracts';

export type ArrivalBin = EventAnalytics['door']['arrivals'][number];

const BIN_MS = 5 * 60_000;
/** Past this many bins (about two days) the empty ones are not drawn: the curve would be all gaps. */
const MAX_FILLED_BINS = 600;

/**
 * The API sends only the 5-minute bins somebody arrived in; the quiet ones between are zero, so
 * the curve drops to the ground instead of drawing a straight line across a lull.
 */
export function fillArrivalBins(bins: readonly ArrivalBin[]): ArrivalBin[] {
  const first = bins[0];
  const last = bins[bins.length - 1];
  if (!first || !last) return [];
  const from = Date.parse(first.start);
  const span = Math.round((Date.parse(last.start) - from) / BIN_MS);
  if (!Number.isFinite(span) || span + 1 > MAX_FILLED_BINS) return [...bins];
  const counts = new Map(bins.map((bin) => [Date.parse(bin.start), bin.count]));
  return Array.from({ length: span + 1 }, (_, index) => {
    const at = from + index * BIN_MS;
    return { start: new Date(at).toISOString(), count: counts.get(at) ?? 0 };
  });
}

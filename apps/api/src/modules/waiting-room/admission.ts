import type { WaitingRoomFigures } from '@zevents/contracts';

/**
 * Admission is computed, not scheduled: from the opening on, place p is admitted once
 * `admitPerMinute * minutesSinceOpening >= p - 1` (place 1 at the opening itself). No job runs, every
 * API process gets the same answer from the same row, and thousands of visitors cost nothing until
 * they ask. Late arrivals after a quiet spell take a place no lower than the current admission line
 * (see the join statement), so a burst never gets through faster than the rate.
 */
export function admittedThrough(openedAt: Date | null, now: Date, admitPerMinute: number): number {
  if (!openedAt || now < openedAt) return 0;
  return Math.floor((admitPerMinute * (now.getTime() - openedAt.getTime())) / 60_000) + 1;
}

/** When place p is (or was) admitted. */
export function admissionTimeOf(place: number, openedAt: Date, admitPerMinute: number): Date {
  return new Date(openedAt.getTime() + Math.ceil(((place - 1) * 60_000) / admitPerMinute));
}

const DRAW_RANGE = 2 ** 47;

/** A random draw key for a visitor who comes before the opening (their place is its rank). */
export const DRAW_KEY_RANGE = DRAW_RANGE;

/**
 * Before the draw: where a visitor will likely stand, from their draw key's share of the range and
 * how many came so far (it moves as others join; the real place is drawn at the opening).
 */
export function provisionalPosition(drawKey: number, earlyCount: number): number {
  return Math.max(1, Math.ceil((drawKey / DRAW_RANGE) * earlyCount));
}

export interface QueueRowFacts {
  earlyCount: number;
  visitorCount: number;
  nextPlace: number;
  openedAt: Date | null;
}

/** The room's live figures from its queue row (waiting places are contiguous above the admission line). */
export function figuresOf(
  row: QueueRowFacts | undefined,
  now: Date,
  admitPerMinute: number,
  salesOpenAt: Date | null,
): WaitingRoomFigures {
  const base = { admitPerMinute, salesOpenAt: salesOpenAt?.toISOString() ?? null };
  if (!row || !row.openedAt) {
    const waiting = row?.earlyCount ?? 0;
    return { ...base, queueLength: waiting, admitted: 0, admittedThrough: 0, isDrawPending: true };
  }
  const through = admittedThrough(row.openedAt, now, admitPerMinute);
  const queueLength = Math.max(0, row.nextPlace - 1 - through);
  return {
    ...base,
    queueLength,
    admitted: Math.max(0, row.visitorCount - queueLength),
    admittedThrough: through,
    isDrawPending: false,
  };
}

import { DateTime } from 'luxon';

export type SummaryPeriodKind = 'daily' | 'weekly';

/** One summary's period: local calendar days in the member's time zone, `to` exclusive. */
export interface SummaryPeriod {
  kind: SummaryPeriodKind;
  /** The first local day, `YYYY-MM-DD` (what the outbox's dedupe key and the member's row hold). */
  start: string;
  from: Date;
  to: Date;
  /** 07:00 local on the day after the period: a summary lands with the morning's mail, not at midnight. */
  sendAt: Date;
  timezone: string;
}

/** Local hour the summaries go out at. */
export const SEND_HOUR = 7;

function periodStarting(kind: SummaryPeriodKind, localStart: DateTime, timezone: string): SummaryPeriod {
  const localEnd = kind === 'daily' ? localStart.plus({ days: 1 }) : localStart.plus({ weeks: 1 });
  return {
    kind,
    start: localStart.toISODate() ?? '',
    from: localStart.toJSDate(),
    to: localEnd.toJSDate(),
    sendAt: localEnd.set({ hour: SEND_HOUR }).toJSDate(),
    timezone,
  };
}

/** The period that starts on the local day `start` (`YYYY-MM-DD`). */
export function periodOfStart(kind: SummaryPeriodKind, start: string, timezone: string): SummaryPeriod {
  return periodStarting(kind, DateTime.fromISO(start, { zone: timezone }).startOf('day'), timezone);
}

/** The last period that is over at `now` (yesterday, or last Monday to Sunday), whatever the hour. */
export function lastCompletePeriod(kind: SummaryPeriodKind, timezone: string, now: Date): SummaryPeriod {
  const local = DateTime.fromJSDate(now, { zone: timezone });
  const currentStart = kind === 'daily' ? local.startOf('day') : local.startOf('week');
  const previousStart = kind === 'daily' ? currentStart.minus({ days: 1 }) : currentStart.minus({ weeks: 1 });
  return periodStarting(kind, previousStart, timezone);
}

/** The latest period whose sending time has come at `now` (luxon's weeks start on Monday). */
export function latestDuePeriod(kind: SummaryPeriodKind, timezone: string, now: Date): SummaryPeriod {
  const complete = lastCompletePeriod(kind, timezone, now);
  if (complete.sendAt <= now) return complete;
  const local = DateTime.fromJSDate(complete.from, { zone: timezone });
  return periodStarting(
    kind,
    kind === 'daily' ? local.minus({ days: 1 }) : local.minus({ weeks: 1 }),
    timezone,
  );
}

/**
 * Whether a member is owed the summary of `period`: not sent yet, and a period that ended after they
 * joined (a new member starts with the next one, not with a week from before their time).
 */
export function isOwed(
  period: SummaryPeriod,
  member: { lastSentPeriodStart: string | null; joinedAt: Date },
): boolean {
  if (period.to <= member.joinedAt) return false;
  return member.lastSentPeriodStart === null || member.lastSentPeriodStart < period.start;
}

/** When the scan that runs every hour (at minute 5) sends the member's next summary. */
export function nextSendAt(
  kind: SummaryPeriodKind,
  timezone: string,
  now: Date,
  member: { lastSentPeriodStart: string | null; joinedAt: Date },
): Date {
  const due = latestDuePeriod(kind, timezone, now);
  if (isOwed(due, member)) return nextScan(now);
  const local = DateTime.fromJSDate(due.from, { zone: timezone });
  const next = periodStarting(
    kind,
    kind === 'daily' ? local.plus({ days: 1 }) : local.plus({ weeks: 1 }),
    timezone,
  );
  return nextScan(new Date(next.sendAt.getTime() - 1));
}

/** The scan's cron is `5 * * * *`: the first minute 5 after `after`. */
function nextScan(after: Date): Date {
  const next = new Date(after);
  next.setUTCSeconds(0, 0);
  next.setUTCMinutes(5);
  if (next <= after) next.setUTCHours(next.getUTCHours() + 1);
  return next;
}

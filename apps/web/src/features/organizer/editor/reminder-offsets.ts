import type { EventStatus } from '@zevents/contracts';

export type OffsetUnit = 'minutes' | 'hours' | 'days';

export const UNIT_MINUTES: Record<OffsetUnit, number> = { minutes: 1, hours: 60, days: 1440 };

/** 1440 -> "1 day before", 90 -> "1 hour 30 minutes before". */
export function describeOffset(offsetMinutes: number): string {
  const days = Math.floor(offsetMinutes / 1440);
  const hours = Math.floor((offsetMinutes % 1440) / 60);
  const minutes = offsetMinutes % 60;
  const parts: string[] = [];
  if (days) parts.push(`${days} day${days === 1 ? '' : 's'}`);
  if (hours) parts.push(`${hours} hour${hours === 1 ? '' : 's'}`);
  if (minutes) parts.push(`${minutes} minute${minutes === 1 ? '' : 's'}`);
  return `${parts.join(' ')} before`;
}

/**
 * Where a reminder stands at `now`: it goes out at its time only while the event is published, to
 * the orders paid by then (the server's due scan). Before its time it is only scheduled; a draft's
 * or a cancelled event's past time sent nothing we can vouch for, and a cancelled event sends no more.
 */
export type ReminderState = 'scheduled' | 'sent' | 'passed' | 'cancelled';

export function reminderState(sendAt: number, now: number, eventStatus: EventStatus): ReminderState {
  const isDue = sendAt <= now;
  if (eventStatus === 'cancelled') return isDue ? 'passed' : 'cancelled';
  if (!isDue) return 'scheduled';
  return eventStatus === 'published' ? 'sent' : 'passed';
}

/** The words before the reminder's time, per state: "Scheduled for 1 June, 19:00". */
export const REMINDER_STATE_LABELS: Record<ReminderState, string> = {
  scheduled: 'Scheduled for',
  sent: 'Sent',
  passed: 'Time passed:',
  cancelled: 'Not sent (event cancelled):',
};

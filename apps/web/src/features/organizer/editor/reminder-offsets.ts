import type { EventStatus } from '@zevents/contracts';
import { i18n } from '../../../i18n/i18n';

export type OffsetUnit = 'minutes' | 'hours' | 'days';

export const UNIT_MINUTES: Record<OffsetUnit, number> = { minutes: 1, hours: 60, days: 1440 };

/** 1440 -> "1 day before", 90 -> "1 hour 30 minutes before". */
export function describeOffset(offsetMinutes: number): string {
  const days = Math.floor(offsetMinutes / 1440);
  const hours = Math.floor((offsetMinutes % 1440) / 60);
  const minutes = offsetMinutes % 60;
  const parts: string[] = [];
  if (days) parts.push(i18n.t('web.org.editor.reminders.days', { count: days }));
  if (hours) parts.push(i18n.t('web.org.editor.reminders.hours', { count: hours }));
  if (minutes) parts.push(i18n.t('web.org.editor.reminders.minutes', { count: minutes }));
  return i18n.t('web.org.editor.reminders.before', { span: parts.join(' ') });
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

const REMINDER_STATE_KEYS = {
  scheduled: 'web.org.editor.reminders.stateScheduled',
  sent: 'web.org.editor.reminders.stateSent',
  passed: 'web.org.editor.reminders.statePassed',
  cancelled: 'web.org.editor.reminders.stateCancelled',
} as const satisfies Record<ReminderState, string>;

/** The reminder's state and time in one line: "Scheduled for 1 June, 19:00". */
export function describeReminderState(state: ReminderState, when: string): string {
  return i18n.t(REMINDER_STATE_KEYS[state], { when });
}

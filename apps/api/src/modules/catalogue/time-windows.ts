import type { EventWhen } from '@zevents/contracts';
import { DateTime } from 'luxon';

/** A span of time, `start` included and `end` excluded. */
export interface TimeWindow {
  start: Date;
  end: Date;
}

/** The weekend begins on Friday evening: after-work concerts and parties are weekend plans. */
const WEEKEND_STARTS_FRIDAY_AT_HOUR = 17;

/**
 * The storefront's date shortcuts, in the visitor's own calendar (`zone`, an IANA zone): an event
 * matches when it runs at some time of the window. Days are calendar days of the zone, so a day
 * around a DST change lasts 23 or 25 hours and a window always ends at local midnight.
 * - today, tomorrow: the local calendar day;
 * - this-week: from the start of today to next Monday 00:00 (ISO weeks start on Monday);
 * - this-weekend: Friday 17:00 to Monday 00:00 of the current week, from `now` when it is already
 *   the weekend (what has passed of it is over).
 */
export function timeWindowOf(when: EventWhen, now: Date, zone: string): TimeWindow {
  const local = DateTime.fromJSDate(now, { zone });
  const today = local.startOf('day');
  // ISO week (luxon's default, independent of locale): Monday 00:00 local.
  const monday = local.startOf('week');
  const nextMonday = monday.plus({ weeks: 1 });
  switch (when) {
    case 'today':
      return window(today, today.plus({ days: 1 }));
    case 'tomorrow':
      return window(today.plus({ days: 1 }), today.plus({ days: 2 }));
    case 'this-week':
      return window(today, nextMonday);
    case 'this-weekend': {
      const fridayEvening = monday.plus({ days: 4 }).set({ hour: WEEKEND_STARTS_FRIDAY_AT_HOUR });
      return window(fridayEvening < local ? local : fridayEvening, nextMonday);
    }
  }
}

function window(start: DateTime, end: DateTime): TimeWindow {
  return { start: start.toJSDate(), end: end.toJSDate() };
}

import { translatorFor } from '@zevents/i18n';
import { createEvent } from 'ics';
import { languageOf } from './blocks';
import type { EmailEvent, EmailOrder } from './email-types';

export interface CalendarFileInput {
  event: EmailEvent;
  /** The id only: the order's link carries its access token, and a calendar file is shared. */
  order: Pick<EmailOrder, 'id'>;
}

/**
 * The .ics attached to the order confirmation. Times go out in UTC so every calendar app places them
 * correctly without a VTIMEZONE block; the UID is per order, so a later file for the same order updates
 * the entry instead of adding a second one. The file leaves the buyer's hands (imported into Google or
 * Outlook, shared calendars, invitations forwarded), so it links the public event page, never the order
 * page with its `?token=`: the tickets stay in the email.
 */
export function buildCalendarFile({ event, order }: CalendarFileInput): string {
  const { error, value } = createEvent({
    productId: 'z-events/notifications',
    uid: `order-${order.id}@z-events`,
    title: event.title,
    start: event.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: event.endsAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    ...(event.venue === null ? {} : { location: event.venue }),
    description: translatorFor(languageOf(event))('email.calendar.description', {
      organizer: event.organizationName,
      url: event.url,
    }),
    url: event.url,
    status: 'CONFIRMED',
    busyStatus: 'BUSY',
  });
  if (error !== null || value === null) {
    const reason = error?.message ?? 'no output';
    throw new Error(`Could not build the calendar file for order ${order.id}: ${reason}`);
  }
  return value;
}

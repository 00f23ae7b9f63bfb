import { createEvent } from 'ics';
import type { EmailEvent, EmailOrder } from './email-types';

export interface CalendarFileInput {
  event: EmailEvent;
  order: Pick<EmailOrder, 'id' | 'url'>;
}

/**
 * The .ics attached to the order confirmation. Times go out in UTC so every calendar app places them
 * correctly without a VTIMEZONE block; the UID is per order, so a later file for the same order updates
 * the entry instead of adding a second one.
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
    description: `Organised by ${event.organizationName}.\nYour order and tickets: ${order.url}`,
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

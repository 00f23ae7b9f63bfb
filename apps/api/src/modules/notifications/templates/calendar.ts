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
  if (!UUID.test(order.id)) return createCalendarFile(event, order.id);
  // A sale's confirmations carry one file per order of the same event: ics validates and formats it
  // in ~0.5 ms of CPU, the 10,000th time as the first. Built once per event, each order's UID (a UUID,
  // so no line folds differently) and the time of writing (DTSTAMP) go into the copy.
  const key = JSON.stringify([
    event.title,
    event.venue,
    +event.startsAt,
    +event.endsAt,
    event.organizationName,
    event.url,
    languageOf(event),
  ]);
  let template = TEMPLATES.get(key);
  if (template === undefined) {
    template = createCalendarFile(event, TEMPLATE_ORDER_ID, order.id);
    if (TEMPLATES.size >= TEMPLATES_KEPT) TEMPLATES.delete(TEMPLATES.keys().next().value ?? '');
    TEMPLATES.set(key, template);
  }
  return template
    .replace(uidLine(TEMPLATE_ORDER_ID), uidLine(order.id))
    .replace(/^DTSTAMP:\d{8}T\d{6}Z\r$/m, `DTSTAMP:${icsTimestamp(new Date())}\r`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TEMPLATE_ORDER_ID = '00000000-0000-4000-8000-000000000000';
const TEMPLATES = new Map<string, string>();
const TEMPLATES_KEPT = 32;
const uidLine = (orderId: string) => `\r\nUID:order-${orderId}@z-events\r\n`;
/** 2026-12-06T03:25:50.123Z -> 20261206T032550Z, as ics writes DTSTAMP. */
const icsTimestamp = (at: Date) =>
  at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** `uidOrderId` goes into the UID; an error names `orderId`, the order the file was asked for. */
function createCalendarFile(event: EmailEvent, uidOrderId: string, orderId = uidOrderId): string {
  const { error, value } = createEvent({
    productId: 'z-events/notifications',
    uid: `order-${uidOrderId}@z-events`,
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
    throw new Error(`Could not build the calendar file for order ${orderId}: ${reason}`);
  }
  return value;
}

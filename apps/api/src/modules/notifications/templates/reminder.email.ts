import { eventDetails, joinOnline, paragraph } from './blocks';
import type { EmailEvent, EmailOrder, EmailTicket, RenderedEmail } from './email-types';
import { formatEventStart } from './format';
import { renderEmailWithSlots, slottedTickets } from './layout';

export interface ReminderInput {
  event: EmailEvent;
  order: EmailOrder;
  tickets: EmailTicket[];
  /** The reminder offset: how many minutes before the start it is meant to arrive. */
  offsetMinutes: number;
  /** How many minutes are really left when it goes out (the offset's wording is used when unknown). */
  minutesToStart?: number;
  /** To someone a ticket was passed on to: `order` then names the holder and links their ticket page. */
  isHolder?: boolean;
}

const HOUR = 60;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/**
 * "Tomorrow", "In 2 hours", "In 3 days", "In 45 minutes". Based on the offset, not the clock, so a
 * reminder that is caught up a little late still reads as the organizer set it.
 */
export function describeReminderOffset(offsetMinutes: number): string {
  const minutes = Math.round(offsetMinutes);
  if (minutes <= 0) return 'Starting now';
  if (minutes % WEEK === 0) return `In ${plural(minutes / WEEK, 'week')}`;
  if (minutes === DAY) return 'Tomorrow';
  if (minutes % DAY === 0) return `In ${plural(minutes / DAY, 'day')}`;
  if (minutes % HOUR === 0) return `In ${plural(minutes / HOUR, 'hour')}`;
  if (minutes < 3 * HOUR) return `In ${plural(minutes, 'minute')}`;
  if (minutes < 2 * DAY) return `In about ${plural(Math.round(minutes / HOUR), 'hour')}`;
  return `In about ${plural(Math.round(minutes / DAY), 'day')}`;
}

/**
 * What the reminder says about when the event starts: the organizer's offset ("Tomorrow") while the
 * reminder goes out about on time, but the real time left when it was caught up late (after a worker
 * outage, say), so nobody reads "Tomorrow" about an event that starts in 30 minutes.
 */
export function reminderLead(offsetMinutes: number, minutesToStart?: number): string {
  if (minutesToStart === undefined) return describeReminderOffset(offsetMinutes);
  const lateBy = offsetMinutes - minutesToStart;
  if (lateBy <= Math.max(15, offsetMinutes * 0.1)) return describeReminderOffset(offsetMinutes);
  // Said the way a person would: to the minute under 5 minutes, in 5-minute steps up to 3 hours.
  const left =
    minutesToStart < 5
      ? Math.max(1, Math.round(minutesToStart))
      : minutesToStart < 3 * HOUR
        ? Math.round(minutesToStart / 5) * 5
        : minutesToStart;
  return describeReminderOffset(left);
}

/** Sent in bulk (every order of an event at once), so compiled once per event and shape: see renderEmailWithSlots. */
export function renderReminder({
  event,
  order,
  tickets,
  offsetMinutes,
  minutesToStart,
  isHolder = false,
}: ReminderInput): Promise<RenderedEmail> {
  const when = reminderLead(offsetMinutes, minutesToStart);
  const relative = when.charAt(0).toLowerCase() + when.slice(1);
  const isSingle = tickets.length === 1;
  return renderEmailWithSlots((slot) => ({
    subject: `${when}: ${event.title}`,
    preheader: `${event.title} starts ${formatEventStart(event)}. Have your ${isSingle ? 'ticket' : 'tickets'} ready.`,
    badge: { text: 'Reminder', tone: 'info' },
    event,
    blocks: [
      paragraph(`Hi ${slot(order.buyerName)},`),
      paragraph(
        'A quick reminder: ',
        { text: event.title, isStrong: true },
        ` starts ${relative === 'starting now' ? 'now' : relative}.`,
      ),
      eventDetails(event),
      ...joinOnline(event),
      { kind: 'heading', text: isSingle ? 'Your ticket' : 'Your tickets' },
      slottedTickets(tickets, slot),
      // Nobody scans a ticket at an online event.
      ...(event.kind === 'online'
        ? []
        : [
            {
              kind: 'notice' as const,
              tone: 'info' as const,
              title: 'At the door',
              text:
                'Show the QR code on your phone or printed. Each ticket admits one person once, ' +
                'and turning your screen brightness up helps the scanner.',
            },
          ]),
      {
        kind: 'button',
        label: isHolder ? 'View your ticket' : 'View your order',
        href: slot(order.url, 'url'),
      },
    ],
    reason: isHolder
      ? `You are receiving this reminder because a ticket for this event was passed on to you (${slot(order.buyerEmail)}).`
      : `You are receiving this reminder because you hold tickets for this event (order ${slot(order.id)}, ${slot(order.buyerEmail)}).`,
  }));
}

import { createHash } from 'node:crypto';
import type { Ticket } from '@zevents/contracts';
import { DateTime } from 'luxon';
import type { EventRow } from '../events';

/** Everything a wallet pass shows, whichever wallet it goes to. */
export interface PassContent {
  ticketId: string;
  eventId: string;
  eventTitle: string;
  venue: string | null;
  startsAt: Date;
  endsAt: Date;
  /** An IANA zone; UTC when the event's is unknown to this server. */
  timezone: string;
  organizationName: string;
  ticketTypeName: string;
  attendeeName: string;
  orderId: string;
  code: string;
  /** The signed string the ticket's QR encodes: the same as on its PDF and its page. */
  qr: string;
  /** Refunded, cancelled or void: the pass stays, greyed out, and does not scan. */
  isVoid: boolean;
}

export function passContentOf(input: {
  ticket: Pick<Ticket, 'id' | 'code' | 'qr' | 'attendeeName' | 'ticketTypeName' | 'status'>;
  event: Pick<EventRow, 'id' | 'title' | 'venue' | 'startsAt' | 'endsAt' | 'timezone' | 'status'>;
  orderId: string;
  organizationName: string;
}): PassContent {
  const { ticket, event } = input;
  return {
    ticketId: ticket.id,
    eventId: event.id,
    eventTitle: event.title,
    venue: event.venue,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    timezone: DateTime.local().setZone(event.timezone).isValid ? event.timezone : 'UTC',
    organizationName: input.organizationName,
    ticketTypeName: ticket.ticketTypeName,
    attendeeName: ticket.attendeeName,
    orderId: input.orderId,
    code: ticket.code,
    qr: ticket.qr,
    isVoid: ticket.status === 'void' || event.status === 'cancelled',
  };
}

/** Changes whenever anything the pass shows changes: how a pass's "last modified" is noticed. */
export function fingerprintOf(content: PassContent): string {
  const fields = Object.entries(content)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]);
  return createHash('sha256').update(JSON.stringify(fields)).digest('base64url');
}

/** `2026-12-18T19:00:00+01:00`: the instant written with the event's own offset, as wallets show it. */
export function isoInEventZone(instant: Date, timezone: string): string {
  return DateTime.fromJSDate(instant, { zone: timezone }).toISO({ suppressMilliseconds: true }) ?? '';
}

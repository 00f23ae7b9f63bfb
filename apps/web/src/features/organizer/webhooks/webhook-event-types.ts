import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@zevents/contracts';

/** What each event type tells a receiver, in the words of the API reference, shortened for a form. */
export const EVENT_TYPE_DESCRIPTIONS: Record<WebhookEventType, string> = {
  'order.created': 'A buyer reserved tickets, or you issued an order at the box office',
  'order.paid': 'An order was paid and its tickets exist',
  'order.refunded': 'Money went back to a buyer, in full or in part',
  'order.cancelled': 'A reservation was cancelled before payment',
  'order.expired': 'A reservation ran out unpaid; its tickets are back on sale',
  'ticket.checked_in': 'A ticket was scanned in at the door (its first scan)',
  'ticket.transferred': 'A ticket changed hands; the old code no longer opens the door',
  'event.published': 'An event went on sale',
  'event.cancelled': 'An event was cancelled; its paid orders are being refunded',
  'event.updated': 'An event’s title, dates, venue, description or settings changed',
};

/** Every type, in the order the API lists them (orders, tickets, events). */
export const ALL_EVENT_TYPES: readonly WebhookEventType[] = WEBHOOK_EVENT_TYPES;

/** The chosen types in the API's order, whatever order they were ticked in. */
export function inCanonicalOrder(types: readonly string[]): WebhookEventType[] {
  return ALL_EVENT_TYPES.filter((type) => types.includes(type));
}

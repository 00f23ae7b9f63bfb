import { eventDetails, joinOnline, orderSummary, paragraph } from './blocks';
import type { EmailEvent, EmailOrder, EmailTicket, RenderedEmail } from './email-types';
import { formatEventStart } from './format';
import { type EmailFrame, renderEmailWithSlots, type Slot, slottedTickets } from './layout';

export interface OrderConfirmationInput {
  event: EmailEvent;
  order: EmailOrder;
  tickets: EmailTicket[];
  /** The invoice attached (an order with something paid); absent: none. */
  invoiceNumber?: string;
  /** The event's cover, attached inline under `cid`; absent: none. */
  cover?: { cid: string; alt: string; width: number; height: number };
}

/**
 * Sent once an order is paid (or confirmed free); the sender attaches each ticket's PDF, the .ics and,
 * for a paid order, its invoice.
 * A sale sends thousands at once, so the HTML is compiled once per event and order shape (see
 * renderEmailWithSlots): mjml alone took 15-40 ms of CPU per confirmation.
 */
export function renderOrderConfirmation(input: OrderConfirmationInput): Promise<RenderedEmail> {
  return renderEmailWithSlots((slot) => orderConfirmationFrame(input, slot));
}

/** The confirmation, with what differs between buyers of one event marked by `slot`. */
export function orderConfirmationFrame(
  { event, order, tickets, invoiceNumber, cover }: OrderConfirmationInput,
  slot: Slot,
): EmailFrame {
  const isSingle = tickets.length === 1;
  const yourTickets = isSingle ? 'Your ticket' : 'Your tickets';
  return {
    subject: `Your tickets for ${event.title}`,
    preheader: `${isSingle ? '1 ticket' : `${tickets.length} tickets`} for ${formatEventStart(event)}. Show them at the door from your phone or printed.`,
    badge: { text: 'Order confirmed', tone: 'success' },
    event,
    blocks: [
      // At most the email's 520 px of content, in proportion.
      ...(cover
        ? [
            {
              kind: 'image' as const,
              src: cover.cid,
              alt: cover.alt,
              width: Math.min(cover.width, 520),
              height: Math.round((Math.min(cover.width, 520) * cover.height) / Math.max(cover.width, 1)),
            },
          ]
        : []),
      paragraph(`Hi ${slot(order.buyerName)},`),
      paragraph(
        `Thank you for your order. ${yourTickets} ${isSingle ? 'is' : 'are'} attached to this email as ` +
          `${isSingle ? 'a PDF' : 'PDFs'} and linked below. Show ${isSingle ? 'it' : 'them'} at the door, ` +
          'on your phone or printed.',
      ),
      eventDetails(event, [{ label: 'Order', value: slot(order.id), isCode: true }]),
      ...joinOnline(event),
      { kind: 'heading', text: 'Order summary' },
      orderSummary(order),
      ...(invoiceNumber
        ? [
            paragraph(
              'Your invoice ',
              { text: slot(invoiceNumber), isStrong: true },
              ' is attached as a PDF; your order page keeps it too.',
            ),
          ]
        : []),
      { kind: 'heading', text: yourTickets },
      slottedTickets(tickets, slot),
      paragraph(
        'Each QR code admits one person, once: the first scan checks it in, so share a ticket only with ' +
          'the person who will use it.',
      ),
      { kind: 'button', label: 'View your order', href: slot(order.url, 'url') },
      {
        kind: 'notice',
        tone: 'info',
        title: 'Add it to your calendar',
        text: 'Open the attached .ics file to put the event, with its time and place, in your calendar.',
      },
      paragraph(
        'Keep this email: the order link is private, and anyone who has it can see your tickets and download them.',
      ),
    ],
    reason: `You are receiving this email because order ${slot(order.id)} was placed with ${slot(order.buyerEmail)}.`,
  };
}

import { translatorFor } from '@zevents/i18n';
import { eventDetails, joinOnline, languageOf, orderSummary, paragraph, sentence, strong } from './blocks';
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
  const language = languageOf(event);
  const t = translatorFor(language);
  const count = tickets.length;
  const yourTickets = t('email.common.yourTickets', { count });
  return {
    subject: t('email.confirmation.subject', { title: event.title }),
    preheader: t('email.confirmation.preheader', { count, start: formatEventStart(event, language) }),
    badge: { text: t('email.confirmation.badge'), tone: 'success' },
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
      paragraph(t('email.common.greeting', { name: slot(order.buyerName) })),
      paragraph(t('email.confirmation.intro', { count })),
      eventDetails(event, [{ label: t('email.common.order'), value: slot(order.id), isCode: true }]),
      ...joinOnline(event),
      { kind: 'heading', text: t('email.confirmation.orderSummary') },
      orderSummary(order, language),
      ...(invoiceNumber
        ? [
            paragraph(
              ...sentence(t('email.confirmation.invoice', { number: strong('number') }), {
                number: slot(invoiceNumber),
              }),
            ),
          ]
        : []),
      { kind: 'heading', text: yourTickets },
      slottedTickets(tickets, slot),
      paragraph(t('email.confirmation.qrNote')),
      { kind: 'button', label: t('email.common.viewOrder'), href: slot(order.url, 'url') },
      {
        kind: 'notice',
        tone: 'info',
        title: t('email.confirmation.calendarTitle'),
        text: t('email.confirmation.calendarText'),
      },
      paragraph(t('email.confirmation.keepEmail')),
    ],
    reason: t('email.common.reasonOrderPlaced', { orderId: slot(order.id), email: slot(order.buyerEmail) }),
  };
}

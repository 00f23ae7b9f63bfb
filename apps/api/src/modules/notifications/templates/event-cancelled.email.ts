import { paragraph, type Block } from './blocks';
import type { EmailEvent, EmailOrder, RenderedEmail } from './email-types';
import { formatEventSchedule, formatMoney } from './format';
import { renderEmail } from './layout';

export interface EventCancelledInput {
  event: EmailEvent;
  order: EmailOrder;
  /** What the cancellation refunded on this order; 0 for a free order or one refunded before. */
  refundedCents: number;
}

function refundBlock(order: EmailOrder, refundedCents: number): Block {
  if (refundedCents > 0) {
    return paragraph(
      'We have refunded ',
      { text: formatMoney(refundedCents, order.currency), isStrong: true },
      ' to the card or account you paid with. Depending on your bank, it can take 5 to 10 business days ' +
        'to appear on your statement. You do not need to do anything.',
    );
  }
  if (order.totalCents === 0) return paragraph('Your tickets were free, so there is nothing to refund.');
  if (order.refundedCents >= order.totalCents) {
    return paragraph('Your order had already been refunded in full, so no further refund is due.');
  }
  return paragraph(
    'Your refund is being processed and will go back to the card or account you paid with. ' +
      'You do not need to do anything.',
  );
}

export function renderEventCancelled({
  event,
  order,
  refundedCents,
}: EventCancelledInput): Promise<RenderedEmail> {
  return renderEmail({
    subject: `Cancelled: ${event.title}`,
    preheader: `${event.organizationName} has cancelled this event. Your tickets are no longer valid.`,
    badge: { text: 'Event cancelled', tone: 'danger' },
    event,
    blocks: [
      paragraph(`Hi ${order.buyerName},`),
      paragraph(
        `We are sorry to let you know that ${event.organizationName} has cancelled `,
        { text: event.title, isStrong: true },
        '.',
      ),
      {
        kind: 'notice',
        tone: 'danger',
        title: 'Your tickets are no longer valid',
        text: 'The event will not take place, and its tickets will not be admitted.',
      },
      refundBlock(order, refundedCents),
      {
        kind: 'details',
        rows: [
          { label: 'Was planned for', value: formatEventSchedule(event) },
          { label: 'Venue', value: event.venue ?? 'To be announced' },
          { label: 'Order', value: order.id, isCode: true },
        ],
      },
      { kind: 'button', label: 'View your order', href: order.url },
    ],
    reason: `You are receiving this email because you hold tickets for this event (order ${order.id}, ${order.buyerEmail}).`,
  });
}

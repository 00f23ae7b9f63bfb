import { paragraph } from './blocks';
import type { EmailEvent, EmailOrder, RenderedEmail } from './email-types';
import { formatMoney } from './format';
import { renderEmail } from './layout';

export interface LatePaymentRefundedInput {
  event: EmailEvent;
  order: EmailOrder;
  amountCents: number;
}

/** A payment that landed after its hold expired, when the tickets had sold out in the meantime. */
export function renderLatePaymentRefunded({
  event,
  order,
  amountCents,
}: LatePaymentRefundedInput): Promise<RenderedEmail> {
  const amount = formatMoney(amountCents, order.currency);
  return renderEmail({
    subject: `Your payment for ${event.title} has been refunded`,
    preheader: `The tickets sold out before your payment arrived, so we refunded ${amount} automatically.`,
    badge: { text: 'Payment refunded', tone: 'warning' },
    event,
    blocks: [
      paragraph(`Hi ${order.buyerName},`),
      paragraph(
        'Your payment reached us after the reservation on your tickets had expired, and in the meantime ' +
          'the last tickets were sold. We could not issue your tickets, so we have refunded your payment of ',
        { text: amount, isStrong: true },
        ' automatically.',
      ),
      {
        kind: 'notice',
        tone: 'success',
        title: 'Nothing for you to do',
        text:
          'The refund is on its way to the card or account you paid with. Depending on your bank, it can ' +
          'take 5 to 10 business days to appear on your statement.',
      },
      {
        kind: 'details',
        rows: [
          { label: 'Refunded', value: amount },
          { label: 'Order', value: order.id, isCode: true },
        ],
      },
      paragraph(
        'We are sorry you missed out. Tickets sometimes become available again, so it may be worth checking the event page.',
      ),
      { kind: 'button', label: 'View the event', href: event.url },
    ],
    reason: `You are receiving this email because a payment was made for order ${order.id} with ${order.buyerEmail}.`,
  });
}

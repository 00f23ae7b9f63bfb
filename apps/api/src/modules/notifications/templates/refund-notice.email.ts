import { paragraph, type DetailRow } from './blocks';
import type { EmailEvent, EmailOrder, RenderedEmail } from './email-types';
import { formatMoney } from './format';
import { renderEmail } from './layout';

export interface RefundNoticeInput {
  event: EmailEvent;
  order: EmailOrder;
  /** This refund only; `order.refundedCents` already includes it. */
  amountCents: number;
  /** The whole order is refunded and its tickets are void. */
  isFull: boolean;
  /** The credit note attached for this refund; absent: none. */
  creditNoteNumber?: string;
}

export function renderRefundNotice({
  event,
  order,
  amountCents,
  isFull,
  creditNoteNumber,
}: RefundNoticeInput): Promise<RenderedEmail> {
  const amount = formatMoney(amountCents, order.currency);
  const rows: DetailRow[] = [{ label: 'Refunded now', value: amount }];
  // Earlier partial refunds make the running total worth showing; on a first refund it repeats the amount.
  if (order.refundedCents > amountCents) {
    rows.push({ label: 'Refunded in total', value: formatMoney(order.refundedCents, order.currency) });
  }
  rows.push(
    { label: 'Order total', value: formatMoney(order.totalCents, order.currency) },
    { label: 'Order', value: order.id, isCode: true },
  );
  if (creditNoteNumber) rows.push({ label: 'Credit note', value: creditNoteNumber });
  return renderEmail({
    subject: `Refund of ${amount} for ${event.title}`,
    preheader: isFull
      ? `Your order has been refunded in full: ${amount}.`
      : `Part of your order has been refunded: ${amount}.`,
    badge: { text: isFull ? 'Order refunded' : 'Partial refund', tone: 'info' },
    event,
    blocks: [
      paragraph(`Hi ${order.buyerName},`),
      paragraph(
        `We have refunded `,
        { text: amount, isStrong: true },
        isFull ? ', the full amount of your order for ' : ' of your order for ',
        { text: event.title, isStrong: true },
        '.',
      ),
      isFull
        ? {
            kind: 'notice',
            tone: 'danger',
            title: 'Your tickets are no longer valid',
            text: 'They have been cancelled and will not be admitted at the door.',
          }
        : {
            kind: 'notice',
            tone: 'info',
            title: 'Your other tickets stay valid',
            text: 'Only the refunded part of the order is cancelled. Your order page shows every ticket with its current status.',
          },
      { kind: 'details', rows },
      ...(creditNoteNumber
        ? [paragraph(`The credit note ${creditNoteNumber} for this refund is attached as a PDF.`)]
        : []),
      paragraph(
        'The money goes back to the card or account you paid with. Depending on your bank, it can take ' +
          '5 to 10 business days to appear on your statement.',
      ),
      { kind: 'button', label: 'View your order', href: order.url },
    ],
    reason: `You are receiving this email because order ${order.id}, placed with ${order.buyerEmail}, was refunded.`,
  });
}

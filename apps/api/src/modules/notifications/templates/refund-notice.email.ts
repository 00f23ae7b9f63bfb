import { translatorFor } from '@zevents/i18n';
import { languageOf, paragraph, sentence, strong, type DetailRow } from './blocks';
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
  const language = languageOf(event);
  const t = translatorFor(language);
  const money = (cents: number) => formatMoney(cents, order.currency, language);
  const amount = money(amountCents);
  const rows: DetailRow[] = [{ label: t('email.refund.refundedNow'), value: amount }];
  // Earlier partial refunds make the running total worth showing; on a first refund it repeats the amount.
  if (order.refundedCents > amountCents) {
    rows.push({ label: t('email.refund.refundedTotal'), value: money(order.refundedCents) });
  }
  rows.push(
    { label: t('email.refund.orderTotal'), value: money(order.totalCents) },
    { label: t('email.common.order'), value: order.id, isCode: true },
  );
  if (creditNoteNumber) rows.push({ label: t('email.refund.creditNote'), value: creditNoteNumber });
  const bold = { amount: strong('amount'), title: strong('title') };
  return renderEmail({
    subject: t('email.refund.subject', { amount, title: event.title }),
    preheader: isFull
      ? t('email.refund.preheaderFull', { amount })
      : t('email.refund.preheaderPartial', { amount }),
    badge: { text: isFull ? t('email.refund.badgeFull') : t('email.refund.badgePartial'), tone: 'info' },
    event,
    blocks: [
      paragraph(t('email.common.greeting', { name: order.buyerName })),
      paragraph(
        ...sentence(isFull ? t('email.refund.introFull', bold) : t('email.refund.introPartial', bold), {
          amount,
          title: event.title,
        }),
      ),
      isFull
        ? {
            kind: 'notice',
            tone: 'danger',
            title: t('email.common.ticketsVoid'),
            text: t('email.refund.voidText'),
          }
        : {
            kind: 'notice',
            tone: 'info',
            title: t('email.refund.keptTitle'),
            text: t('email.refund.keptText'),
          },
      { kind: 'details', rows },
      ...(creditNoteNumber
        ? [paragraph(t('email.refund.creditNoteAttached', { number: creditNoteNumber }))]
        : []),
      paragraph(t('email.refund.moneyBack')),
      { kind: 'button', label: t('email.common.viewOrder'), href: order.url },
    ],
    reason: t('email.refund.reason', { orderId: order.id, email: order.buyerEmail }),
  });
}

import { translatorFor } from '@zevents/i18n';
import { languageOf, paragraph, sentence, strong } from './blocks';
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
  const language = languageOf(event);
  const t = translatorFor(language);
  const amount = formatMoney(amountCents, order.currency, language);
  return renderEmail({
    subject: t('email.latePayment.subject', { title: event.title }),
    preheader: t('email.latePayment.preheader', { amount }),
    badge: { text: t('email.latePayment.badge'), tone: 'warning' },
    event,
    blocks: [
      paragraph(t('email.common.greeting', { name: order.buyerName })),
      paragraph(...sentence(t('email.latePayment.intro', { amount: strong('amount') }), { amount })),
      {
        kind: 'notice',
        tone: 'success',
        title: t('email.latePayment.nothingTitle'),
        text: t('email.latePayment.nothingText'),
      },
      {
        kind: 'details',
        rows: [
          { label: t('email.latePayment.refunded'), value: amount },
          { label: t('email.common.order'), value: order.id, isCode: true },
        ],
      },
      paragraph(t('email.latePayment.sorry')),
      { kind: 'button', label: t('email.common.viewEvent'), href: event.url },
    ],
    reason: t('email.latePayment.reason', { orderId: order.id, email: order.buyerEmail }),
  });
}

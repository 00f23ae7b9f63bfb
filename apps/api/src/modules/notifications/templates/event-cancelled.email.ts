import { type TFunction, translatorFor } from '@zevents/i18n';
import { languageOf, paragraph, sentence, strong, type Block } from './blocks';
import type { EmailEvent, EmailOrder, RenderedEmail } from './email-types';
import { formatEventSchedule, formatMoney } from './format';
import { renderEmail } from './layout';

export interface EventCancelledInput {
  event: EmailEvent;
  order: EmailOrder;
  /** What the cancellation refunded on this order; 0 for a free order or one refunded before. */
  refundedCents: number;
}

function refundBlock(t: TFunction, amount: string, order: EmailOrder, refundedCents: number): Block {
  if (refundedCents > 0) {
    return paragraph(...sentence(t('email.cancelled.refunded', { amount: strong('amount') }), { amount }));
  }
  if (order.totalCents === 0) return paragraph(t('email.cancelled.free'));
  if (order.refundedCents >= order.totalCents) return paragraph(t('email.cancelled.alreadyRefunded'));
  return paragraph(t('email.cancelled.refundPending'));
}

export function renderEventCancelled({
  event,
  order,
  refundedCents,
}: EventCancelledInput): Promise<RenderedEmail> {
  const language = languageOf(event);
  const t = translatorFor(language);
  const amount = formatMoney(refundedCents, order.currency, language);
  return renderEmail({
    subject: t('email.cancelled.subject', { title: event.title }),
    preheader: t('email.cancelled.preheader', { organizer: event.organizationName }),
    badge: { text: t('email.cancelled.badge'), tone: 'danger' },
    event,
    blocks: [
      paragraph(t('email.common.greeting', { name: order.buyerName })),
      paragraph(
        ...sentence(
          t('email.cancelled.intro', { organizer: event.organizationName, title: strong('title') }),
          { title: event.title },
        ),
      ),
      {
        kind: 'notice',
        tone: 'danger',
        title: t('email.common.ticketsVoid'),
        text: t('email.cancelled.voidText'),
      },
      refundBlock(t, amount, order, refundedCents),
      {
        kind: 'details',
        rows: [
          { label: t('email.cancelled.wasPlannedFor'), value: formatEventSchedule(event, language) },
          { label: t('email.common.venue'), value: event.venue ?? t('email.common.toBeAnnounced') },
          { label: t('email.common.order'), value: order.id, isCode: true },
        ],
      },
      { kind: 'button', label: t('email.common.viewOrder'), href: order.url },
    ],
    reason: t('email.common.reasonHolder', { orderId: order.id, email: order.buyerEmail }),
  });
}

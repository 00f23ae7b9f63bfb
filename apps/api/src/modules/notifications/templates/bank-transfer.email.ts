import { type TFunction, translatorFor } from '@zevents/i18n';
import { languageOf, paragraph, sentence, strong, type Block } from './blocks';
import type { EmailEvent, EmailOrder, RenderedEmail } from './email-types';
import { formatMoney, formatUtcDeadline } from './format';
import { renderEmail } from './layout';

/** What the buyer needs to make the transfer, as recorded when they chose it. */
export interface BankTransferDetails {
  reference: string;
  instructions: string;
  amountCents: number;
  currency: string;
  deadline: Date;
}

export interface BankTransferEmailInput {
  event: EmailEvent;
  order: EmailOrder;
  transfer: BankTransferDetails;
}

/** The amount and the deadline as the event's language writes them, and its translator. */
function wordsOf({ event, transfer }: BankTransferEmailInput) {
  const language = languageOf(event);
  return {
    t: translatorFor(language),
    amount: formatMoney(transfer.amountCents, transfer.currency, language),
    deadline: formatUtcDeadline(transfer.deadline, language),
  };
}

function transferBlocks(
  { order, transfer }: BankTransferEmailInput,
  { t, amount, deadline }: { t: TFunction; amount: string; deadline: string },
): Block[] {
  return [
    {
      kind: 'details',
      rows: [
        { label: t('email.bankTransfer.amount'), value: amount },
        { label: t('email.bankTransfer.reference'), value: transfer.reference, isCode: true },
        { label: t('email.bankTransfer.payBy'), value: deadline },
        { label: t('email.common.order'), value: order.id, isCode: true },
      ],
    },
    { kind: 'heading', text: t('email.bankTransfer.transferTo') },
    // Line by line as the organizer wrote them (IBAN, BIC, account holder).
    ...transfer.instructions
      .split(/\r?\n/)
      .filter((line) => line.trim().length > 0)
      .map((line) => paragraph(line)),
    {
      kind: 'notice',
      tone: 'info',
      title: t('email.bankTransfer.referenceTitle'),
      text: t('email.bankTransfer.referenceText', { reference: transfer.reference }),
    },
  ];
}

/** Sent when the buyer chooses to pay by bank transfer: where to send how much, with which reference, by when. */
export function renderBankTransferDetails(input: BankTransferEmailInput): Promise<RenderedEmail> {
  const { event, order, transfer } = input;
  const words = wordsOf(input);
  const { t, amount, deadline } = words;
  return renderEmail({
    subject: t('email.bankTransfer.detailsSubject', { amount, title: event.title }),
    preheader: t('email.bankTransfer.detailsPreheader', { amount, reference: transfer.reference, deadline }),
    badge: { text: t('email.bankTransfer.detailsBadge'), tone: 'warning' },
    event,
    blocks: [
      paragraph(t('email.common.greeting', { name: order.buyerName })),
      paragraph(...sentence(t('email.bankTransfer.detailsIntro', { amount: strong('amount') }), { amount })),
      ...transferBlocks(input, words),
      paragraph(t('email.bankTransfer.detailsLapse')),
      { kind: 'button', label: t('email.common.viewOrder'), href: order.url },
    ],
    reason: t('email.common.reasonOrderPlaced', { orderId: order.id, email: order.buyerEmail }),
  });
}

/** A reminder before the deadline, to a buyer whose transfer has not been marked received yet. */
export function renderBankTransferReminder(input: BankTransferEmailInput): Promise<RenderedEmail> {
  const { event, order, transfer } = input;
  const words = wordsOf(input);
  const { t, amount, deadline } = words;
  return renderEmail({
    subject: t('email.bankTransfer.reminderSubject', { title: event.title, deadline }),
    preheader: t('email.bankTransfer.reminderPreheader', { amount, reference: transfer.reference }),
    badge: { text: t('email.bankTransfer.reminderBadge'), tone: 'warning' },
    event,
    blocks: [
      paragraph(t('email.common.greeting', { name: order.buyerName })),
      paragraph(
        ...sentence(t('email.bankTransfer.reminderIntro', { amount: strong('amount'), deadline }), {
          amount,
        }),
      ),
      ...transferBlocks(input, words),
      paragraph(t('email.bankTransfer.alreadyPaid')),
      { kind: 'button', label: t('email.common.viewOrder'), href: order.url },
    ],
    reason: t('email.common.reasonOrderPlaced', { orderId: order.id, email: order.buyerEmail }),
  });
}

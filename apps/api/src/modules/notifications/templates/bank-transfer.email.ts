import { paragraph } from './blocks';
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

function transferBlocks({ order, transfer }: BankTransferEmailInput, deadline: string) {
  const amount = formatMoney(transfer.amountCents, transfer.currency);
  return [
    {
      kind: 'details' as const,
      rows: [
        { label: 'Amount', value: amount },
        { label: 'Reference', value: transfer.reference, isCode: true },
        { label: 'Pay by', value: deadline },
        { label: 'Order', value: order.id, isCode: true },
      ],
    },
    { kind: 'heading' as const, text: 'Transfer to' },
    // Line by line as the organizer wrote them (IBAN, BIC, account holder).
    ...transfer.instructions
      .split(/\r?\n/)
      .filter((line) => line.trim().length > 0)
      .map((line) => paragraph(line)),
    {
      kind: 'notice' as const,
      tone: 'info' as const,
      title: 'Put the reference on the transfer',
      text: `Write ${transfer.reference} in the reference (or message) field, exactly as shown, so the organizer can match your payment to your order.`,
    },
  ];
}

/** Sent when the buyer chooses to pay by bank transfer: where to send how much, with which reference, by when. */
export function renderBankTransferDetails(input: BankTransferEmailInput): Promise<RenderedEmail> {
  const { event, order, transfer } = input;
  const amount = formatMoney(transfer.amountCents, transfer.currency);
  const deadline = formatUtcDeadline(transfer.deadline);
  return renderEmail({
    subject: `Pay ${amount} by bank transfer for ${event.title}`,
    preheader: `Transfer ${amount} with reference ${transfer.reference} by ${deadline}. Your tickets are held until then.`,
    badge: { text: 'Awaiting payment', tone: 'warning' },
    event,
    blocks: [
      paragraph(`Hi ${order.buyerName},`),
      paragraph(
        'Your tickets are reserved for you until the transfer deadline. Transfer ',
        { text: amount, isStrong: true },
        ' to the account below; once the organizer has received it, we email your tickets.',
      ),
      ...transferBlocks(input, deadline),
      paragraph(
        'If the transfer has not arrived by the deadline, the reservation ends and the tickets go back on sale.',
      ),
      { kind: 'button', label: 'View your order', href: order.url },
    ],
    reason: `You are receiving this email because order ${order.id} was placed with ${order.buyerEmail}.`,
  });
}

/** A reminder before the deadline, to a buyer whose transfer has not been marked received yet. */
export function renderBankTransferReminder(input: BankTransferEmailInput): Promise<RenderedEmail> {
  const { event, order, transfer } = input;
  const amount = formatMoney(transfer.amountCents, transfer.currency);
  const deadline = formatUtcDeadline(transfer.deadline);
  return renderEmail({
    subject: `Reminder: your transfer for ${event.title} is due by ${deadline}`,
    preheader: `We have not received your transfer of ${amount} (reference ${transfer.reference}) yet.`,
    badge: { text: 'Payment due soon', tone: 'warning' },
    event,
    blocks: [
      paragraph(`Hi ${order.buyerName},`),
      paragraph(
        'We have not received your bank transfer of ',
        { text: amount, isStrong: true },
        ` yet. Your tickets stay reserved until ${deadline}; after that they go back on sale.`,
      ),
      ...transferBlocks(input, deadline),
      paragraph('Already paid? Then nothing to do: transfers can take a day or two to arrive.'),
      { kind: 'button', label: 'View your order', href: order.url },
    ],
    reason: `You are receiving this email because order ${order.id} was placed with ${order.buyerEmail}.`,
  });
}

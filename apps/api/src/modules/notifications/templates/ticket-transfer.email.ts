import { translatorFor } from '@zevents/i18n';
import { languageOf, paragraph, sentence, strong } from './blocks';
import type { EmailEvent, EmailOrder, RenderedEmail } from './email-types';
import { renderEmail } from './layout';

export interface TicketReceivedInput {
  event: EmailEvent;
  /** Who the ticket now belongs to, and where they open it (the ticket's own link and token). */
  holder: { name: string; email: string };
  ticket: { code: string; ticketTypeName: string; url: string; pdfUrl: string };
  fromName: string;
}

/** To the new holder of a transferred ticket: it is theirs now, with its own link and PDF. */
export function renderTicketReceived({
  event,
  holder,
  ticket,
  fromName,
}: TicketReceivedInput): Promise<RenderedEmail> {
  const t = translatorFor(languageOf(event));
  return renderEmail({
    subject: t('email.ticketReceived.subject', { title: event.title }),
    preheader: t('email.ticketReceived.preheader', { from: fromName, type: ticket.ticketTypeName }),
    badge: { text: t('email.ticketReceived.badge'), tone: 'success' },
    event,
    blocks: [
      paragraph(t('email.common.greeting', { name: holder.name })),
      paragraph(
        ...sentence(
          t('email.ticketReceived.intro', {
            from: strong('from'),
            type: strong('type'),
            title: strong('title'),
          }),
          { from: fromName, type: ticket.ticketTypeName, title: event.title },
        ),
      ),
      {
        kind: 'details',
        rows: [{ label: t('email.ticketReceived.ticketCode'), value: ticket.code, isCode: true }],
      },
      { kind: 'button', label: t('email.ticketReceived.open'), href: ticket.url },
      paragraph(t('email.ticketReceived.pdfNote')),
    ],
    reason: t('email.ticketReceived.reason', { email: holder.email }),
  });
}

export interface TicketPassedOnInput {
  event: EmailEvent;
  order: EmailOrder;
  ticket: { code: string; ticketTypeName: string };
  /** The new holder's name; absent when it was not recorded ("someone else"). */
  to: { name?: string };
}

/** To the buyer: one of their tickets now belongs to someone else, and its old code is void. */
export function renderTicketPassedOn({
  event,
  order,
  ticket,
  to,
}: TicketPassedOnInput): Promise<RenderedEmail> {
  const t = translatorFor(languageOf(event));
  const name = to.name ?? t('email.ticketPassedOn.someoneElse');
  return renderEmail({
    subject: t('email.ticketPassedOn.subject', { title: event.title, name }),
    preheader: t('email.ticketPassedOn.preheader', { code: ticket.code, name }),
    badge: { text: t('email.ticketPassedOn.badge'), tone: 'info' },
    event,
    blocks: [
      paragraph(t('email.common.greeting', { name: order.buyerName })),
      paragraph(
        ...sentence(
          t('email.ticketPassedOn.intro', {
            type: strong('type'),
            code: strong('code'),
            name: strong('name'),
          }),
          { type: ticket.ticketTypeName, code: ticket.code, name },
        ),
      ),
      {
        kind: 'notice',
        tone: 'info',
        title: t('email.ticketPassedOn.oldCodeTitle'),
        text: t('email.ticketPassedOn.oldCodeText'),
      },
      { kind: 'button', label: t('email.common.viewOrder'), href: order.url },
    ],
    reason: t('email.ticketPassedOn.reason', { orderId: order.id, email: order.buyerEmail }),
  });
}

import { paragraph } from './blocks';
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
  return renderEmail({
    subject: `Your ticket for ${event.title}`,
    preheader: `${fromName} passed a ${ticket.ticketTypeName} ticket on to you.`,
    badge: { text: 'Ticket for you', tone: 'success' },
    event,
    blocks: [
      paragraph(`Hi ${holder.name},`),
      paragraph(
        { text: fromName, isStrong: true },
        ' passed a ',
        { text: ticket.ticketTypeName, isStrong: true },
        ' ticket for ',
        { text: event.title, isStrong: true },
        ' on to you. It is in your name now: show its QR code at the door.',
      ),
      { kind: 'details', rows: [{ label: 'Ticket code', value: ticket.code, isCode: true }] },
      { kind: 'button', label: 'Open your ticket', href: ticket.url },
      paragraph('The PDF with the QR code is attached. Keep this email: its link is the key to your ticket.'),
    ],
    reason: `You are receiving this email because a ticket was transferred to ${holder.email}.`,
  });
}

export interface TicketPassedOnInput {
  event: EmailEvent;
  order: EmailOrder;
  ticket: { code: string; ticketTypeName: string };
  to: { name: string };
}

/** To the buyer: one of their tickets now belongs to someone else, and its old code is void. */
export function renderTicketPassedOn({
  event,
  order,
  ticket,
  to,
}: TicketPassedOnInput): Promise<RenderedEmail> {
  return renderEmail({
    subject: `Your ticket for ${event.title} was transferred to ${to.name}`,
    preheader: `Ticket ${ticket.code} now belongs to ${to.name}.`,
    badge: { text: 'Ticket transferred', tone: 'info' },
    event,
    blocks: [
      paragraph(`Hi ${order.buyerName},`),
      paragraph(
        'Your ',
        { text: ticket.ticketTypeName, isStrong: true },
        ' ticket ',
        { text: ticket.code, isStrong: true },
        ' is now in the name of ',
        { text: to.name, isStrong: true },
        ', who received it by email.',
      ),
      {
        kind: 'notice',
        tone: 'info',
        title: 'Its old QR code no longer works',
        text: 'Printouts and screenshots of it are not admitted at the door. Your other tickets are unchanged.',
      },
      { kind: 'button', label: 'View your order', href: order.url },
    ],
    reason: `You are receiving this email because a ticket of order ${order.id}, placed with ${order.buyerEmail}, was transferred.`,
  });
}

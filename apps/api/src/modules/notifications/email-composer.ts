import type { Db } from '../../db/client';
import type { Clock } from '../../shared/clock';
import {
  createInvoiceDocuments,
  type InvoiceDocument,
  type LoadedOrder,
  type RenderedInvoice,
} from '../billing';
import { eventOnDate, type EventRow, findEventById, listReminders } from '../events';
import * as orders from '../orders';
import { findOrganization } from '../organizations';
import { isLanguage } from '@zevents/i18n';
import type { InlineCover } from '../media';
import {
  findTicketsOfOrder,
  renderTicketPdf,
  type TicketPdfInput,
  type TicketSigner,
  type TicketTokens,
} from '../tickets';
import type { MailAttachment } from './mailer';
import type { EmailRow } from './outbox.repository';
import { createTeamInvitationComposer } from './team-invitation.composer';
import type { InvitationTokens } from '../organizations';
import type { VerificationTokens } from '../accounts';
import { createEmailVerificationComposer } from './email-verification.composer';
import {
  type AnalyticsSummaryInput,
  buildCalendarFile,
  type EmailEvent,
  type EmailOrder,
  type EmailTicket,
  renderEventCancelled,
  renderEventChanged,
  renderLatePaymentRefunded,
  type RenderedEmail,
  renderOrderConfirmation,
  renderRefundNotice,
  renderReminder,
  renderAnalyticsSummary,
  renderBankTransferDetails,
  renderBankTransferReminder,
  renderEventMessage,
  renderTicketPassedOn,
  renderTicketReceived,
  renderWebhookDisabled,
  renderWaitlistJoined,
  renderWaitlistOffer,
} from './templates';

export interface ComposedEmail extends RenderedEmail {
  attachments: MailAttachment[];
}

export class EmailNoLongerRelevant extends Error {}

/** How an event is attended, and its join link when it is (also) online. */
function onlinePartOf(eventRow: EventRow): Pick<EmailEvent, 'kind' | 'joinUrl'> {
  if (eventRow.kind !== 'online' && eventRow.kind !== 'hybrid') return {};
  return { kind: eventRow.kind, ...(eventRow.onlineUrl ? { joinUrl: eventRow.onlineUrl } : {}) };
}

const SUMMARY_CHART_CID = 'summary-chart@z-events';
const COVER_CID = 'event-cover@z-events';

/** An analytics summary as the analytics module reports it: the figures, and the chart as a PNG. */
export type AnalyticsSummary = Omit<AnalyticsSummaryInput, 'chart' | 'chartCid' | 'chartSize'> & {
  chart: AnalyticsSummaryInput['chart'] & { png: Buffer; size: { width: number; height: number } };
};

/** A reminder whose event moved later after it was queued: not due any more. */
export class ReminderNotDueYet extends Error {}

/**
 * Builds a message from the outbox row and the current data, at send time: a reminder always shows
 * the event's current time and venue, and tickets refunded meanwhile are left out.
 */
export function createEmailComposer(deps: {
  db: Db;
  publicUrl: string;
  tokens: orders.OrderTokens;
  signer: TicketSigner;
  clock: Clock;
  invitationTokens: InvitationTokens;
  verificationTokens: VerificationTokens;
  /** Where ticket PDFs are rendered (workers pass their thread pool); default: this thread. */
  renderTicketPdf?: (input: TicketPdfInput) => Promise<Buffer>;
  /** Renders an invoice or credit note; the calling thread's renderer by default. */
  renderInvoicePdf?: (document: InvoiceDocument) => Promise<Buffer>;
  /** The links of transferred tickets (their holder's own token). */
  ticketTokens: TicketTokens;
  /** An organizer's message to attendees, by id (the messages module owns them). */
  loadEventMessage?: (messageId: string) => Promise<{ subject: string; body: string } | undefined>;
  /**
   * A member's analytics summary from its recorded parameters (the analytics module builds it, chart
   * included); undefined when it no longer goes out (the member left).
   */
  loadAnalyticsSummary?: (params: Record<string, unknown>) => Promise<AnalyticsSummary | undefined>;
  /** An event's cover for the top of its confirmation (the media module reads it); absent: none. */
  coverOf?: (eventId: string) => Promise<InlineCover | undefined>;
}) {
  const { db, publicUrl, tokens, signer, clock } = deps;
  const renderPdf = deps.renderTicketPdf ?? renderTicketPdf;
  // Numbered at send time if the minute job has not yet: gapless under the organization's lock.
  const invoices = createInvoiceDocuments({
    db,
    clock,
    ...(deps.renderInvoicePdf ? { renderPdf: deps.renderInvoicePdf } : {}),
  });
  const composeTeamInvitation = createTeamInvitationComposer({
    db,
    publicUrl,
    tokens: deps.invitationTokens,
    clock,
  });
  const composeEmailVerification = createEmailVerificationComposer({
    db,
    publicUrl,
    tokens: deps.verificationTokens,
    clock,
  });

  const emailEventOf = (eventRow: EventRow, organizationName: string): EmailEvent => ({
    id: eventRow.id,
    title: eventRow.title,
    venue: eventRow.venue,
    startsAt: eventRow.startsAt,
    endsAt: eventRow.endsAt,
    timezone: eventRow.timezone,
    organizationName,
    url: `${publicUrl}/events/${eventRow.id}`,
    ...onlinePartOf(eventRow),
    // The organizer's choice for the event's buyer emails; a value the catalogs lack reads as English.
    ...(isLanguage(eventRow.language) ? { language: eventRow.language } : {}),
  });

  /** What every order email shows: the order, its event and organizer, its valid tickets. */
  async function loadOrderEmail(email: EmailRow): Promise<OrderEmail> {
    if (!email.orderId) throw new EmailNoLongerRelevant('email without an order');
    const order = await orders.findOrder(db, email.orderId);
    if (!order) throw new EmailNoLongerRelevant('order or event gone');
    // Side by side: a message waits for one round trip of these instead of four or five in a row.
    // A reminder shows no prices (and carries no invoice): sent in bulk, it skips reading them.
    const isReminder = email.kind === 'reminder';
    const [eventOfOrder, items, allTickets, reminders] = await Promise.all([
      findEventById(db, order.eventId),
      isReminder ? [] : orders.findOrderItems(db, order.id),
      findTicketsOfOrder(db, order.id),
      isReminder ? listReminders(db, order.eventId) : [],
    ]);
    if (!eventOfOrder) throw new EmailNoLongerRelevant('order or event gone');
    // An order for one date of the event: its emails, tickets and reminders are about that date.
    // The date changes only the start and end: the organizer is the event's, read alongside.
    const [eventRow, organization] = await Promise.all([
      eventOnDate(db, eventOfOrder, order.dateId),
      findOrganization(db, eventOfOrder.organizationId),
    ]);
    const token = tokens.tokenFor(order.id);
    const event = emailEventOf(eventRow, organization?.name ?? '');
    const emailOrder: EmailOrder = {
      id: order.id,
      buyerName: order.buyerName,
      buyerEmail: order.buyerEmail,
      currency: order.currency,
      subtotalCents: order.subtotalCents,
      discountCents: order.discountCents,
      feeCents: order.feePassedOn ? order.feeCents : 0,
      taxes: taxesOf(items),
      totalCents: order.totalCents,
      refundedCents: order.refundedCents,
      items: items.map((item) => ({
        ticketTypeName: item.ticketTypeName,
        quantity: item.quantity,
        unitPriceCents: item.unitPriceCents,
      })),
      url: `${publicUrl}/orders/${order.id}?token=${token}`,
    };
    // Tickets passed on to someone else are theirs now: the buyer's messages leave them out.
    const ticketRows = allTickets.filter((t) => t.ticket.status !== 'void' && !t.ticket.transferredAt);
    const transferred = allTickets.filter((t) => t.ticket.transferredAt);
    const tickets: EmailTicket[] = ticketRows.map(({ ticket, ticketTypeName }) => ({
      id: ticket.id,
      code: ticket.code,
      ticketTypeName,
      attendeeName: ticket.attendeeName,
      pdfUrl: `${publicUrl}/api/orders/${order.id}/tickets/${ticket.id}.pdf?token=${token}`,
    }));
    const params = email.params as Record<string, unknown>;
    const num = (key: string) => (typeof params[key] === 'number' ? (params[key] as number) : 0);
    const loaded: LoadedOrder = { order, eventRow: eventOfOrder, datedEvent: eventRow, items, organization };
    return {
      eventRow,
      event,
      order: emailOrder,
      ticketRows,
      tickets,
      transferred,
      reminders,
      params,
      num,
      loaded,
    };
  }

  /** An organizer's message: its current text, the event's current details. */
  /** From the notice's own params: the endpoint may have been deleted since, the notice still stands. */
  function composeWebhookDisabled(email: EmailRow) {
    const params = email.params as Record<string, unknown>;
    const text = (key: string) => (typeof params[key] === 'string' ? params[key] : '');
    return renderWebhookDisabled({
      organizationName: text('organizationName'),
      url: text('url'),
      failingSince: new Date(text('failingSince')),
      disabledAt: new Date(text('disabledAt')),
      // The organization named, for someone in several (the page opens the one the link names).
      settingsUrl: `${publicUrl}/organizer/webhooks?organization=${encodeURIComponent(text('organizationId'))}`,
    });
  }

  async function composeAnalyticsSummary(email: EmailRow): Promise<ComposedEmail> {
    const summary = await deps.loadAnalyticsSummary?.(email.params as Record<string, unknown>);
    if (!summary) throw new EmailNoLongerRelevant('the member left the organization');
    const { chart, ...report } = summary;
    const rendered = await renderAnalyticsSummary({
      ...report,
      chart: { title: chart.title, bars: chart.bars },
      chartCid: SUMMARY_CHART_CID,
      chartSize: chart.size,
    });
    return {
      ...rendered,
      attachments: [
        {
          filename: 'summary-chart.png',
          contentType: 'image/png',
          content: chart.png,
          cid: SUMMARY_CHART_CID,
        },
      ],
    };
  }

  /** Waiting-list emails, from the parameters recorded with them and the event as it is now. */
  async function composeWaitlistEmail(email: EmailRow): Promise<RenderedEmail> {
    const params = email.params as Record<string, unknown>;
    const text = (key: string) => (typeof params[key] === 'string' ? params[key] : '');
    const eventRow = email.eventId ? await findEventById(db, email.eventId) : undefined;
    if (!eventRow || eventRow.status === 'cancelled')
      throw new EmailNoLongerRelevant('the event is gone or cancelled');
    const organization = await findOrganization(db, eventRow.organizationId);
    const entry = {
      event: emailEventOf(eventRow, organization?.name ?? ''),
      name: text('name'),
      ticketTypeName: text('ticketTypeName'),
      quantity: typeof params.quantity === 'number' ? params.quantity : 1,
    };
    if (email.kind === 'waitlist_joined')
      return renderWaitlistJoined({ ...entry, leaveUrl: text('leaveUrl') });
    const order = email.orderId ? await orders.findOrder(db, email.orderId) : undefined;
    if (order?.status !== 'reserved') throw new EmailNoLongerRelevant('the offer is no longer open');
    return renderWaitlistOffer({
      ...entry,
      checkoutUrl: `${publicUrl}/checkout/${order.id}?token=${tokens.tokenFor(order.id)}`,
      expiresAt: order.expiresAt,
      declineUrl: text('declineUrl'),
    });
  }

  async function composeEventMessage(email: EmailRow): Promise<ComposedEmail> {
    const params = email.params as Record<string, unknown>;
    const message =
      typeof params.messageId === 'string' ? await deps.loadEventMessage?.(params.messageId) : undefined;
    const eventRow = email.eventId ? await findEventById(db, email.eventId) : undefined;
    // Sent for a cancelled event too: the organizer may have more to tell its attendees.
    if (!message || !eventRow) throw new EmailNoLongerRelevant('the message or its event is gone');
    const organization = await findOrganization(db, eventRow.organizationId);
    return {
      ...(await renderEventMessage({
        event: emailEventOf(eventRow, organization?.name ?? ''),
        subject: message.subject,
        body: message.body,
        recipient: email.recipient,
      })),
      attachments: [],
    };
  }

  /** A ticket's PDF as an attachment, with its current QR. */
  /** A ticket's PDF, with the event's cover in its title band when it has one. */
  async function ticketPdf(m: OrderEmail, row: TicketOfOrder, cover?: InlineCover): Promise<MailAttachment> {
    const { ticket, ticketTypeName } = row;
    return {
      filename: `ticket-${ticket.code}.pdf`,
      contentType: 'application/pdf',
      content: await renderPdf({
        event: m.eventRow,
        organizationName: m.event.organizationName,
        ticket: {
          code: ticket.code,
          qr: signer.sign({ ticketId: ticket.id, eventId: ticket.eventId, code: ticket.code }),
          attendeeName: ticket.attendeeName,
          ticketTypeName,
          status: ticket.status,
        },
        order: { id: m.order.id, buyerName: m.order.buyerName },
        ...(cover ? { cover: cover.content } : {}),
        ...(isLanguage(m.eventRow.language) ? { language: m.eventRow.language } : {}),
      }),
    };
  }

  /**
   * The transferred ticket a holder's message is about, with its ticket token, only while it is still
   * theirs with the code the message was recorded for (passed on again or cancelled: nothing to send).
   */
  function heldTicketOf(m: OrderEmail, recipient: string) {
    const row = m.transferred.find(({ ticket }) => ticket.id === m.params.ticketId);
    if (!row || row.ticket.code !== m.params.code || row.ticket.attendeeEmail !== recipient)
      throw new EmailNoLongerRelevant('the ticket changed hands again');
    if (row.ticket.status === 'void') throw new EmailNoLongerRelevant('the ticket was cancelled');
    return { row, token: deps.ticketTokens.tokenFor(row.ticket) };
  }

  /** To the new holder, only while the ticket is still theirs with the code it was sent for. */
  async function composeTicketReceived(m: OrderEmail, recipient: string): Promise<ComposedEmail> {
    const { row, token } = heldTicketOf(m, recipient);
    return {
      ...(await renderTicketReceived({
        event: m.event,
        holder: { name: row.ticket.attendeeName, email: recipient },
        ticket: {
          code: row.ticket.code,
          ticketTypeName: row.ticketTypeName,
          url: `${publicUrl}/tickets/${row.ticket.id}?token=${token}`,
          pdfUrl: `${publicUrl}/api/tickets/${row.ticket.id}.pdf?token=${token}`,
        },
        fromName: typeof m.params.fromName === 'string' ? m.params.fromName : m.order.buyerName,
      })),
      attachments: [await ticketPdf(m, row, await deps.coverOf?.(m.eventRow.id))],
    };
  }

  /**
   * The confirmation carries one PDF per valid ticket, the calendar file and, for an order with
   * something paid, its invoice.
   */
  async function composeConfirmation(m: OrderEmail): Promise<ComposedEmail> {
    if (m.tickets.length === 0) throw new EmailNoLongerRelevant('no valid tickets left');
    // The cover first: the email shows it and every ticket PDF prints it (read once, not per ticket).
    const cover = await deps.coverOf?.(m.eventRow.id);
    const [pdfs, invoice] = await Promise.all([
      Promise.all(m.ticketRows.map((row) => ticketPdf(m, row, cover))),
      m.order.totalCents > 0 ? invoices.invoiceForEmail(m.order.id, m.loaded) : undefined,
    ]);
    return {
      ...(await renderOrderConfirmation({
        event: m.event,
        order: m.order,
        tickets: m.tickets,
        ...(invoice ? { invoiceNumber: invoice.number } : {}),
        ...(cover
          ? {
              cover: {
                cid: COVER_CID,
                alt: cover.alt ?? `${m.event.title}`,
                width: cover.width,
                height: cover.height,
              },
            }
          : {}),
      })),
      attachments: [
        ...pdfs,
        calendarAttachment(m),
        ...(invoice ? [invoiceAttachment(invoice)] : []),
        ...(cover
          ? [
              {
                filename: cover.contentType === 'image/png' ? 'cover.png' : 'cover.jpg',
                contentType: cover.contentType,
                content: cover.content,
                cid: COVER_CID,
              },
            ]
          : []),
      ],
    };
  }

  /** The refund's credit note, numbered first if it was not yet (none for a refund it cannot name). */
  async function creditNoteOf(m: OrderEmail, email: EmailRow): Promise<RenderedInvoice | undefined> {
    const refundId =
      typeof m.params.refundId === 'string'
        ? m.params.refundId
        : // Written in the refund's transaction: the latest refund of this amount by then is this one.
          await invoices.findRefundByAmount(m.order.id, m.num('amountCents'), email.createdAt);
    return refundId ? invoices.creditNoteForEmail(m.order.id, refundId) : undefined;
  }

  async function composeRefundNotice(m: OrderEmail, email: EmailRow): Promise<ComposedEmail> {
    const creditNote = await creditNoteOf(m, email);
    return {
      ...(await renderRefundNotice({
        event: m.event,
        order: m.order,
        amountCents: m.num('amountCents'),
        isFull: m.params.isFull === true,
        ...(creditNote ? { creditNoteNumber: creditNote.number } : {}),
      })),
      attachments: creditNote ? [invoiceAttachment(creditNote)] : [],
    };
  }

  async function composeEventChanged(m: OrderEmail): Promise<ComposedEmail> {
    const previous = m.params.previous as { startsAt: string; endsAt: string; venue: string | null };
    return {
      ...(await renderEventChanged({
        event: m.event,
        order: m.order,
        previous: {
          startsAt: new Date(previous.startsAt),
          endsAt: new Date(previous.endsAt),
          venue: previous.venue,
        },
      })),
      attachments: [calendarAttachment(m)],
    };
  }

  /**
   * A transferred ticket's reminder goes to its holder, about that ticket only, with links its ticket
   * token opens; a ticket passed on again since, or cancelled, has nothing to remind this holder of.
   */
  function holderReminderView(m: OrderEmail, recipient: string): Pick<OrderEmail, 'order' | 'tickets'> {
    const { row, token } = heldTicketOf(m, recipient);
    return {
      order: {
        ...m.order,
        buyerName: row.ticket.attendeeName,
        buyerEmail: recipient,
        url: `${publicUrl}/tickets/${row.ticket.id}?token=${token}`,
      },
      tickets: [
        {
          id: row.ticket.id,
          code: row.ticket.code,
          ticketTypeName: row.ticketTypeName,
          attendeeName: row.ticket.attendeeName,
          pdfUrl: `${publicUrl}/api/tickets/${row.ticket.id}.pdf?token=${token}`,
        },
      ],
    };
  }

  async function composeReminder(m: OrderEmail, recipient: string): Promise<ComposedEmail> {
    const { eventRow, num } = m;
    const isHolder = typeof m.params.ticketId === 'string';
    const view = isHolder ? holderReminderView(m, recipient) : m;
    if (view.tickets.length === 0 || eventRow.status !== 'published')
      throw new EmailNoLongerRelevant('nothing to remind');
    // Checked again at send time: the queue may have been backed up, or the worker down, since the
    // reminder was recorded. Once the event has started a reminder is pointless; if it moved later,
    // the reminder waits for its new time.
    const now = clock.now().getTime();
    if (eventRow.startsAt.getTime() <= now) throw new EmailNoLongerRelevant('the event has already started');
    if (eventRow.startsAt.getTime() - num('offsetMinutes') * 60_000 > now)
      throw new ReminderNotDueYet('the event moved later: the reminder is not due yet');
    // Caught up after an outage with a nearer reminder due too: the buyer gets that one only,
    // not "Tomorrow" and "In 2 hours" at the same moment.
    const minutesLeft = (eventRow.startsAt.getTime() - now) / 60_000;
    const nearer = m.reminders.find(
      (reminder) =>
        reminder.offsetMinutes < num('offsetMinutes') && reminder.offsetMinutes >= Math.ceil(minutesLeft),
    );
    if (nearer) throw new EmailNoLongerRelevant(`superseded by the ${nearer.offsetMinutes}-minute reminder`);
    return {
      ...(await renderReminder({
        event: m.event,
        order: view.order,
        tickets: view.tickets,
        offsetMinutes: num('offsetMinutes'),
        minutesToStart: minutesLeft,
        isHolder,
      })),
      attachments: [],
    };
  }

  /** Messages with no attachment, from the order and the parameters recorded with them. */
  const plainOrderEmails: Record<string, (m: OrderEmail) => Promise<RenderedEmail>> = {
    late_payment_refunded: (m) =>
      renderLatePaymentRefunded({ event: m.event, order: m.order, amountCents: m.num('amountCents') }),
    event_cancelled: (m) =>
      renderEventCancelled({ event: m.event, order: m.order, refundedCents: m.num('refundedCents') }),
    bank_transfer_details: (m) => renderBankTransferDetails(bankTransferInput(m)),
    bank_transfer_reminder: async (m) => {
      // Paid, cancelled or expired since the reminder was recorded: it has nothing left to ask.
      if ((await orders.findOrder(db, m.order.id))?.status !== 'awaiting_payment')
        throw new EmailNoLongerRelevant('the transfer is no longer awaited');
      return renderBankTransferReminder(bankTransferInput(m));
    },
    ticket_transfer_notice: (m) => {
      const row = m.transferred.find(({ ticket }) => ticket.id === m.params.ticketId);
      return renderTicketPassedOn({
        event: m.event,
        order: m.order,
        ticket: {
          code: typeof m.params.previousCode === 'string' ? m.params.previousCode : '',
          ticketTypeName: row?.ticketTypeName ?? 'ticket',
        },
        // Unrecorded: the message says "someone else" in the event's language.
        to: typeof m.params.toName === 'string' ? { name: m.params.toName } : {},
      });
    },
  };

  return async function compose(email: EmailRow): Promise<ComposedEmail> {
    // Team invitations and email verifications are the messages not about an order.
    if (email.kind === 'team_invitation') {
      const invitation = await composeTeamInvitation(email);
      if (!invitation) throw new EmailNoLongerRelevant('the invitation is no longer open');
      return { ...invitation, attachments: [] };
    }
    if (email.kind === 'email_verification') {
      const verification = await composeEmailVerification(email);
      if (!verification) throw new EmailNoLongerRelevant('nothing left to verify with this link');
      return { ...verification, attachments: [] };
    }
    if (email.kind === 'event_message') return composeEventMessage(email);
    if (email.kind === 'waitlist_joined' || email.kind === 'waitlist_offer')
      return { ...(await composeWaitlistEmail(email)), attachments: [] };
    if (email.kind === 'webhook_disabled')
      return { ...(await composeWebhookDisabled(email)), attachments: [] };
    if (email.kind === 'analytics_summary') return composeAnalyticsSummary(email);
    const message = await loadOrderEmail(email);
    switch (email.kind) {
      case 'order_confirmation':
        return composeConfirmation(message);
      case 'event_changed':
        return composeEventChanged(message);
      case 'reminder':
        return composeReminder(message, email.recipient);
      case 'ticket_received':
        return composeTicketReceived(message, email.recipient);
      case 'refund_notice':
        return composeRefundNotice(message, email);
    }
    const plain = plainOrderEmails[email.kind];
    if (!plain) throw new EmailNoLongerRelevant(`unknown email kind ${email.kind}`);
    return { ...(await plain(message)), attachments: [] };
  };
}

type TicketOfOrder = Awaited<ReturnType<typeof findTicketsOfOrder>>[number];

/** An order email's data, loaded once per message at send time. */
interface OrderEmail {
  eventRow: EventRow;
  event: EmailEvent;
  order: EmailOrder;
  ticketRows: TicketOfOrder[];
  tickets: EmailTicket[];
  /** Tickets of the order now held by someone else. */
  transferred: TicketOfOrder[];
  /** The event's reminder offsets (loaded for reminders only). */
  reminders: Array<{ offsetMinutes: number }>;
  params: Record<string, unknown>;
  num(key: string): number;
  /** The rows read for the message, for the invoice it may carry. */
  loaded: LoadedOrder;
}

/** A bank transfer email's details, as recorded with it (the order's snapshot at the time). */
function bankTransferInput(m: OrderEmail) {
  const text = (key: string) => (typeof m.params[key] === 'string' ? m.params[key] : '');
  return {
    event: m.event,
    order: m.order,
    transfer: {
      reference: text('reference'),
      instructions: text('instructions'),
      amountCents: m.num('amountCents'),
      currency: text('currency') || m.order.currency,
      deadline: new Date(text('deadline')),
    },
  };
}

function invoiceAttachment(document: RenderedInvoice): MailAttachment {
  return { filename: document.filename, contentType: 'application/pdf', content: document.pdf };
}

function calendarAttachment(m: Pick<OrderEmail, 'event' | 'order'>): MailAttachment {
  return {
    filename: 'event.ics',
    contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
    content: buildCalendarFile({ event: m.event, order: m.order }),
  };
}

export type EmailComposer = ReturnType<typeof createEmailComposer>;

/** The tax of each rate the order's lines were priced with ("VAT 19%"), in the order of the lines. */
function taxesOf(
  items: ReadonlyArray<{
    taxRateId: string | null;
    taxName: string | null;
    taxRateBasisPoints: number | null;
    taxInclusive: boolean | null;
    taxCents: number;
  }>,
): Array<{ label: string; cents: number; inclusive: boolean }> {
  const byRate = new Map<string, { label: string; cents: number; inclusive: boolean }>();
  for (const item of items) {
    if (!item.taxRateId || item.taxRateBasisPoints === null) continue;
    const percent = (item.taxRateBasisPoints / 100).toLocaleString('en', { maximumFractionDigits: 3 });
    const name = item.taxName ?? 'Tax';
    const entry = byRate.get(item.taxRateId) ?? {
      // "VAT 19%", whether the organizer named it "VAT" or "VAT 19%".
      label: name.includes(`${percent}%`) ? name : `${name} ${percent}%`,
      cents: 0,
      inclusive: item.taxInclusive ?? false,
    };
    entry.cents += item.taxCents;
    byRate.set(item.taxRateId, entry);
  }
  return [...byRate.values()];
}

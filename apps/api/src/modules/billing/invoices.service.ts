import type { InvoiceList } from '@zevents/contracts';
import type { Db } from '../../db/client';
import { AppError, notFound } from '../../http/errors';
import type { Clock } from '../../shared/clock';
import { eventOnDate, type EventRow, findEventById } from '../events';
import { findOrder, findOrderItems, type OrderRow } from '../orders';
import { findOrganization } from '../organizations';
import { findBillingProfile } from './billing.repository';
import {
  creditNoteDocument,
  type InvoiceDocument,
  type InvoiceEvent,
  type InvoiceOrder,
  type InvoiceOrderLine,
  invoiceDocument,
  type InvoiceSeller,
} from './invoice-document';
import { renderInvoicePdf } from './invoice-pdf';
import * as repo from './invoices.repository';

const INVOICED_STATUSES: ReadonlySet<string> = new Set(['paid', 'partially_refunded', 'refunded']);

/** Whether the order has (or is about to get) an invoice: paid, and not free. */
export function isInvoiceable(order: Pick<OrderRow, 'status' | 'totalCents'>): boolean {
  return INVOICED_STATUSES.has(order.status) && order.totalCents > 0;
}

/** What an order email loaded already, handed to invoiceForEmail so it is not read again. */
export interface LoadedOrder {
  order: OrderRow;
  eventRow: EventRow;
  /** The event as on the order's date (eventOnDate). */
  datedEvent: EventRow;
  items: Awaited<ReturnType<typeof findOrderItems>>;
  organization: Awaited<ReturnType<typeof findOrganization>>;
}

export interface RenderedInvoice {
  id: string;
  number: string;
  filename: string;
  pdf: Buffer;
}

function notAvailable(): AppError {
  return new AppError(
    'INVOICE_NOT_AVAILABLE',
    'This order has no invoice: it is not paid, or there was nothing to pay',
  );
}

/**
 * Invoices and credit notes of one order as PDFs and as a list. Each read first numbers whatever
 * the organization has pending (in a transaction of its own, under the organization's lock, as the
 * minute job does), so a paid order always shows its number and a refund its credit note.
 * Callers authorize: these take an order the caller may read.
 */
export function createInvoiceDocuments(deps: {
  db: Db;
  clock: Clock;
  /** Renders a document's PDF; here on the calling thread unless given (the worker's PDF threads). */
  renderPdf?: (document: InvoiceDocument) => Promise<Buffer>;
}) {
  const { db, clock } = deps;
  const renderPdf = deps.renderPdf ?? renderInvoicePdf;
  const numbering = numberingRunsOf(db);

  async function loadOrder(orderId: string) {
    const order = await findOrder(db, orderId);
    if (!order) throw notFound('Order');
    const eventRow = await findEventById(db, order.eventId);
    if (!eventRow) throw notFound('Order');
    return { order, eventRow };
  }

  /**
   * Numbers the organization's pending invoices and credit notes of orders made since this one, the
   * order's among them. Not the sweep's two days (invoices.jobs.ts): during a sale every confirmation
   * comes here a moment after its payment, and a scan of every order of two days per email would make
   * the 10,000th buyer's email cost what 10,000 orders cost. An older order still unnumbered (its
   * payment was committing) is numbered by the next run or the sweep: the series stays gapless.
   *
   * One run per organization at a time in this process. Runs of one organization queue on its lock
   * in PostgreSQL, each holding a pooled connection while it waits: sixteen email lanes sending the
   * first confirmations of a sale used to take every connection of the pool that way for a second or
   * more, and buyers' payments waited behind them. Now a caller finds the run in progress, waits for it
   * without a connection, and looks again: the run usually numbered its document too. Answers what
   * `find` finds after the numbering (undefined: nothing to look for, as for the list).
   */
  async function numberPending<T>(
    organizationId: string,
    order: Pick<OrderRow, 'createdAt'>,
    find: () => Promise<T | undefined>,
  ): Promise<T | undefined> {
    for (let running = numbering.get(organizationId); running; running = numbering.get(organizationId)) {
      await running.done.catch(() => undefined);
      // A run numbers the orders made since its own: one of an older order cannot have covered
      // this one (its payment committed later), which then runs its own, without a look first.
      if (running.since <= order.createdAt) {
        const found = await find();
        if (found !== undefined) return found;
      }
    }
    // One statement is its own transaction: the function's lock is held to its end, without the
    // two extra round trips of BEGIN and COMMIT.
    const run = {
      since: order.createdAt,
      done: repo.issueInvoices(db, organizationId, order.createdAt, clock.now()).then(() => undefined),
    };
    numbering.set(organizationId, run);
    try {
      await run.done;
    } finally {
      if (numbering.get(organizationId) === run) numbering.delete(organizationId);
    }
    return find();
  }

  /** The order's money, its seller and its event as the documents print them. */
  async function documentParts(
    order: OrderRow,
    eventRow: NonNullable<Awaited<ReturnType<typeof findEventById>>>,
    loaded?: LoadedOrder,
  ) {
    const [items, organization, profile, event] = await Promise.all([
      loaded?.items ?? findOrderItems(db, order.id),
      loaded ? loaded.organization : findOrganization(db, eventRow.organizationId),
      findBillingProfile(db, eventRow.organizationId),
      loaded?.datedEvent ?? eventOnDate(db, eventRow, order.dateId),
    ]);
    const invoiceOrder: InvoiceOrder = {
      id: order.id,
      currency: order.currency,
      buyerName: order.buyerName,
      buyerEmail: order.buyerEmail,
      billingDetails: order.billingDetails ?? null,
      subtotalCents: order.subtotalCents,
      discountCents: order.discountCents,
      feeCents: order.feeCents,
      feePassedOn: order.feePassedOn,
      taxCents: order.taxCents,
      totalCents: order.totalCents,
      paidAt: order.paidAt,
    };
    const lines: InvoiceOrderLine[] = items.map((item) => ({ ...item }));
    const seller: InvoiceSeller = {
      organizationName: organization?.name ?? '',
      legalName: profile?.legalName ?? null,
      address: profile?.address ?? null,
      taxId: profile?.taxId ?? null,
      footer: profile?.footer ?? null,
      timezone: profile?.timezone ?? 'UTC',
    };
    const invoiceEvent: InvoiceEvent = {
      title: event.title,
      venue: event.venue,
      startsAt: event.startsAt,
      timezone: event.timezone,
    };
    return { order: invoiceOrder, lines, seller, event: invoiceEvent };
  }

  /**
   * The order's invoice, numbered first if it was not yet; undefined when the order has none. An
   * email passes what it loaded already (a confirmation would otherwise read the order, its event,
   * items and organization twice: a third of its queries).
   */
  async function invoiceOf(orderId: string, loaded?: LoadedOrder): Promise<RenderedInvoice | undefined> {
    const { order, eventRow } = loaded ?? (await loadOrder(orderId));
    if (!isInvoiceable(order)) return undefined;
    const findInvoice = async () =>
      (await repo.listInvoicesOfOrder(db, order.id)).find((row) => row.kind === 'invoice');
    const invoice =
      (await findInvoice()) ?? (await numberPending(eventRow.organizationId, order, findInvoice));
    if (!invoice) return undefined;
    const document = invoiceDocument({ ...(await documentParts(order, eventRow, loaded)), invoice });
    return {
      id: invoice.id,
      number: invoice.number,
      filename: `invoice-${invoice.number}.pdf`,
      pdf: await renderPdf(document),
    };
  }

  async function creditNote(
    order: OrderRow,
    eventRow: NonNullable<Awaited<ReturnType<typeof findEventById>>>,
    row: repo.InvoiceRow,
  ): Promise<RenderedInvoice> {
    const refund = row.refundId ? await repo.findRefundOfOrder(db, order.id, row.refundId) : undefined;
    const invoice = row.refersTo ? await repo.findInvoice(db, row.refersTo) : undefined;
    const document = creditNoteDocument({
      ...(await documentParts(order, eventRow)),
      refund: refund ?? { amountCents: row.amountCents, lines: [] },
      creditNote: row,
      invoiceNumber: invoice?.number ?? null,
    });
    return {
      id: row.id,
      number: row.number,
      filename: `credit-note-${row.number}.pdf`,
      pdf: await renderPdf(document),
    };
  }

  return {
    /** The invoice PDF of a paid order; 409 INVOICE_NOT_AVAILABLE for an unpaid or free one. */
    async invoicePdf(orderId: string): Promise<RenderedInvoice> {
      const invoice = await invoiceOf(orderId);
      if (!invoice) throw notAvailable();
      return invoice;
    },

    /** For the confirmation email: the invoice, or undefined for an order without one. */
    invoiceForEmail: invoiceOf,

    /** A credit note of the order by its id (404 for an id of another order or an invoice). */
    async creditNotePdf(orderId: string, creditNoteId: string): Promise<RenderedInvoice> {
      const { order, eventRow } = await loadOrder(orderId);
      const row = await repo.findInvoice(db, creditNoteId);
      if (!row || row.orderId !== order.id || row.kind !== 'credit_note') throw notFound('Credit note');
      return creditNote(order, eventRow, row);
    },

    /** For the refund notice: the refund's credit note, numbered first; undefined when it has none. */
    async creditNoteForEmail(orderId: string, refundId: string): Promise<RenderedInvoice | undefined> {
      const { order, eventRow } = await loadOrder(orderId);
      const findRow = () => repo.findCreditNoteOfRefund(db, refundId);
      const row = (await findRow()) ?? (await numberPending(eventRow.organizationId, order, findRow));
      if (!row || row.orderId !== order.id) return undefined;
      return creditNote(order, eventRow, row);
    },

    /** The refund a notice recorded only by amount and time (the latest such refund of the order). */
    findRefundByAmount: (orderId: string, amountCents: number, before: Date) =>
      repo.findRefundByAmount(db, orderId, amountCents, before),

    /** The order's invoice and credit notes, numbering pending ones first. */
    async listInvoices(orderId: string): Promise<InvoiceList> {
      const { order, eventRow } = await loadOrder(orderId);
      if (isInvoiceable(order)) await numberPending(eventRow.organizationId, order, async () => undefined);
      const rows = await repo.listInvoicesOfOrder(db, order.id);
      return {
        items: rows.map((row) => ({
          id: row.id,
          kind: row.kind,
          number: row.number,
          issuedAt: row.issuedAt.toISOString(),
          amountCents: row.amountCents,
          currency: row.currency,
          refersTo: row.refersTo,
          pdfUrl:
            row.kind === 'invoice'
              ? `/api/orders/${order.id}/invoice.pdf`
              : `/api/orders/${order.id}/credit-notes/${row.id}.pdf`,
        })),
      };
    },
  };
}

export type InvoiceDocuments = ReturnType<typeof createInvoiceDocuments>;

/**
 * The numbering run in progress per organization, per database handle: shared by every
 * createInvoiceDocuments of the process (the API's routes and the email composer each make one).
 */
interface NumberingRun {
  /** The creation time of the order it was started for: it numbers orders made since. */
  since: Date;
  done: Promise<void>;
}

const numberingRuns = new WeakMap<Db, Map<string, NumberingRun>>();

function numberingRunsOf(db: Db): Map<string, NumberingRun> {
  let runs = numberingRuns.get(db);
  if (!runs) {
    runs = new Map();
    numberingRuns.set(db, runs);
  }
  return runs;
}

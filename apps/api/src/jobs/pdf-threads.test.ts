import { describe, expect, it } from 'vitest';
import type { InvoiceDocument } from '../modules/billing';
import { createTicketSigner, type TicketPdfInput } from '../modules/tickets';
import { createPdfThreads } from './pdf-threads';

const signer = createTicketSigner('pool-test-secret');

function input(n: number): TicketPdfInput {
  return {
    event: {
      title: 'Pool Night',
      venue: 'Hall',
      startsAt: new Date('2026-12-18T18:00:00Z'),
      endsAt: new Date('2026-12-18T22:00:00Z'),
      timezone: 'Europe/Paris',
    },
    organizationName: 'Org',
    ticket: {
      code: `CODE-${n}`,
      qr: signer.sign({
        ticketId: '0195f7d2-5b8e-7c3a-9d41-2f6b8a1c3e57',
        eventId: '0195f7d0-1a2b-7c3d-8e4f-5a6b7c8d9e0f',
      }),
      attendeeName: `Attendee ${n}`,
      ticketTypeName: 'GA',
      status: 'valid',
    },
    order: { id: '0195f7d3-8c9d-7e0f-a1b2-c3d4e5f60718', buyerName: 'Buyer' },
  };
}

// A thread loads the renderer through tsx first: seconds on a busy machine.
const invoice: InvoiceDocument = {
  kind: 'invoice',
  title: 'Invoice',
  number: 'INV-2026-000042',
  issueDate: '3 December 2026',
  reference: null,
  paidDate: '3 December 2026',
  seller: { name: 'Org', lines: ['1 Rue de la Paix', '75002 Paris'] },
  buyer: { name: 'Buyer', lines: ['buyer@example.test'] },
  event: { title: 'Pool Night', date: '18 December 2026' },
  orderId: '0195f7d3-8c9d-7e0f-a1b2-c3d4e5f60718',
  currency: 'EUR',
  rows: [],
  totals: [],
  notes: [],
  footer: null,
};

/** The creation date and the random file id differ from one render to the next. */
const withoutDates = (b: Buffer) =>
  b
    .toString('latin1')
    .replace(/\(D:\d{14}Z\)/g, '')
    .replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/, '');

describe('createPdfThreads', { timeout: 30_000 }, () => {
  it('renders on worker threads the same PDFs as the calling thread (apart from date and file id)', async () => {
    const pool = createPdfThreads({ threads: 2 });
    const inline = createPdfThreads({ threads: 0 });
    try {
      const fromThreads = await Promise.all([1, 2, 3, 4, 5].map((n) => pool.renderTicketPdf(input(n))));
      for (const [index, pdf] of fromThreads.entries()) {
        expect(Buffer.isBuffer(pdf)).toBe(true);
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        const here = await inline.renderTicketPdf(input(index + 1));
        expect(pdf.length).toBe(here.length);
        expect(withoutDates(pdf)).toBe(withoutDates(here));
      }
      // Invoices and credit notes render there too, the same document as here.
      const [onThread, here] = await Promise.all([
        pool.renderInvoicePdf(invoice),
        inline.renderInvoicePdf(invoice),
      ]);
      expect(onThread.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(withoutDates(onThread)).toBe(withoutDates(here));
    } finally {
      await pool.close();
    }
  });

  it('fails a render with the thread error instead of hanging, and keeps rendering after', async () => {
    const pool = createPdfThreads({ threads: 1 });
    try {
      const bad = { ...input(1), ticket: undefined } as unknown;
      await expect(pool.renderTicketPdf(bad as TicketPdfInput)).rejects.toThrow(/PDF thread/);
      const badInvoice = { ...invoice, rows: undefined } as unknown;
      await expect(pool.renderInvoicePdf(badInvoice as InvoiceDocument)).rejects.toThrow(/PDF thread/);
      expect((await pool.renderTicketPdf(input(2))).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } finally {
      await pool.close();
    }
  });

  it('refuses renders once closed', async () => {
    const pool = createPdfThreads({ threads: 1 });
    await pool.close();
    await expect(pool.renderTicketPdf(input(1))).rejects.toThrow(/closed/);
    await expect(pool.renderInvoicePdf(invoice)).rejects.toThrow(/closed/);
  });
});

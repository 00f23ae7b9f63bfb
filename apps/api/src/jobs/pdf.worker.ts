import { parentPort } from 'node:worker_threads';
import { type InvoiceDocument, renderInvoicePdf } from '../modules/billing';
import { renderTicketPdf, type TicketPdfInput } from '../modules/tickets';
import { lowerThreadPriority } from './module-thread';

/**
 * A rendering thread of the PDF pool (pdf-threads.ts): renders what it is sent (a ticket, an invoice
 * or credit note) and posts the bytes back. Bundled on its own as dist/pdf.worker.mjs for `npm start`.
 */
export type RenderJob =
  { kind: 'ticket'; input: TicketPdfInput } | { kind: 'invoice'; input: InvoiceDocument };

export type RenderRequest = RenderJob & { id: number };

export type RenderReply = { id: number; pdf: Uint8Array } | { id: number; error: string };

// Rendering yields the CPU to the thread that answers reserve and pay whenever both want it, so a
// burst of confirmations never slows the sale (started from a thread already lower, it stays lower).
lowerThreadPriority(10);

function render(request: RenderJob): Promise<Buffer> {
  return request.kind === 'ticket' ? renderTicketPdf(request.input) : renderInvoicePdf(request.input);
}

parentPort?.on('message', (request: RenderRequest) => {
  // A malformed request (a missing field) may throw before the promise exists: answered all the same.
  Promise.resolve()
    .then(() => render(request))
    .then(
      (pdf) => parentPort?.postMessage({ id: request.id, pdf } satisfies RenderReply),
      (error: unknown) =>
        parentPort?.postMessage({
          id: request.id,
          error: error instanceof Error ? error.message : String(error),
        } satisfies RenderReply),
    );
});

import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { type InvoiceDocument, renderInvoicePdf } from '../modules/billing';
import { renderTicketPdf, type TicketPdfInput } from '../modules/tickets';

/**
 * A rendering thread of the PDF pool (pdf-threads.ts): renders what it is sent (a ticket, an invoice
 * or credit note) and posts the bytes back. Bundled on its own as dist/pdf.worker.mjs for `npm start`.
 */
export type RenderJob =
  { kind: 'ticket'; input: TicketPdfInput } | { kind: 'invoice'; input: InvoiceDocument };

export type RenderRequest = RenderJob & { id: number };

export type RenderReply = { id: number; pdf: Uint8Array } | { id: number; error: string };

// On Linux a thread has its own nice value: rendering yields the CPU to the thread that answers
// reserve and pay whenever both want it, so a burst of confirmations never slows the sale.
// (Elsewhere this call would lower the whole process, so it is Linux only.)
if (process.platform === 'linux') {
  try {
    setPriority(0, 10);
  } catch {
    // Not allowed here (some sandboxes): render at normal priority.
  }
}

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

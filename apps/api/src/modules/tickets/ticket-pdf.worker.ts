import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { renderTicketPdf, type TicketPdfInput } from './ticket-pdf';

/**
 * A rendering thread of the ticket PDF pool (ticket-pdf-pool.ts): renders what it is sent and posts
 * the bytes back. Bundled on its own as dist/ticket-pdf.worker.mjs for `npm start`.
 */
export interface RenderRequest {
  id: number;
  input: TicketPdfInput;
}

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

parentPort?.on('message', (request: RenderRequest) => {
  renderTicketPdf(request.input).then(
    (pdf) => parentPort?.postMessage({ id: request.id, pdf } satisfies RenderReply),
    (error: unknown) =>
      parentPort?.postMessage({
        id: request.id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies RenderReply),
  );
});

import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { type InvoiceDocument, renderInvoicePdf } from '../modules/billing';
import { renderTicketPdf, type TicketPdfInput } from '../modules/tickets';
import { startModuleThread } from './module-thread';
import type { RenderJob, RenderReply, RenderRequest } from './pdf.worker';

export interface PdfThreads {
  renderTicketPdf(input: TicketPdfInput): Promise<Buffer>;
  /** An invoice or a credit note. */
  renderInvoicePdf(document: InvoiceDocument): Promise<Buffer>;
  /** Ends the threads; renders still waiting are refused. */
  close(): Promise<void>;
}

/** The default pool size: one rendering thread per core (they run at a lower priority on Linux). */
export const defaultPdfThreads = (): number => availableParallelism();

/**
 * Renders the PDFs of the emails (tickets, invoices, credit notes) on `threads` worker threads, so a
 * burst of confirmations (four tickets and an invoice each, a few ms of CPU per PDF) uses every core
 * at a lower priority and never blocks the event loop that answers HTTP. `threads: 0` renders on the
 * calling thread. Threads start at once (so the first confirmation after a start does not wait for
 * them), do not keep the process alive, and a thread that dies is replaced on the next render, its
 * renders failing (their email job retries). Here rather than in a module: one pool serves two.
 */
export function createPdfThreads(options: { threads: number }): PdfThreads {
  if (options.threads <= 0) return { renderTicketPdf, renderInvoicePdf, close: async () => undefined };

  interface Slot {
    worker: Worker;
    pending: Map<number, { resolve: (pdf: Buffer) => void; reject: (error: Error) => void }>;
  }
  const slots: Array<Slot | undefined> = new Array<Slot | undefined>(options.threads).fill(undefined);
  let nextId = 0;
  let isClosed = false;

  function start(index: number): Slot {
    const worker: Worker = startModuleThread(new URL('./pdf.worker', import.meta.url));
    worker.unref();
    const slot: Slot = { worker, pending: new Map() };
    const failAll = (error: Error) => {
      for (const waiting of slot.pending.values()) waiting.reject(error);
      slot.pending.clear();
      if (slots[index] === slot) slots[index] = undefined;
    };
    worker.on('message', (reply: RenderReply) => {
      const waiting = slot.pending.get(reply.id);
      if (!waiting) return;
      slot.pending.delete(reply.id);
      if ('error' in reply) waiting.reject(new Error(`PDF thread: ${reply.error}`));
      else waiting.resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
    });
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`PDF thread exited (code ${code})`)));
    slots[index] = slot;
    return slot;
  }

  /** The thread with the fewest renders waiting (started if it is not running). */
  function leastBusy(): Slot {
    let best = 0;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i];
      if (!slot) return start(i);
      if (slot.pending.size < (slots[best]?.pending.size ?? 0)) best = i;
    }
    return slots[best] ?? start(best);
  }

  for (let i = 0; i < slots.length; i++) start(i);

  function render(job: RenderJob): Promise<Buffer> {
    if (isClosed) return Promise.reject(new Error('the PDF threads are closed'));
    const slot = leastBusy();
    const id = nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, ...job } satisfies RenderRequest);
    });
  }

  return {
    renderTicketPdf: (input) => render({ kind: 'ticket', input }),
    renderInvoicePdf: (input) => render({ kind: 'invoice', input }),
    async close() {
      isClosed = true;
      await Promise.all(slots.map((slot) => slot?.worker.terminate()));
    },
  };
}

import type { Readable } from 'node:stream';
import type { DbOrTx } from '../../db/client';
import type { ImageStore } from './image-store';
import { findCover } from './media.repository';

/** An event's cover as an email carries it: inline, attached to the message itself. */
export interface InlineCover {
  content: Buffer;
  contentType: string;
  width: number;
  height: number;
  alt: string | null;
}

/** Emails are read about 600 px wide: the JPEG (or PNG) variant nearest that, never the AVIF/WebP. */
const EMAIL_WIDTH = 600;

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}

/**
 * Reads an event's cover for an email. Undefined for an event without one, or when its file is not
 * in the store (the email then goes out without it rather than not at all).
 */
export function createCoverReader(deps: { db: DbOrTx; store: ImageStore }) {
  return async function coverOf(eventId: string): Promise<InlineCover | undefined> {
    const row = await findCover(deps.db, eventId);
    if (!row) return undefined;
    const variant = row.variants
      .filter((candidate) => candidate.format === 'jpeg' || candidate.format === 'png')
      .sort((a, b) => Math.abs(a.width - EMAIL_WIDTH) - Math.abs(b.width - EMAIL_WIDTH))[0];
    if (!variant) return undefined;
    const stored = await deps.store.get(variant.key).catch(() => undefined);
    if (!stored) return undefined;
    return {
      content: await readAll(stored.body),
      contentType: stored.contentType,
      width: variant.width,
      height: variant.height,
      alt: row.alt,
    };
  };
}

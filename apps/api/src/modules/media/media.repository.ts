import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { preparedQuery } from '../../db/prepared';
import type { DbOrTx, Tx } from '../../db/client';
import { type ImageKind, type ImageVariant, images } from '../../db/schema';

export type ImageRow = typeof images.$inferSelect;

/** What an image illustrates: an event's cover, or an organization's logo (no event). */
export interface ImageSubject {
  organizationId: string;
  eventId: string | null;
  kind: ImageKind;
}

const ofSubject = (subject: ImageSubject) =>
  and(
    eq(images.organizationId, subject.organizationId),
    subject.eventId === null ? isNull(images.eventId) : eq(images.eventId, subject.eventId),
    eq(images.kind, subject.kind),
  );

/**
 * Serializes changes of one subject's image until the transaction ends: two uploads at once would
 * otherwise both find no row and the second insert would fail on the unique index.
 */
export async function lockSubject(tx: Tx, subject: ImageSubject): Promise<void> {
  const name = `media:${subject.organizationId}:${subject.eventId ?? ''}:${subject.kind}`;
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${name}, 0))`);
}

export async function findImage(db: DbOrTx, subject: ImageSubject): Promise<ImageRow | undefined> {
  const rows = await db.select().from(images).where(ofSubject(subject)).limit(1);
  return rows[0];
}

/** Removes the subject's image, returning it (undefined when it had none). */
export async function deleteImage(db: DbOrTx, subject: ImageSubject): Promise<ImageRow | undefined> {
  const rows = await db.delete(images).where(ofSubject(subject)).returning();
  return rows[0];
}

export async function insertImage(
  db: DbOrTx,
  values: ImageSubject & {
    width: number;
    height: number;
    alt: string | null;
    sourceHash: string;
    variants: ImageVariant[];
  },
): Promise<ImageRow> {
  const rows = await db.insert(images).values(values).returning();
  const row = rows[0];
  if (!row) throw new Error('insert into images returned no row');
  return row;
}

/** Whether an image (other than `exceptId`) was made from the same upload, and so uses its files. */
export async function isSourceInUse(db: DbOrTx, sourceHash: string, exceptId?: string): Promise<boolean> {
  const rows = await db
    .select({ id: images.id })
    .from(images)
    .where(and(eq(images.sourceHash, sourceHash), exceptId ? ne(images.id, exceptId) : undefined))
    .limit(1);
  return rows.length > 0;
}

export async function listCovers(db: DbOrTx, eventIds: readonly string[]): Promise<ImageRow[]> {
  if (eventIds.length === 0) return [];
  return db
    .select()
    .from(images)
    .where(and(inArray(images.eventId, [...eventIds]), eq(images.kind, 'cover')));
}

// Looked for by every confirmation of a sale (its email and PDFs print the cover): prepared, so
// PostgreSQL plans it once per connection.
const selectCover = preparedQuery('zevents_event_cover', (db) =>
  db
    .select()
    .from(images)
    .where(and(eq(images.eventId, sql.placeholder('eventId')), eq(images.kind, 'cover')))
    .limit(1),
);

export async function findCover(db: DbOrTx, eventId: string): Promise<ImageRow | undefined> {
  return (await selectCover(db, { eventId }))[0];
}

export async function listLogos(db: DbOrTx, organizationIds: readonly string[]): Promise<ImageRow[]> {
  if (organizationIds.length === 0) return [];
  return db
    .select()
    .from(images)
    .where(
      and(
        inArray(images.organizationId, [...organizationIds]),
        isNull(images.eventId),
        eq(images.kind, 'logo'),
      ),
    );
}

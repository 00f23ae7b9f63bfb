import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from './accounts.schema';
import { events } from './events.schema';

export const IMAGE_KINDS = ['cover', 'logo'] as const;
export type ImageKind = (typeof IMAGE_KINDS)[number];

export const IMAGE_FORMATS = ['avif', 'webp', 'jpeg', 'png'] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

/** One stored file of an image: a size in a format, under a content-addressed key of the store. */
export interface ImageVariant {
  key: string;
  format: ImageFormat;
  width: number;
  height: number;
  bytes: number;
}

/**
 * The images of the media module: an event's cover (`event_id` set) or an organization's logo
 * (`event_id` null), at most one of each. `organization_id` is on every row, so the table can be
 * distributed by organization (Citus) beside the events it illustrates. The files live in the image
 * store (local disk or S3); the row lists them, so a replaced image's files can be deleted.
 */
export const images = pgTable(
  'images',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: IMAGE_KINDS }).notNull(),
    /** The uploaded picture's size once turned upright (EXIF orientation applied). */
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    alt: text('alt'),
    /** SHA-256 of the uploaded bytes: the prefix of every variant's key. */
    sourceHash: text('source_hash').notNull(),
    variants: jsonb('variants').$type<ImageVariant[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('images_kind', sql`${t.kind} IN ('cover', 'logo')`),
    check('images_cover_has_event', sql`(${t.kind} = 'cover') = (${t.eventId} IS NOT NULL)`),
    uniqueIndex('images_one_per_subject').on(
      t.organizationId,
      sql`coalesce(${t.eventId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      t.kind,
    ),
    // Whether another image still uses a file (same upload elsewhere) before deleting it.
    index('images_source_hash').on(t.sourceHash),
    index('images_event').on(t.eventId),
  ],
);

import type { Image, ImageView } from '@zevents/contracts';
import type { Db } from '../../db/client';
import type { ImageVariant } from '../../db/schema';
import { notFound } from '../../http/errors';
import { findEventById } from '../events';
import { findOrganization } from '../organizations';
import { CONTENT_TYPE, processImage } from './image-processing';
import type { ImageStore } from './image-store';
import * as repo from './media.repository';
import { createTurns } from './turns';
import { presentImage, presentImageView } from './media.presenter';

/**
 * Images decoded at once per process: a 40-megapixel upload may take 160 MB while it is worked on,
 * and sharp works on libuv's thread pool, which file reads and DNS lookups need too.
 */
const MAX_CONCURRENT_PROCESSING = 2;

export interface ImageUpload {
  bytes: Buffer;
  alt: string | undefined;
}

/**
 * Covers and logos. The router has checked the caller's permission on the event or organization
 * before the service runs; the service only finds what the path names (404 when it is gone).
 */
export function createMediaService(deps: {
  db: Db;
  store: ImageStore;
  publicUrl: string;
  /** An event's public page changed (its cached copy must go). */
  onEventChanged?: (eventId: string) => void;
  /** Every public page of an organization changed (they show its logo). */
  onOrganizationChanged?: (organizationId: string) => void;
}) {
  const { db, store, publicUrl } = deps;
  const inTurn = createTurns(MAX_CONCURRENT_PROCESSING);

  /**
   * The files go to the store before the row commits, so a row never names a missing file; the files
   * of the image it replaces are deleted after, unless another image was made from the same upload.
   */
  async function replace(subject: repo.ImageSubject, upload: ImageUpload): Promise<Image> {
    const processed = await inTurn(() => processImage(upload.bytes, subject.kind));
    await Promise.all(
      processed.files.map((file) => store.put(file.key, file.data, CONTENT_TYPE[file.format])),
    );
    const variants: ImageVariant[] = processed.files.map(({ data: _data, ...variant }) => variant);
    const saved = db.transaction(async (tx) => {
      await repo.lockSubject(tx, subject);
      const previous = await repo.deleteImage(tx, subject);
      const row = await repo.insertImage(tx, {
        ...subject,
        width: processed.width,
        height: processed.height,
        alt: upload.alt ?? null,
        sourceHash: processed.sourceHash,
        variants,
      });
      return { row, previous };
    });
    const { row, previous } = await saved.catch(async (error: unknown) => {
      // No row names the files just written (unless an earlier upload of the same file does).
      if (!(await repo.isSourceInUse(db, processed.sourceHash))) {
        await Promise.allSettled(variants.map((variant) => store.delete(variant.key)));
      }
      throw error;
    });
    if (previous && previous.sourceHash !== row.sourceHash) await forgetFiles(previous);
    return presentImage(row, publicUrl);
  }

  async function remove(subject: repo.ImageSubject): Promise<void> {
    const previous = await repo.deleteImage(db, subject);
    if (previous) await forgetFiles(previous);
  }

  async function forgetFiles(image: repo.ImageRow): Promise<void> {
    if (await repo.isSourceInUse(db, image.sourceHash, image.id)) return;
    await Promise.all(image.variants.map((variant) => store.delete(variant.key)));
  }

  async function eventSubject(eventId: string): Promise<repo.ImageSubject> {
    const event = await findEventById(db, eventId);
    if (!event) throw notFound('Event');
    return { organizationId: event.organizationId, eventId, kind: 'cover' };
  }

  async function logoSubject(organizationId: string): Promise<repo.ImageSubject> {
    if (!(await findOrganization(db, organizationId))) throw notFound('Organization');
    return { organizationId, eventId: null, kind: 'logo' };
  }

  return {
    async putCover(eventId: string, upload: ImageUpload): Promise<Image> {
      const image = await replace(await eventSubject(eventId), upload);
      deps.onEventChanged?.(eventId);
      return image;
    },

    async deleteCover(eventId: string): Promise<void> {
      await remove(await eventSubject(eventId));
      deps.onEventChanged?.(eventId);
    },

    async putLogo(organizationId: string, upload: ImageUpload): Promise<Image> {
      const image = await replace(await logoSubject(organizationId), upload);
      deps.onOrganizationChanged?.(organizationId);
      return image;
    },

    async deleteLogo(organizationId: string): Promise<void> {
      await remove(await logoSubject(organizationId));
      deps.onOrganizationChanged?.(organizationId);
    },
  };
}

export type MediaService = ReturnType<typeof createMediaService>;

/** How other modules show images beside what they answer (one query for a whole list). */
export interface ImageLookup {
  coversOf(eventIds: readonly string[]): Promise<Map<string, ImageView>>;
  logosOf(organizationIds: readonly string[]): Promise<Map<string, ImageView>>;
}

export function createImageLookup(deps: { db: Db; publicUrl: string }): ImageLookup {
  const { db, publicUrl } = deps;
  return {
    async coversOf(eventIds) {
      const rows = await repo.listCovers(db, eventIds);
      return new Map(rows.map((row) => [row.eventId ?? '', presentImageView(row, publicUrl)]));
    },
    async logosOf(organizationIds) {
      const rows = await repo.listLogos(db, organizationIds);
      return new Map(rows.map((row) => [row.organizationId, presentImageView(row, publicUrl)]));
    },
  };
}

import { z } from 'zod';

export const ImageKind = z.enum(['cover', 'logo']);
export type ImageKind = z.infer<typeof ImageKind>;

/**
 * `srcset` strings (`url 480w, url 960w`) of one image, one per format: browsers take the first
 * `<source>` they can show (AVIF, then WebP), then the fallback `<img>`: JPEG, or PNG for a logo
 * with transparency. Every URL is immutable (its name is a hash of the upload).
 */
export const ImageSrcset = z
  .object({
    avif: z.string(),
    webp: z.string(),
    jpeg: z.string().optional().describe('The fallback of covers and opaque logos'),
    png: z.string().optional().describe('The fallback of logos with transparency'),
  })
  .meta({ id: 'ImageSrcset' });
export type ImageSrcset = z.infer<typeof ImageSrcset>;

/** How an image is shown wherever its event or organization is answered. */
export const ImageView = z
  .object({
    url: z
      .string()
      .describe('The default variant (JPEG or PNG, about 960 px wide for a cover, 256 px for a logo)'),
    srcset: ImageSrcset,
    width: z.number().int().describe('Of the largest variant'),
    height: z.number().int().describe('Of the largest variant'),
    alt: z.string().nullable(),
  })
  .meta({ id: 'ImageView' });
export type ImageView = z.infer<typeof ImageView>;

/** The answer of an upload. */
export const Image = ImageView.extend({
  id: z.string(),
  organizationId: z.string(),
  eventId: z.string().nullable(),
  kind: ImageKind,
  createdAt: z.string(),
}).meta({ id: 'Image' });
export type Image = z.infer<typeof Image>;

/** What an upload sends as `multipart/form-data` (documentation: the server reads the stream itself). */
export const ImageUploadForm = z
  .object({
    file: z
      .string()
      .meta({ format: 'binary' })
      .describe('JPEG, PNG or WebP, at most 10 MB; the type is read from the content, not the name'),
    alt: z.string().max(300).optional().describe('Covers only: what the picture shows, for screen readers'),
  })
  .meta({ id: 'ImageUploadForm' });

export const IMAGE_MAX_BYTES = 10 * 1024 * 1024;
export const IMAGE_ALT_MAX_LENGTH = 300;

import type { Image, ImageSrcset, ImageView } from '@zevents/contracts';
import type { ImageFormat, ImageVariant } from '../../db/schema';
import { DEFAULT_SIZE } from './image-processing';
import type { ImageRow } from './media.repository';

/** Where a stored file is served: absolute, since emails and social previews show images too. */
export const mediaUrl = (publicUrl: string, key: string): string => `${publicUrl}/media/${key}`;

/** The size a variant was made for: its width (covers) or its square's side (logos). */
const sizeOf = (variant: ImageVariant) => variant.width;

function srcsetOf(publicUrl: string, variants: ImageVariant[], format: ImageFormat): string | undefined {
  const ofFormat = variants.filter((variant) => variant.format === format).sort((a, b) => a.width - b.width);
  if (ofFormat.length === 0) return undefined;
  return ofFormat.map((variant) => `${mediaUrl(publicUrl, variant.key)} ${variant.width}w`).join(', ');
}

export function presentImageView(row: ImageRow, publicUrl: string): ImageView {
  const fallbacks = row.variants
    .filter((variant) => variant.format === 'jpeg' || variant.format === 'png')
    .sort((a, b) => sizeOf(a) - sizeOf(b));
  // The default size, or the largest made when the upload was smaller than it.
  const target = DEFAULT_SIZE[row.kind];
  const fallback = fallbacks.filter((variant) => sizeOf(variant) <= target).at(-1) ?? fallbacks[0];
  const largest = fallbacks.at(-1);
  const srcset: ImageSrcset = {
    avif: srcsetOf(publicUrl, row.variants, 'avif') ?? '',
    webp: srcsetOf(publicUrl, row.variants, 'webp') ?? '',
  };
  const jpeg = srcsetOf(publicUrl, row.variants, 'jpeg');
  const png = srcsetOf(publicUrl, row.variants, 'png');
  if (jpeg) srcset.jpeg = jpeg;
  if (png) srcset.png = png;
  return {
    url: fallback ? mediaUrl(publicUrl, fallback.key) : '',
    srcset,
    width: largest?.width ?? row.width,
    height: largest?.height ?? row.height,
    alt: row.alt,
  };
}

export function presentImage(row: ImageRow, publicUrl: string): Image {
  return {
    id: row.id,
    organizationId: row.organizationId,
    eventId: row.eventId,
    kind: row.kind,
    ...presentImageView(row, publicUrl),
    createdAt: row.createdAt.toISOString(),
  };
}

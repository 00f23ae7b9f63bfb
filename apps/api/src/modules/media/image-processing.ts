import { createHash } from 'node:crypto';
import sharp, { type Metadata, type Sharp } from 'sharp';
import { AppError } from '../../http/errors';
import type { ImageFormat, ImageKind, ImageVariant } from '../../db/schema';

/** Bumped when the output changes for the same upload: keys (and so URLs) must never change meaning. */
const PROCESSING_VERSION = 'v1';

/**
 * More pixels than this is refused before decoding: a 50 KB PNG can claim 60,000 x 60,000 pixels
 * and would take gigabytes to decode (a decompression bomb). 40 MP is more than phone cameras take.
 */
export const MAX_INPUT_PIXELS = 40_000_000;

const ACCEPTED_INPUT = new Set(['jpeg', 'png', 'webp']);

/**
 * Covers keep the uploaded aspect ratio (pages and cards crop them with CSS `object-fit`, so the
 * organizer's framing is never cut server-side); logos are padded into squares, transparent where the
 * upload has alpha, else white. Neither is ever enlarged: a size larger than the upload is skipped.
 */
const SIZES: Readonly<Record<ImageKind, readonly number[]>> = {
  cover: [480, 960, 1600],
  logo: [64, 128, 256],
};

/** The size whose fallback file is an image's `url`: enough for a card, an email and a social preview. */
export const DEFAULT_SIZE: Readonly<Record<ImageKind, number>> = { cover: 960, logo: 256 };

const EXTENSION: Readonly<Record<ImageFormat, string>> = {
  avif: 'avif',
  webp: 'webp',
  jpeg: 'jpg',
  png: 'png',
};
export const CONTENT_TYPE: Readonly<Record<ImageFormat, string>> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

export interface ProcessedFile extends ImageVariant {
  data: Buffer;
}

export interface ProcessedImage {
  sourceHash: string;
  /** The upload's size once upright. */
  width: number;
  height: number;
  files: ProcessedFile[];
}

const unsupported = () =>
  new AppError('UNSUPPORTED_MEDIA_TYPE', 'The file must be a JPEG, PNG or WebP image');

/** Reads what the bytes are (never the file name or declared type) and refuses anything else. */
async function inspect(bytes: Buffer) {
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  } catch {
    throw unsupported();
  }
  const { format, width, height } = metadata;
  if (!format || !ACCEPTED_INPUT.has(format) || !width || !height) throw unsupported();
  // metadata() reads the header only: the pixel limit bites at decode, so the claim is checked here.
  if (width * height > MAX_INPUT_PIXELS)
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `The image has more than ${MAX_INPUT_PIXELS} pixels`);
  return metadata;
}

/**
 * Decodes the upload once: turned upright by its EXIF orientation and shrunk to the largest size
 * needed. Raw pixels carry no metadata at all, so nothing of the upload's EXIF (GPS position, camera)
 * or XMP can reach an output file.
 */
async function decodeUpright(bytes: Buffer, longest: number, kind: ImageKind) {
  const pipeline = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate();
  const resized =
    kind === 'cover'
      ? pipeline.resize({ width: longest, withoutEnlargement: true })
      : pipeline.resize({ width: longest, height: longest, fit: 'inside', withoutEnlargement: true });
  try {
    return await resized.raw().toBuffer({ resolveWithObject: true });
  } catch {
    // A truncated or corrupt file whose header looked fine.
    throw unsupported();
  }
}

function encode(image: Sharp, format: ImageFormat): Sharp {
  switch (format) {
    case 'avif':
      // Effort 2 of 9: AVIF at the default effort takes seconds per cover, on the request's path.
      return image.avif({ quality: 50, effort: 2 });
    case 'webp':
      return image.webp({ quality: 80 });
    case 'jpeg':
      return image.jpeg({ quality: 82, mozjpeg: true });
    case 'png':
      return image.png({ compressionLevel: 9 });
  }
}

/** The sizes to make of a picture whose relevant side is `side` px: never larger than it, at least one. */
function sizesFor(kind: ImageKind, side: number): number[] {
  const fitting = SIZES[kind].filter((size) => size <= side);
  return fitting.length > 0 ? fitting : [side];
}

/**
 * Every variant of an upload: each size in AVIF, WebP and a fallback every browser and mail client
 * shows (JPEG; PNG for a logo with transparency). Files are named by a hash of the upload, so their
 * URLs are immutable and a second upload of the same file names the same files.
 */
export async function processImage(bytes: Buffer, kind: ImageKind): Promise<ProcessedImage> {
  const metadata = await inspect(bytes);
  const isTurned = (metadata.orientation ?? 1) >= 5;
  const width = isTurned ? (metadata.height ?? 0) : (metadata.width ?? 0);
  const height = isTurned ? (metadata.width ?? 0) : (metadata.height ?? 0);
  const sizes = sizesFor(kind, kind === 'cover' ? width : Math.max(width, height));
  const largest = Math.max(...sizes);
  const decoded = await decodeUpright(bytes, largest, kind);
  const { channels } = decoded.info;
  const hasAlpha = channels === 4 || channels === 2;
  const fallback: ImageFormat = kind === 'logo' && hasAlpha ? 'png' : 'jpeg';
  const sourceHash = createHash('sha256').update(PROCESSING_VERSION).update(bytes).digest('hex');

  // sharp hands raw pixels back unpremultiplied whatever `info.premultiplied` says: read them as such.
  const raw = () =>
    sharp(decoded.data, { raw: { width: decoded.info.width, height: decoded.info.height, channels } });
  const sized = (size: number): Sharp => {
    if (kind === 'cover') return raw().resize({ width: size }).flatten({ background: '#ffffff' });
    const background = hasAlpha ? { r: 0, g: 0, b: 0, alpha: 0 } : '#ffffff';
    return raw().resize({ width: size, height: size, fit: 'contain', background });
  };
  const jobs = sizes.flatMap((size) =>
    (['avif', 'webp', fallback] as const).map(async (format): Promise<ProcessedFile> => {
      const { data, info } = await encode(sized(size), format).toBuffer({ resolveWithObject: true });
      return {
        key: `${sourceHash.slice(0, 32)}-${kind}${size}.${EXTENSION[format]}`,
        format,
        width: info.width,
        height: info.height,
        bytes: data.length,
        data,
      };
    }),
  );
  return { sourceHash, width, height, files: await Promise.all(jobs) };
}

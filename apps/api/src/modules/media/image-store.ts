import type { Readable } from 'node:stream';

/** A stored file, ready to stream to a client. */
export interface StoredImage {
  body: Readable;
  contentType: string;
  /** In bytes, when the store knows it without reading the file. */
  size: number | undefined;
}

/**
 * Where image files live: local disk by default, S3-compatible object storage when STORAGE_URL names
 * a bucket. Keys are content-addressed, so a key's bytes never change once written: `put` of an
 * existing key may simply overwrite it with the same bytes.
 */
export interface ImageStore {
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** Undefined for a key that holds nothing. */
  get(key: string): Promise<StoredImage | undefined>;
  /** Deleting a key that holds nothing is not an error. */
  delete(key: string): Promise<void>;
}

/**
 * The only keys the media module writes: `<32 hex>-<kind><size>.<ext>`. Everything read from a URL is
 * checked against it before reaching a store, so no `..`, slash or NUL can name another file.
 */
export const IMAGE_KEY_PATTERN = /^[0-9a-f]{32}-(?:cover|logo)\d{1,5}\.(?:avif|webp|jpg|png)$/;

export function isImageKey(key: string): boolean {
  return IMAGE_KEY_PATTERN.test(key);
}

const CONTENT_TYPE_BY_EXTENSION: Readonly<Record<string, string>> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpg: 'image/jpeg',
  png: 'image/png',
};

/** From the key alone: a store never decides what a browser is told the bytes are. */
export function contentTypeOfKey(key: string): string {
  return CONTENT_TYPE_BY_EXTENSION[key.slice(key.lastIndexOf('.') + 1)] ?? 'application/octet-stream';
}

/** Refuses (programming error) a key the module would never write: a second guard behind the route's. */
export function assertImageKey(key: string): void {
  if (!isImageKey(key)) throw new Error(`not an image key: ${JSON.stringify(key)}`);
}

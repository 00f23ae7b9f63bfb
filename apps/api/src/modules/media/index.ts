/**
 * Media module: event covers and organization logos, processed with sharp into responsive sizes
 * and modern formats, kept in an image store (local disk or S3) and served immutable at /media/{key}.
 * Owns tables: images. Other modules show images through the ImageLookup.
 */
export type { ImageStore, StoredImage } from './image-store';
export { createImageStore } from './image-store-factory';
export { createLocalImageStore } from './local-image-store';
export { createS3ImageStore, type S3StorageSettings } from './s3-image-store';
export { registerMediaFilesRoutes } from './media-files.routes';
export { registerMediaRoutes } from './media.routes';
export { createImageLookup, createMediaService, type ImageLookup, type MediaService } from './media.service';
export { createCoverReader, type InlineCover } from './email-cover';

import type { StorageSettings } from '../../config';
import type { ImageStore } from './image-store';
import { createLocalImageStore } from './local-image-store';
import { createS3ImageStore } from './s3-image-store';

/** The store the configuration names: `${DATA_DIR}/media`, or the bucket of STORAGE_URL. */
export function createImageStore(settings: StorageSettings): ImageStore {
  return settings.kind === 's3' ? createS3ImageStore(settings) : createLocalImageStore(settings.dir);
}

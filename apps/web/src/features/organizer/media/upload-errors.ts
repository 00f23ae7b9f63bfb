import { IMAGE_MAX_BYTES } from '@zevents/contracts';
import { ApiError } from '../../../api/client';
import { i18n } from '../../../i18n/i18n';

/** What the file chooser offers; the server still reads the type from the bytes, never the name. */
export const ACCEPTED_IMAGE_TYPES = 'image/jpeg,image/png,image/webp';

const MAX_MEGABYTES = IMAGE_MAX_BYTES / (1024 * 1024);

/** Refuses a file the server would refuse for its size, before sending megabytes for nothing. */
export function checkImageFile(file: File): string | null {
  if (file.size > IMAGE_MAX_BYTES) return i18n.t('web.org.editor.upload.tooLarge', { max: MAX_MEGABYTES });
  return null;
}

/** The sentence to show for a failed upload: the API's own detail (413, 415, 400) when it gave one. */
export function uploadErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const field = error.fieldErrors[0];
    if (error.code === 'VALIDATION_FAILED' && field) return `${error.message}: ${field.message}`;
    return error.message;
  }
  return error instanceof Error ? error.message : i18n.t('web.org.editor.upload.failed');
}

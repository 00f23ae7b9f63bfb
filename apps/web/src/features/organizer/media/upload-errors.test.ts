import { IMAGE_MAX_BYTES } from '@zevents/contracts';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/client';
import { checkImageFile, uploadErrorMessage } from './upload-errors';

describe('image upload errors', () => {
  it("shows the API's own detail for a refused file", () => {
    const refused = new ApiError(415, {
      code: 'UNSUPPORTED_MEDIA_TYPE',
      detail: 'The file is not a JPEG, PNG or WebP image',
    });
    expect(uploadErrorMessage(refused)).toBe('The file is not a JPEG, PNG or WebP image');
  });

  it('names the field of a validation error', () => {
    const invalid = new ApiError(400, {
      code: 'VALIDATION_FAILED',
      detail: 'The alt text is too long',
      errors: [{ path: 'alt', message: 'must be at most 300 characters' }],
    });
    expect(uploadErrorMessage(invalid)).toBe('The alt text is too long: must be at most 300 characters');
  });

  it('refuses a file over the limit before sending it', () => {
    const huge = new File(['x'], 'huge.jpg', { type: 'image/jpeg' });
    Object.defineProperty(huge, 'size', { value: IMAGE_MAX_BYTES + 1 });
    expect(checkImageFile(huge)).toMatch(/larger than 10 MB/);
    expect(checkImageFile(new File(['x'], 'small.jpg', { type: 'image/jpeg' }))).toBeNull();
  });
});

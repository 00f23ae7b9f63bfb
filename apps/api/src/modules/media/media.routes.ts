import { IMAGE_ALT_MAX_LENGTH, IMAGE_MAX_BYTES, Image, ImageUploadForm, UuidParam } from '@zevents/contracts';
import type { Request } from 'express';
import { z } from 'zod';
import { AppError } from '../../http/errors';
import { readMultipartForm } from '../../http/multipart';
import type { ApiRouter } from '../../http/route';
import type { Permission } from '../organizations';
import type { ImageUpload, MediaService } from './media.service';

const EventParams = z.object({ eventId: UuidParam });
const OrgParams = z.object({ orgId: UuidParam });

const UPLOAD_DESCRIPTION =
  'multipart/form-data with the image in the `file` field: JPEG, PNG or WebP (read from the content, ' +
  'never the name or declared type), at most 10 MB (413 PAYLOAD_TOO_LARGE) and 40 megapixels; anything ' +
  'else is 415 UNSUPPORTED_MEDIA_TYPE. The picture is turned upright, stripped of its metadata (EXIF, ' +
  'GPS) and resized into AVIF, WebP and JPEG (PNG for a logo with transparency); it replaces the ' +
  'previous one. The answer lists immutable URLs for `srcset`.';

/** The form of an upload, or the problem it is: no file is 400 VALIDATION_FAILED naming `file`. */
async function readUpload(req: Request): Promise<ImageUpload> {
  const form = await readMultipartForm(req, {
    fileField: 'file',
    maxFileBytes: IMAGE_MAX_BYTES,
    maxFieldBytes: IMAGE_ALT_MAX_LENGTH * 4,
    maxFields: 4,
  });
  if (!form.file || form.file.length === 0)
    throw new AppError('VALIDATION_FAILED', 'The form has no file', {
      errors: [{ path: 'file', message: 'an image file is required' }],
    });
  const alt = form.fields.alt?.trim();
  if (alt !== undefined && alt.length > IMAGE_ALT_MAX_LENGTH)
    throw new AppError('VALIDATION_FAILED', 'The alt text is too long', {
      errors: [{ path: 'alt', message: `must be at most ${IMAGE_ALT_MAX_LENGTH} characters` }],
    });
  return { bytes: form.file, alt: alt || undefined };
}

export function registerMediaRoutes(api: ApiRouter<Permission>, deps: { media: MediaService }): void {
  const { media } = deps;
  const tags = ['Media'];

  api.add(
    {
      method: 'put',
      path: '/api/events/{eventId}/cover',
      summary: "Upload the event's cover image",
      description: UPLOAD_DESCRIPTION,
      tags,
      access: 'member',
      permission: 'events.manage',
      params: EventParams,
      multipartBody: ImageUploadForm,
      status: 200,
      response: Image,
      errors: [403],
    },
    async ({ params, req }) => media.putCover(params.eventId, await readUpload(req)),
  );

  api.add(
    {
      method: 'delete',
      path: '/api/events/{eventId}/cover',
      summary: "Remove the event's cover image",
      tags,
      access: 'member',
      permission: 'events.manage',
      params: EventParams,
      status: 204,
      errors: [403],
    },
    async ({ params }) => media.deleteCover(params.eventId),
  );

  api.add(
    {
      method: 'put',
      path: '/api/organizations/{orgId}/logo',
      summary: "Upload the organization's logo",
      description: UPLOAD_DESCRIPTION,
      tags,
      access: 'member',
      permission: 'organization.manage',
      params: OrgParams,
      multipartBody: ImageUploadForm,
      status: 200,
      response: Image,
      errors: [403],
    },
    async ({ params, req }) => media.putLogo(params.orgId, await readUpload(req)),
  );

  api.add(
    {
      method: 'delete',
      path: '/api/organizations/{orgId}/logo',
      summary: "Remove the organization's logo",
      tags,
      access: 'member',
      permission: 'organization.manage',
      params: OrgParams,
      status: 204,
      errors: [403],
    },
    async ({ params }) => media.deleteLogo(params.orgId),
  );
}

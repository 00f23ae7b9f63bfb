import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { notFound } from '../../http/errors';
import type { ApiRouter } from '../../http/route';
import type { Permission } from '../organizations';
import { IMAGE_KEY_PATTERN, type ImageStore } from './image-store';

// Anything else (`..`, a slash, another extension) names no file: 404 before the store is asked.
const FileParams = z.object({ key: z.string().regex(IMAGE_KEY_PATTERN) });

/**
 * Serves stored image files, whichever store holds them. A key is a hash of the upload, so its bytes
 * never change: browsers and CDNs keep them a year without asking again, and the key is the ETag.
 */
export function registerMediaFilesRoutes(api: ApiRouter<Permission>, deps: { store: ImageStore }): void {
  api.add(
    {
      method: 'get',
      path: '/media/{key}',
      summary: 'An image file (cover or logo variant); immutable, cached for a year',
      tags: ['Media'],
      access: 'public',
      params: FileParams,
      status: 200,
      responseContentType: 'image/*',
    },
    async ({ params, req, res }) => {
      const etag = `"${params.key}"`;
      const cacheHeaders = {
        'Cache-Control': 'public, max-age=31536000, immutable',
        ETag: etag,
        'X-Content-Type-Options': 'nosniff',
        // Emails, social previews and the web app on another origin in development embed these.
        'Cross-Origin-Resource-Policy': 'cross-origin',
      };
      // The key names the bytes: whoever holds this ETag holds the file, and no store need be asked.
      if (req.headers['if-none-match'] === etag) {
        res.status(304).set(cacheHeaders).end();
        return;
      }
      const file = await deps.store.get(params.key);
      if (!file) throw notFound('Image');
      res.status(200).set({ ...cacheHeaders, 'Content-Type': file.contentType });
      if (file.size !== undefined) res.setHeader('Content-Length', String(file.size));
      await pipeline(file.body, res);
    },
  );
}

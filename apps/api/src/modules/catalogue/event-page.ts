import { readFile } from 'node:fs/promises';
import type { RequestHandler } from 'express';
import type { CatalogueService } from './catalogue.service';
import { withSocialPreview } from './social-preview';

/**
 * GET /events/{idOrSlug} of the web app: its index.html with the event's Open Graph and Twitter tags.
 * An unknown event, a draft or a failure falls through to the plain index.html (the app shows its
 * own 404), so a preview can never break the page.
 */
export function createEventPageHandler(deps: {
  catalogue: Pick<CatalogueService, 'getEvent'>;
  indexFile: string;
  publicUrl: string;
}): RequestHandler {
  let indexHtml: Promise<string> | undefined;
  return async (req, res, next) => {
    const idOrSlug = req.params.idOrSlug;
    if (typeof idOrSlug !== 'string') return next();
    let html: string;
    let event: Awaited<ReturnType<CatalogueService['getEvent']>>;
    try {
      html = await (indexHtml ??= readFile(deps.indexFile, 'utf8'));
    } catch {
      // Read again next time: the build may be being replaced.
      indexHtml = undefined;
      return next();
    }
    try {
      event = await deps.catalogue.getEvent(idOrSlug);
    } catch {
      return next();
    }
    const pageUrl = `${deps.publicUrl}/events/${encodeURIComponent(event.slug)}`;
    // The tags follow the event (a new cover, a new title): revalidated on each visit, like index.html.
    res
      .set('Cache-Control', 'no-cache')
      .type('html')
      .send(withSocialPreview(html, event, pageUrl));
  };
}

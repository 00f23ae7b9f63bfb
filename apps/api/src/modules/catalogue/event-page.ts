import { readFile } from 'node:fs/promises';
import type { RequestHandler } from 'express';
import type { CatalogueService } from './catalogue.service';
import { withSocialPreview } from './social-preview';

/**
 * A page of the web app served with its preview tags in the head: index.html, changed by `render`
 * for what `load` finds under the route parameter `param`. Nothing found, or a failure, falls through
 * to the plain index.html (the app shows its own 404), so a preview can never break the page.
 */
export function createPreviewPageHandler<Found>(deps: {
  indexFile: string;
  param: string;
  load: (value: string) => Promise<Found>;
  render: (indexHtml: string, found: Found) => string;
}): RequestHandler {
  let indexHtml: Promise<string> | undefined;
  return async (req, res, next) => {
    const value = req.params[deps.param];
    if (typeof value !== 'string') return next();
    let html: string;
    let found: Found;
    try {
      html = await (indexHtml ??= readFile(deps.indexFile, 'utf8'));
    } catch {
      // Read again next time: the build may be being replaced.
      indexHtml = undefined;
      return next();
    }
    try {
      found = await deps.load(value);
    } catch {
      return next();
    }
    // The tags follow what they show (a new cover, a new name): revalidated on each visit.
    res.set('Cache-Control', 'no-cache').type('html').send(deps.render(html, found));
  };
}

/** GET /events/{idOrSlug} of the web app: its index.html with the event's Open Graph and Twitter tags. */
export function createEventPageHandler(deps: {
  catalogue: Pick<CatalogueService, 'getEvent'>;
  indexFile: string;
  publicUrl: string;
}): RequestHandler {
  return createPreviewPageHandler({
    indexFile: deps.indexFile,
    param: 'idOrSlug',
    load: (idOrSlug) => deps.catalogue.getEvent(idOrSlug),
    render: (html, event) =>
      withSocialPreview(html, event, `${deps.publicUrl}/events/${encodeURIComponent(event.slug)}`),
  });
}

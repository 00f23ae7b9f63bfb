import type { OrganizerPage } from '@zevents/contracts';
import type { RequestHandler } from 'express';
import { createPreviewPageHandler } from './event-page';
import type { OrganizerPageService } from './organizer-page.service';
import { largestFallback, metaTags, type PreviewTag, summarize, withPreview } from './social-preview';

function descriptionOf(page: OrganizerPage): string {
  if (page.description?.trim()) return summarize(page.description, { isMarkdown: false });
  const count = page.upcoming.length;
  return count === 0
    ? `Events by ${page.name} on Z-Events.`
    : `${count === 1 ? '1 upcoming event' : `${count} upcoming events`} by ${page.name} on Z-Events.`;
}

/**
 * Open Graph and Twitter card tags of an organizer page (crawlers run no JavaScript, so the
 * single-page app cannot set them itself). The logo is square: a small card, not a large one.
 */
export function organizerPreviewTags(page: OrganizerPage, pageUrl: string): string {
  const description = descriptionOf(page);
  const tags: PreviewTag[] = [
    ['property', 'og:type', 'profile'],
    ['property', 'og:site_name', 'Z-Events'],
    ['property', 'og:title', page.name],
    ['property', 'og:description', description],
    ['property', 'og:url', pageUrl],
    ['name', 'twitter:card', 'summary'],
    ['name', 'twitter:title', page.name],
    ['name', 'twitter:description', description],
  ];
  const logo = page.logo;
  const image = logo ? largestFallback(logo) : undefined;
  if (logo && image) {
    const alt = `Logo of ${page.name}`;
    tags.push(
      ['property', 'og:image', image.url],
      ['property', 'og:image:width', String(image.width)],
      ['property', 'og:image:height', String(Math.round((image.width * logo.height) / logo.width))],
      ['property', 'og:image:alt', alt],
      ['name', 'twitter:image', image.url],
      ['name', 'twitter:image:alt', alt],
    );
  }
  return metaTags(tags);
}

/** The app's index.html with the organization's title, description and preview tags in its head. */
export function withOrganizerPreview(indexHtml: string, page: OrganizerPage, pageUrl: string): string {
  return withPreview(indexHtml, {
    title: `${page.name} · Z-Events`,
    description: descriptionOf(page),
    tags: organizerPreviewTags(page, pageUrl),
  });
}

/** GET /o/{slug} of the web app: its index.html with the organization's Open Graph and Twitter tags. */
export function createOrganizerPageHandler(deps: {
  organizerPages: Pick<OrganizerPageService, 'getPage'>;
  indexFile: string;
  publicUrl: string;
}): RequestHandler {
  return createPreviewPageHandler({
    indexFile: deps.indexFile,
    param: 'slug',
    load: (slug) => deps.organizerPages.getPage(slug),
    render: (html, page) =>
      withOrganizerPreview(html, page, `${deps.publicUrl}/o/${encodeURIComponent(page.slug)}`),
  });
}

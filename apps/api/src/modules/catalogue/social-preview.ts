import type { ImageView, PublicEvent } from '@zevents/contracts';

const DESCRIPTION_MAX = 200;

/** For an HTML attribute or text: the five characters that could end it or start markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Plain text for a preview: line breaks and runs of spaces are noise in a link card, and so are
 * Markdown's marks in a text written in Markdown (an event's description; not an organization's).
 */
export function summarize(text: string, { isMarkdown = true }: { isMarkdown?: boolean } = {}): string {
  const unmarked = isMarkdown
    ? text
        .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
        .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/[#*_`>~]/g, '')
    : text;
  const plain = unmarked.replace(/\s+/g, ' ').trim();
  return plain.length > DESCRIPTION_MAX ? `${plain.slice(0, DESCRIPTION_MAX - 1).trimEnd()}…` : plain;
}

/** The largest fallback file (JPEG or PNG): every crawler shows those, few show WebP or AVIF. */
export function largestFallback(image: ImageView): { url: string; width: number } | undefined {
  const srcset = image.srcset.jpeg ?? image.srcset.png ?? '';
  const entries = srcset
    .split(', ')
    .map((entry) => {
      const [url = '', width = ''] = entry.split(' ');
      return { url, width: Number.parseInt(width, 10) };
    })
    .filter((entry) => entry.url && Number.isFinite(entry.width));
  return entries.sort((a, b) => b.width - a.width)[0];
}

function whenAndWhere(event: PublicEvent): string {
  const date = new Intl.DateTimeFormat('en', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: event.timezone,
  }).format(new Date(event.startsAt));
  return event.venue ? `${date} · ${event.venue}` : date;
}

/**
 * Open Graph and Twitter card tags of an event page, for link previews in chats and social networks
 * (their crawlers run no JavaScript, so the single-page app cannot set them itself).
 */
export function socialPreviewTags(event: PublicEvent, pageUrl: string): string {
  const title = event.status === 'cancelled' ? `Cancelled: ${event.title}` : event.title;
  const description = summarize(
    event.description ? `${whenAndWhere(event)}. ${event.description}` : whenAndWhere(event),
  );
  const tags: PreviewTag[] = [
    ['property', 'og:type', 'website'],
    ['property', 'og:site_name', event.organizationName],
    ['property', 'og:title', title],
    ['property', 'og:description', description],
    ['property', 'og:url', pageUrl],
    ['name', 'twitter:title', title],
    ['name', 'twitter:description', description],
  ];
  const cover = event.cover;
  const image = cover ? largestFallback(cover) : undefined;
  if (cover && image) {
    const height = Math.round((image.width * cover.height) / cover.width);
    tags.push(
      ['property', 'og:image', image.url],
      ['property', 'og:image:width', String(image.width)],
      ['property', 'og:image:height', String(height)],
      ['name', 'twitter:card', 'summary_large_image'],
      ['name', 'twitter:image', image.url],
    );
    if (cover.alt)
      tags.push(['property', 'og:image:alt', cover.alt], ['name', 'twitter:image:alt', cover.alt]);
  } else {
    tags.push(['name', 'twitter:card', 'summary']);
  }
  return metaTags(tags);
}

/** One Open Graph (`property`) or Twitter (`name`) meta tag: attribute, key, value. */
export type PreviewTag = [attribute: 'property' | 'name', key: string, value: string];

export function metaTags(tags: PreviewTag[]): string {
  return tags
    .map(([attribute, key, value]) => `<meta ${attribute}="${key}" content="${escapeHtml(value)}" />`)
    .join('\n    ');
}

/**
 * The app's index.html with a page's title, description and preview tags (`tags`, already HTML):
 * the page a browser gets is the same single-page app, and a crawler finds what to show in the head.
 */
export function withPreview(
  indexHtml: string,
  page: { title: string; description: string; tags: string },
): string {
  const title = escapeHtml(page.title);
  const description = escapeHtml(page.description);
  // Replacements are functions: a `$&` typed into a title must stay text, not a replacement pattern.
  return indexHtml
    .replace(/<title>[^<]*<\/title>/, () => `<title>${title}</title>`)
    .replace(
      /<meta name="description" content="[^"]*"\s*\/?>/,
      () => `<meta name="description" content="${description}" />`,
    )
    .replace('</head>', () => `  ${page.tags}\n  </head>`);
}

/** An event page's index.html: its title, description and preview tags. */
export function withSocialPreview(indexHtml: string, event: PublicEvent, pageUrl: string): string {
  return withPreview(indexHtml, {
    title: `${event.title} · Z-Events`,
    description: summarize(event.description ?? whenAndWhere(event)),
    tags: socialPreviewTags(event, pageUrl),
  });
}

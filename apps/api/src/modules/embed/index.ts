/**
 * Embed module: the embeddable checkout. `/embed.js` puts a "Buy tickets" button or an inline ticket
 * picker on a host page; the web app's /embed/* pages run in its iframe, framed only by the origins
 * the organization allows (organizations.embed_origins, edited through the organizations module).
 * Owns tables: none; reads those origins for the pages' headers.
 */
export { createEmbedPageHandlers, serveEmbedScript } from './embed-pages';
export { EMBED_SCRIPT } from './embed-script';
export { withFrameAncestors } from './embed-headers';

/**
 * Catalogue module: the public, read-only view of published events.
 * Owns tables: none; its repository reads published events, their ticket types and organizations.
 */
export { type CatalogueService, createCatalogueService } from './catalogue.service';
export { socialPreviewTags, withSocialPreview } from './social-preview';
export { createEventPageHandler } from './event-page';

/**
 * Catalogue module: the public, read-only view of published events and of organizer pages (/o/{slug}).
 * Owns tables: none; its repository reads published events, their ticket types and organizations.
 */
export { type CatalogueService, createCatalogueService } from './catalogue.service';
export { socialPreviewTags, withSocialPreview } from './social-preview';
export { createEventPageHandler } from './event-page';
export { createOrganizerPageService, type OrganizerPageService } from './organizer-page.service';
export { registerOrganizerPageRoutes } from './organizer-page.routes';
export { createOrganizerPageHandler } from './organizer-page.preview';

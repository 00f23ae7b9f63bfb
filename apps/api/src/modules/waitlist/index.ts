// The waitlist module: waiting lists of sold-out ticket types; offers (holds made through the
// orders module) given in turn by a job, exactly once. Owns tables: waitlist_entries.
export { createMakeOffersJob, MAKE_WAITLIST_OFFERS, startWaitlistOfferLoop } from './waitlist.jobs';
export { registerWaitlistRoutes } from './waitlist.routes';
export { authorizeWaitlistEntry, createWaitlistService, type WaitlistService } from './waitlist.service';
export { createWaitlistTokens, type WaitlistTokens } from './waitlist-tokens';

// The wallet module: the ticket as an Apple Wallet pass (signed .pkpass, updated through Apple's
// pass web service) and a "Save to Google Wallet" link. Owns tables: wallet_registrations,
// wallet_passes. Reads tickets, orders and events only through their modules.
export { createWalletService, type WalletService } from './wallet.service';
export { registerWalletRoutes } from './wallet.routes';
export { registerAppleWebServiceRoutes } from './apple-web-service.routes';
export { createPushPassUpdatesJob, queuePassUpdates } from './pass-updates';
export { PUSH_PASS_UPDATES } from './wallet.jobs';

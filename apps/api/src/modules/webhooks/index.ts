// The webhooks module: organizations' outgoing webhooks. What happens to orders, tickets and events
// is recorded by triggers of its migration (0027) in the transaction of the change; a dispatcher on
// the workers signs and sends each delivery, in order per resource, with retries for three days.
// Owns tables: webhooks, webhook_events, webhook_deliveries.
export { authorizeWebhook, createWebhooksService, type WebhooksService } from './webhooks.service';
export { registerWebhooksRoutes } from './webhooks.routes';
export {
  createWebhookDispatcher,
  startWebhookDispatcher,
  type WebhookDisabledNotice,
  type WebhookDispatcher,
} from './webhook-dispatcher';
export { signWebhookBody, SIGNATURE_HEADER } from './webhook-signature';
export { tellOwnersWhenDisabled } from './webhook-disabled-notice';
export { registerWebhookEventDocs, WEBHOOK_EVENT_EXAMPLES } from './webhook-event-docs';

/**
 * @zevents/client: a typed client of the Z-Events API (server side: it holds an API key and
 * verifies webhooks with node:crypto). The types come from openapi.json; `npm run client:generate`
 * at the repository root regenerates both from the API's routes.
 */
import type { components } from './schema';

export { createZEventsClient, type ZEventsClient, type ZEventsClientOptions } from './create-client';
export {
  constructWebhookEvent,
  DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  signWebhookPayload,
  verifyWebhookSignature,
  type VerifyWebhookSignatureInput,
  WEBHOOK_SIGNATURE_HEADER,
  type WebhookEvent,
  WebhookSignatureError,
  type WebhookSignatureErrorCode,
} from './webhook-signature';
export type { components, paths } from './schema';

/** The API's named schemas: `Schemas['Order']`, `Schemas['Event']`, `Schemas['Problem']`... */
export type Schemas = components['schemas'];

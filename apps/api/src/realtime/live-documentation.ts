import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { LiveAvailabilityMessage, LiveQueueMessage, LiveStatsMessage } from '@zevents/contracts';
import { z } from 'zod';

/**
 * The two WebSocket endpoints, documented in the OpenAPI document like the HTTP ones (the upgrade
 * itself is handled by the live hub, not by Express).
 */
export function registerLiveDocumentation(registry: OpenAPIRegistry): void {
  const eventId = z.object({ eventId: z.string() });
  registry.registerPath({
    method: 'get',
    path: '/api/events/{eventId}/live',
    summary: 'WebSocket: live dashboard figures (organizers and staff)',
    description:
      'Upgrade to a WebSocket (authenticated by the session cookie or a Bearer key). The server sends ' +
      '`{type:"stats", ...stats}` at once and within a second of any sale, refund, expiry or check-in; ' +
      'bursts are coalesced to a few messages per second. While the event has a waiting room on, also ' +
      '`{type:"queue", queueLength, admitted, admittedThrough, admitPerMinute, ...}` about once a second.',
    tags: ['Dashboard'],
    security: [{ session: [] }, { apiKey: [] }],
    request: { params: eventId },
    responses: {
      101: {
        description: 'Switching protocols; then messages of this shape',
        content: { 'application/json': { schema: z.union([LiveStatsMessage, LiveQueueMessage]) } },
      },
      401: { description: 'Not logged in' },
      404: { description: 'Unknown event, or not an organizer of it' },
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/public/events/{eventId}/live',
    summary: 'WebSocket: live availability of a public event (anonymous, read-only)',
    description:
      'Sends `{type:"availability", ticketTypes:[{id, available}]}` at once and whenever it changes; while the ' +
      'event has a waiting room on, also `{type:"queue", admittedThrough, queueLength, ...}` about once a ' +
      "second (a waiting visitor's position is their place - admittedThrough).",
    tags: ['Public catalogue'],
    security: [],
    request: { params: eventId },
    responses: {
      101: {
        description: 'Switching protocols; then messages of this shape',
        content: { 'application/json': { schema: z.union([LiveAvailabilityMessage, LiveQueueMessage]) } },
      },
      404: { description: 'Unknown or unpublished event' },
    },
  });
}

import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema';

export interface ZEventsClientOptions {
  /** Where the API is served, without `/api`: `https://tickets.example.com`. */
  baseUrl: string;
  /** An organization API key (`zev_...`), sent as `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** A fetch of your own (a proxy, retries, a test double); `globalThis.fetch` by default. */
  fetch?: (request: Request) => Promise<Response>;
}

/** Every path, method, parameter and body of the API, checked by TypeScript. */
export type ZEventsClient = Client<paths>;

/**
 * A client of the Z-Events API. Calls answer `{ data, error, response }`: `data` on a 2xx, `error`
 * (an RFC 9457 problem with a stable `code`) otherwise; they throw only when the network fails.
 */
export function createZEventsClient(options: ZEventsClientOptions): ZEventsClient {
  // An empty key is almost always an unset environment variable: say so here rather than as a 401 later.
  if (options.apiKey === '') throw new TypeError('createZEventsClient: apiKey is an empty string');
  return createClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.apiKey === undefined ? {} : { headers: { Authorization: `Bearer ${options.apiKey}` } }),
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
}

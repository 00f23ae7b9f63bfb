import http from 'node:http';
import https from 'node:https';
import { assertLiteralAddressAllowed, guardedLookup, WebhookAddressRefused } from './webhook-address-guard';
import { SIGNATURE_HEADER, signWebhookBody } from './webhook-signature';

/** How long an endpoint has to answer (connect, send and first bytes back). */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** The log keeps this much of an answer. */
export const RESPONSE_EXCERPT_BYTES = 1_024;

export interface DeliveryRequest {
  url: string;
  secret: string;
  body: string;
  headers: Record<string, string>;
  sentAt: Date;
}

export interface DeliveryOutcome {
  /** A 2xx answer: the endpoint has it. A redirect is not followed and counts as a failure. */
  isSuccess: boolean;
  status: number | null;
  durationMs: number;
  responseExcerpt: string | null;
  error: string | null;
}

/**
 * One attempt: a signed POST, no redirects followed, a hard timeout, only public addresses unless
 * the operator allows private ones. Never throws: every way it can go wrong is an outcome to log.
 */
export function sendWebhook(
  request: DeliveryRequest,
  options: { allowPrivate: boolean; timeoutMs?: number },
): Promise<DeliveryOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const failed = (error: string, status: number | null = null): DeliveryOutcome => ({
    isSuccess: false,
    status,
    durationMs: elapsed(),
    responseExcerpt: null,
    error,
  });
  let url: URL;
  try {
    url = new URL(request.url);
    assertLiteralAddressAllowed(url.hostname, options.allowPrivate);
  } catch (error) {
    return Promise.resolve(failed(error instanceof WebhookAddressRefused ? error.message : 'invalid URL'));
  }
  const transport = url.protocol === 'https:' ? https : http;
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  return new Promise((resolve) => {
    let isSettled = false;
    const settle = (outcome: DeliveryOutcome) => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(deadline);
      resolve(outcome);
    };
    const outgoing = transport.request(
      url,
      {
        method: 'POST',
        lookup: guardedLookup(options.allowPrivate),
        // A new connection each time: a pooled socket would skip the address check.
        agent: false,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(request.body),
          'User-Agent': 'Z-Events-Webhooks/1.0',
          [SIGNATURE_HEADER]: signWebhookBody(request.secret, request.body, request.sentAt),
          ...request.headers,
        },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let size = 0;
        const finish = () => {
          const excerpt = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8');
          const isSuccess = status >= 200 && status < 300;
          settle({
            isSuccess,
            status,
            durationMs: elapsed(),
            responseExcerpt: excerpt,
            error: isSuccess
              ? null
              : status >= 300 && status < 400
                ? `redirect to ${response.headers.location ?? '?'} (not followed)`
                : `answered ${status}`,
          });
          response.destroy();
        };
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          // Enough for the log: stop reading an endless answer.
          if (size >= RESPONSE_EXCERPT_BYTES) finish();
        });
        response.on('end', finish);
        response.on('error', finish);
      },
    );
    const deadline = setTimeout(() => {
      settle(failed(`no answer within ${timeoutMs / 1000} s`));
      outgoing.destroy();
    }, timeoutMs);
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      settle(
        failed(
          error instanceof WebhookAddressRefused
            ? error.message
            : `${error.code ?? 'error'}: ${error.message}`,
        ),
      );
    });
    outgoing.end(request.body);
  });
}

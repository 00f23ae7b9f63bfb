import type { WebhookDelivery } from '@zevents/contracts';

type Outcome = Pick<WebhookDelivery, 'status' | 'responseStatus' | 'durationMs' | 'error'>;

const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const DATE_TIME_SHORT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** When something happened, to the second: deliveries of one burst differ by seconds. */
export function formatDeliveryTime(iso: string): string {
  return DATE_TIME.format(new Date(iso));
}

/** A date for a sentence ("failing since …"), to the minute. */
export function formatWhen(iso: string): string {
  return DATE_TIME_SHORT.format(new Date(iso));
}

/** "HTTP 200", or "No answer" when the request never got one (timeout, refused address). */
export function responseLabel(responseStatus: number | null): string {
  return responseStatus === null ? 'No answer' : `HTTP ${responseStatus}`;
}

/** "45 ms", "2.3 s"; a dash before the first attempt. */
export function durationLabel(durationMs: number | null): string {
  if (durationMs === null) return '—';
  return durationMs < 1_000 ? `${durationMs} ms` : `${(durationMs / 1_000).toFixed(1)} s`;
}

/** One line on how an attempt went: "HTTP 200 in 45 ms", "No answer after 10.0 s: timeout". */
export function outcomeLine(delivery: Outcome): string {
  if (delivery.durationMs === null && delivery.responseStatus === null && !delivery.error)
    return 'Not attempted yet';
  const answer =
    delivery.responseStatus === null
      ? `No answer after ${durationLabel(delivery.durationMs)}`
      : `${responseLabel(delivery.responseStatus)} in ${durationLabel(delivery.durationMs)}`;
  // "answered 500" says nothing the status code does not.
  const isNews = delivery.error && delivery.error !== `answered ${delivery.responseStatus}`;
  return isNews ? `${answer}: ${delivery.error}` : answer;
}

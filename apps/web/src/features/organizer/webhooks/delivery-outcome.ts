import type { WebhookDelivery } from '@zevents/contracts';
import { formatCount } from '../../../components/ui/money';
import { currentIntlLocale, i18n } from '../../../i18n/i18n';

type Outcome = Pick<WebhookDelivery, 'status' | 'responseStatus' | 'durationMs' | 'error'>;

/** When something happened, to the second: deliveries of one burst differ by seconds. */
export function formatDeliveryTime(iso: string): string {
  return new Intl.DateTimeFormat(currentIntlLocale(), { dateStyle: 'medium', timeStyle: 'medium' }).format(
    new Date(iso),
  );
}

/** A date for a sentence ("failing since …"), to the minute. */
export function formatWhen(iso: string): string {
  return new Intl.DateTimeFormat(currentIntlLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

/** "HTTP 200", or "No answer" when the request never got one (timeout, refused address). */
export function responseLabel(responseStatus: number | null): string {
  return responseStatus === null
    ? i18n.t('web.org.settings.webhooks.delivery.noAnswer')
    : i18n.t('web.org.settings.webhooks.delivery.http', { status: responseStatus });
}

/** "45 ms", "2.3 s" ("2,3 s" in German); a dash before the first attempt. */
export function durationLabel(durationMs: number | null): string {
  if (durationMs === null) return '—';
  if (durationMs < 1_000) return `${formatCount(durationMs)} ms`;
  const seconds = new Intl.NumberFormat(currentIntlLocale(), {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(durationMs / 1_000);
  return `${seconds} s`;
}

/** One line on how an attempt went: "HTTP 200 in 45 ms", "No answer after 10.0 s: timeout". */
export function outcomeLine(delivery: Outcome): string {
  if (delivery.durationMs === null && delivery.responseStatus === null && !delivery.error)
    return i18n.t('web.org.settings.webhooks.delivery.notAttempted');
  const answer =
    delivery.responseStatus === null
      ? i18n.t('web.org.settings.webhooks.delivery.noAnswerAfter', {
          duration: durationLabel(delivery.durationMs),
        })
      : i18n.t('web.org.settings.webhooks.delivery.answeredIn', {
          response: responseLabel(delivery.responseStatus),
          duration: durationLabel(delivery.durationMs),
        });
  // "answered 500" says nothing the status code does not.
  const isNews = delivery.error && delivery.error !== `answered ${delivery.responseStatus}`;
  return isNews
    ? i18n.t('web.org.settings.webhooks.delivery.withError', { answer, error: delivery.error })
    : answer;
}

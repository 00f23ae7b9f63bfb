import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '@zevents/contracts';
import { i18n } from '../../../i18n/i18n';

/**
 * What each event type tells a receiver, in the words of the API reference, shortened for a form.
 * Getters, so each read is in the language chosen at that moment.
 */
export const EVENT_TYPE_DESCRIPTIONS: Record<WebhookEventType, string> = {
  get 'order.created'() {
    return i18n.t('web.org.settings.webhooks.eventTypes.orderCreated');
  },
  get 'order.paid'() {
    return i18n.t('web.org.settings.webhooks.eventTypes.orderPaid');
  },
  get 'order.refunded'() {
    return i18n.t('web.org.settings.webhooks.eventTypes.orderRefunded');
  },
  get 'order.cancelled'() {
    return i18n.t('web.org.settings.webhooks.eventTypes.orderCancelled');
  },
  get 'order.expired'() {
    return i18n.t('web.org.settings.webhooks.eventTypes.orderExpired');
  },
  get 'ticket.checked_in'() {
    return i18n.t('web.org.settings.webhooks.eventTypes.ticketCheckedIn');
  },
  get 'ticket.transferred'() {
    return i18n.t('web.org.settings.webhooks.eventTypes.ticketTransferred');
  },
  get 'event.published'() {
    return i18n.t('web.org.settings.webhooks.eventTypes.eventPublished');
  },
  get 'event.cancelled'() {
    return i18n.t('web.org.settings.webhooks.eventTypes.eventCancelled');
  },
  get 'event.updated'() {
    return i18n.t('web.org.settings.webhooks.eventTypes.eventUpdated');
  },
};

/** Every type, in the order the API lists them (orders, tickets, events). */
export const ALL_EVENT_TYPES: readonly WebhookEventType[] = WEBHOOK_EVENT_TYPES;

/** The chosen types in the API's order, whatever order they were ticked in. */
export function inCanonicalOrder(types: readonly string[]): WebhookEventType[] {
  return ALL_EVENT_TYPES.filter((type) => types.includes(type));
}

import type { StripeError } from '@stripe/stripe-js';
import { i18n } from '../../i18n/i18n';
import type { PayProblem } from './pay-errors';

const t = (key: string) => i18n.t(key);

/**
 * What an error from Stripe.js means for the buyer. Card and validation messages come from Stripe
 * already worded for buyers (and translated), so they are shown as they are; the rest get our words.
 * Every case says that the tickets are still held, because nothing was charged.
 */
export function describeStripeError(error: Pick<StripeError, 'type' | 'code' | 'message'>): PayProblem {
  switch (error.type) {
    case 'card_error':
      return error.code === 'card_declined' || error.code === 'expired_card' || error.code === 'incorrect_cvc'
        ? {
            title: t('web.checkout.stripeError.declinedTitle'),
            message: `${error.message ?? t('web.checkout.stripeError.declinedDefault')} ${t('web.checkout.stripeError.declinedNext')}`,
          }
        : {
            title: t('web.checkout.stripeError.notChargedTitle'),
            message: `${error.message ?? t('web.checkout.stripeError.notChargedDefault')} ${t('web.checkout.stripeError.notChargedNext')}`,
          };
    case 'validation_error':
      return {
        title: t('web.checkout.stripeError.checkDetailsTitle'),
        message: error.message ?? t('web.checkout.stripeError.checkDetailsDefault'),
      };
    case 'api_connection_error':
      return {
        title: t('web.checkout.stripeError.connectionTitle'),
        message: t('web.checkout.stripeError.connectionBody'),
      };
    case 'rate_limit_error':
      return {
        title: t('web.checkout.payError.rateLimitedTitle'),
        message: t('web.checkout.payError.rateLimitedBody'),
      };
    default:
      return {
        title: t('web.checkout.payError.otherTitle'),
        message: `${error.message ?? t('web.checkout.stripeError.otherDefault')} ${t('web.checkout.stripeError.otherNext')}`,
      };
  }
}

/**
 * After a redirect-based confirmation (3-D Secure, bank apps) Stripe sends the buyer back to the
 * checkout with `redirect_status`. Returns how the page should continue, or null when it is a plain visit.
 */
export function readStripeReturn(search: URLSearchParams): 'confirming' | PayProblem | null {
  if (!search.has('payment_intent_client_secret')) return null;
  const status = search.get('redirect_status');
  if (status === 'succeeded' || status === 'processing') return 'confirming';
  return {
    title: t('web.checkout.stripeError.notApprovedTitle'),
    message: t('web.checkout.stripeError.notApprovedBody'),
  };
}

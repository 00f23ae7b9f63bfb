import type { StripeError } from '@stripe/stripe-js';
import type { PayProblem } from './pay-errors';

/**
 * What an error from Stripe.js means for the buyer. Card and validation messages come from Stripe
 * already worded for buyers (and translated), so they are shown as they are; the rest get our words.
 * Every case says that the tickets are still held, because nothing was charged.
 */
export function describeStripeError(error: Pick<StripeError, 'type' | 'code' | 'message'>): PayProblem {
  const stillHeld = 'Your tickets are still held';
  switch (error.type) {
    case 'card_error':
      return error.code === 'card_declined' || error.code === 'expired_card' || error.code === 'incorrect_cvc'
        ? {
            title: 'Card declined',
            message: `${error.message ?? 'Your card was declined.'} ${stillHeld} — try another card.`,
          }
        : {
            title: 'The card could not be charged',
            message: `${error.message ?? 'Your bank refused the payment.'} ${stillHeld} — try again or use another card.`,
          };
    case 'validation_error':
      return {
        title: 'Check your card details',
        message: error.message ?? 'Some card details are missing or incomplete.',
      };
    case 'api_connection_error':
      return {
        title: 'We could not reach Stripe',
        message: `Check your connection and press Pay again — you will not be charged twice. ${stillHeld}.`,
      };
    case 'rate_limit_error':
      return { title: 'Too many attempts', message: 'Wait a minute, then press Pay again.' };
    default:
      return {
        title: 'The payment did not go through',
        message: `${error.message ?? 'Stripe could not process the payment.'} ${stillHeld}; try again in a moment.`,
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
    title: 'The payment was not approved',
    message:
      'Your bank did not confirm the payment, so nothing was charged. Your tickets are still held — try again or use another card.',
  };
}

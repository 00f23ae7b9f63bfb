import { ApiError } from '../../api/client';

export interface PayProblem {
  title: string;
  message: string;
  /** The hold is gone: the page should switch to its "expired" state. */
  isHoldExpired?: boolean;
}

/** What a failed payment means for the buyer, and what to do next. */
export function describePayError(error: unknown): PayProblem {
  if (!(error instanceof ApiError)) {
    return {
      title: 'We could not reach the server',
      message: 'Check your connection and press Pay again — you will not be charged twice.',
    };
  }
  switch (error.code) {
    case 'PAYMENT_DECLINED':
      return {
        title: 'Card declined',
        message: 'Your card was declined. Your tickets are still held — try another card.',
      };
    case 'HOLD_EXPIRED':
      return {
        title: 'Your hold expired',
        message: 'The time to pay ran out and the tickets went back on sale. You were not charged.',
        isHoldExpired: true,
      };
    case 'ORDER_NOT_PAYABLE':
      return {
        title: 'This order cannot be paid any more',
        message:
          'It was already paid or cancelled, perhaps in another tab. We are loading its current state.',
      };
    case 'DETAILS_REQUIRED':
      return {
        title: 'Some details are missing',
        message: 'Answer the required questions in “Your details” first. Nothing was charged.',
      };
    case 'PAYMENT_PROVIDER_ERROR':
      return {
        title: 'The payment service did not answer',
        message: 'You were not charged. Wait a moment, then press Pay again.',
      };
    case 'VALIDATION_FAILED':
      return { title: 'Check the card number', message: 'Enter the card number as printed on the card.' };
    case 'RATE_LIMITED':
      return { title: 'Too many attempts', message: 'Wait a minute, then press Pay again.' };
    case 'IDEMPOTENCY_CONFLICT':
    case 'REQUEST_IN_PROGRESS':
      return {
        title: 'Your last payment attempt is still being processed',
        message: 'Wait a few seconds, then reload the page to see whether it went through.',
      };
    default:
      return { title: 'The payment did not go through', message: `${error.message}. Try again in a moment.` };
  }
}

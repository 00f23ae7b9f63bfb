import { ApiError } from '../../api/client';
import { i18n } from '../../i18n/i18n';

const t = (key: string, values?: Record<string, string>) => i18n.t(key, values);

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
      title: t('web.checkout.payError.networkTitle'),
      message: t('web.checkout.payError.networkBody'),
    };
  }
  switch (error.code) {
    case 'PAYMENT_DECLINED':
      return {
        title: t('web.checkout.payError.declinedTitle'),
        message: t('web.checkout.payError.declinedBody'),
      };
    case 'HOLD_EXPIRED':
      return {
        title: t('web.checkout.payError.holdExpiredTitle'),
        message: t('web.checkout.payError.holdExpiredBody'),
        isHoldExpired: true,
      };
    case 'ORDER_NOT_PAYABLE':
      return {
        title: t('web.checkout.payError.notPayableTitle'),
        message: t('web.checkout.payError.notPayableBody'),
      };
    case 'DETAILS_REQUIRED':
      return {
        title: t('web.checkout.payError.detailsTitle'),
        message: t('web.checkout.payError.detailsBody'),
      };
    case 'PAYMENT_PROVIDER_ERROR':
      return {
        title: t('web.checkout.payError.providerTitle'),
        message: t('web.checkout.payError.providerBody'),
      };
    case 'VALIDATION_FAILED':
      return {
        title: t('web.checkout.payError.validationTitle'),
        message: t('web.checkout.payError.validationBody'),
      };
    case 'RATE_LIMITED':
      return {
        title: t('web.checkout.payError.rateLimitedTitle'),
        message: t('web.checkout.payError.rateLimitedBody'),
      };
    case 'IDEMPOTENCY_CONFLICT':
    case 'REQUEST_IN_PROGRESS':
      return {
        title: t('web.checkout.payError.inProgressTitle'),
        message: t('web.checkout.payError.inProgressBody'),
      };
    default:
      return {
        title: t('web.checkout.payError.otherTitle'),
        message: t('web.checkout.payError.otherBody', { message: error.message }),
      };
  }
}

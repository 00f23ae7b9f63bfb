import { ApiError } from '../../api/client';
import { i18n } from '../../i18n/i18n';

/** Problems are made outside components: they translate through the app's instance, in its language now. */
const t = (key: string, values?: Record<string, string | number>) => i18n.t(key, values);

export interface JoinProblem {
  title: string;
  message: string;
  /** The type has tickets again: the page should fetch the event anew so the buyer can buy. */
  shouldRefetch: boolean;
}

/** Turns a failed join into words for the buyer, naming the ticket type where it helps. */
export function describeJoinError(error: unknown, ticketTypeName: string, email: string): JoinProblem {
  if (!(error instanceof ApiError)) {
    return {
      title: t('web.store.joinError.network'),
      message: t('web.store.joinError.networkDetail'),
      shouldRefetch: false,
    };
  }
  switch (error.code) {
    case 'ALREADY_ON_WAITLIST':
      return {
        title: t('web.store.joinError.already'),
        message: t('web.store.joinError.alreadyDetail', { email, name: ticketTypeName }),
        shouldRefetch: false,
      };
    case 'TICKETS_AVAILABLE':
      return {
        title: t('web.store.joinError.available'),
        message: t('web.store.joinError.availableDetail', { name: ticketTypeName }),
        shouldRefetch: true,
      };
    case 'WAITLIST_CLOSED':
      return {
        title: t('web.store.joinError.closed'),
        message: t('web.store.joinError.closedDetail', { name: ticketTypeName }),
        shouldRefetch: true,
      };
    case 'QUANTITY_OUT_OF_RANGE':
      return {
        title: t('web.store.reserveError.quantity'),
        message: t('web.store.joinError.quantityDetail', { message: error.message }),
        shouldRefetch: false,
      };
    case 'VALIDATION_FAILED':
      return {
        title: t('web.store.reserveError.validation'),
        message: t('web.store.joinError.validationDetail'),
        shouldRefetch: false,
      };
    case 'RATE_LIMITED':
      return {
        title: t('web.store.reserveError.rateLimited'),
        message: t('web.store.joinError.rateLimitedDetail'),
        shouldRefetch: false,
      };
    default:
      return {
        title: t('web.store.joinError.other'),
        message: t('web.store.reserveError.otherDetail', { message: error.message }),
        shouldRefetch: false,
      };
  }
}

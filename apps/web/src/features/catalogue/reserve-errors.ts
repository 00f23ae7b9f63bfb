import type { PublicTicketType } from '@zevents/contracts';
import { ApiError } from '../../api/client';
import { i18n } from '../../i18n/i18n';

/** Problems are made outside components: they translate through the app's instance, in its language now. */
const t = (key: string, values?: Record<string, string | number>) => i18n.t(key, values);

export interface ReserveProblem {
  title: string;
  /** What happened and what the buyer can do next. */
  message: string;
  /** Problems to show on a ticket type's card, by ticket type id. */
  ticketErrors: Record<string, string>;
  /** SOLD_OUT: what is left of each requested type, to lower the quantities at once. */
  remaining?: Remaining[];
  /** The date chosen is no longer sold (it ended or was removed): the page should load the dates again. */
  isDateStale?: boolean;
}

export interface Remaining {
  ticketTypeId: string;
  available: number;
}

function readRemaining(error: ApiError): Remaining[] {
  const remaining = error.problem.remaining;
  if (!Array.isArray(remaining)) return [];
  return remaining.filter(
    (entry): entry is Remaining =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as Remaining).ticketTypeId === 'string' &&
      typeof (entry as Remaining).available === 'number',
  );
}

/** `items.1.quantity` -> the ticket type id of the second item sent. */
function ticketErrorsFrom(error: ApiError, items: Array<{ ticketTypeId: string }>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const problem of error.fieldErrors) {
    const match = /^items\.(\d+)\./.exec(problem.path);
    const item = match ? items[Number(match[1])] : undefined;
    if (item) errors[item.ticketTypeId] = problem.message.charAt(0).toUpperCase() + problem.message.slice(1);
  }
  return errors;
}

/**
 * Turns a failed reservation into words for the buyer: what went wrong and what to do now. Buyer
 * and promo code field errors are put on the form by the caller; this covers the rest.
 */
export function describeReserveError(
  error: unknown,
  items: Array<{ ticketTypeId: string }>,
  types: Array<Pick<PublicTicketType, 'id' | 'name'>>,
): ReserveProblem {
  if (!(error instanceof ApiError)) {
    return {
      title: t('web.store.reserveError.network'),
      message: t('web.store.reserveError.networkDetail'),
      ticketErrors: {},
    };
  }
  const nameOf = (id: string) =>
    types.find((type) => type.id === id)?.name ?? t('web.store.reserveError.aTicketType');
  const ticketErrors = ticketErrorsFrom(error, items);

  switch (error.code) {
    case 'SOLD_OUT': {
      const remaining = readRemaining(error);
      for (const entry of remaining) {
        ticketErrors[entry.ticketTypeId] =
          entry.available === 0
            ? t('web.store.reserveError.soldOut')
            : t('web.store.reserveError.onlyLeftLowered', { count: entry.available });
      }
      const parts = remaining.map((entry) =>
        entry.available === 0
          ? t('web.store.reserveError.typeSoldOut', { name: nameOf(entry.ticketTypeId) })
          : t('web.store.reserveError.typeOnlyLeft', {
              name: nameOf(entry.ticketTypeId),
              count: entry.available,
            }),
      );
      return {
        title: t('web.store.reserveError.notEnough'),
        message:
          parts.length > 0
            ? t('web.store.reserveError.notEnoughDetailParts', { parts: parts.join('; ') })
            : t('web.store.reserveError.notEnoughDetail'),
        ticketErrors,
        remaining,
      };
    }
    case 'SALES_CLOSED':
      return {
        title: t('web.store.reserveError.salesClosed'),
        message: t('web.store.reserveError.salesClosedDetail', { message: error.message }),
        ticketErrors,
      };
    case 'QUANTITY_OUT_OF_RANGE':
      return {
        title: t('web.store.reserveError.quantity'),
        message: t('web.store.reserveError.quantityDetail', { message: error.message }),
        ticketErrors,
      };
    case 'PROMO_CODE_INVALID':
      return {
        title: t('web.store.reserveError.promo'),
        message: t('web.store.reserveError.promoDetail', { message: error.message }),
        ticketErrors,
      };
    case 'EVENT_NOT_ON_SALE':
      return {
        title: t('web.store.reserveError.notOnSale'),
        message: t('web.store.reserveError.notOnSaleDetail', { message: error.message }),
        ticketErrors,
        // On an event with dates, it is the chosen date that is over: the page drops it on reload.
        isDateStale: true,
      };
    case 'DATE_REQUIRED':
      return {
        title: t('web.store.reserveError.dateRequired'),
        message: t('web.store.reserveError.dateRequiredDetail'),
        ticketErrors,
      };
    case 'DATE_NOT_IN_EVENT':
      return {
        title: t('web.store.reserveError.dateGone'),
        message: t('web.store.reserveError.dateGoneDetail'),
        ticketErrors,
        isDateStale: true,
      };
    case 'TICKET_TYPE_NOT_IN_EVENT':
    case 'NOT_FOUND':
      return {
        title: t('web.store.reserveError.outOfDate'),
        message: t('web.store.reserveError.outOfDateDetail'),
        ticketErrors,
      };
    case 'VALIDATION_FAILED':
      return {
        title: t('web.store.reserveError.validation'),
        message: t('web.store.reserveError.validationDetail'),
        ticketErrors,
      };
    case 'BUYER_LIMIT_REACHED': {
      const left = error.problem.ticketsLeftForBuyer;
      return {
        title: t('web.store.reserveError.buyerLimit'),
        message:
          typeof left === 'number' && left > 0
            ? t('web.store.reserveError.buyerLimitLeft', { message: error.message, count: left })
            : t('web.store.reserveError.buyerLimitDetail', { message: error.message }),
        ticketErrors,
      };
    }
    case 'WAITING_ROOM_PASS_REQUIRED':
      return {
        title: t('web.store.reserveError.passRequired'),
        message: t('web.store.reserveError.passRequiredDetail'),
        ticketErrors,
      };
    case 'RATE_LIMITED':
      return {
        title: t('web.store.reserveError.rateLimited'),
        message: t('web.store.reserveError.rateLimitedDetail'),
        ticketErrors,
      };
    case 'IDEMPOTENCY_CONFLICT':
    case 'REQUEST_IN_PROGRESS':
      return {
        title: t('web.store.reserveError.inProgress'),
        message: t('web.store.reserveError.inProgressDetail'),
        ticketErrors,
      };
    default:
      return {
        title: t('web.store.reserveError.other'),
        message: t('web.store.reserveError.otherDetail', { message: error.message }),
        ticketErrors,
      };
  }
}

import type { PublicTicketType } from '@zevents/contracts';
import { ApiError } from '../../api/client';

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
      title: 'We could not reach the server',
      message: 'Nothing was reserved. Check your connection and press Reserve again.',
      ticketErrors: {},
    };
  }
  const nameOf = (id: string) => types.find((type) => type.id === id)?.name ?? 'A ticket type';
  const ticketErrors = ticketErrorsFrom(error, items);

  switch (error.code) {
    case 'SOLD_OUT': {
      const remaining = readRemaining(error);
      for (const entry of remaining) {
        ticketErrors[entry.ticketTypeId] =
          entry.available === 0 ? 'Sold out' : `Only ${entry.available} left — we lowered your quantity`;
      }
      const parts = remaining.map((entry) =>
        entry.available === 0
          ? `${nameOf(entry.ticketTypeId)} is sold out`
          : `${nameOf(entry.ticketTypeId)} has only ${entry.available} left`,
      );
      return {
        title: 'Not enough tickets left',
        message: `${parts.length > 0 ? `${parts.join('; ')}. ` : ''}Someone was faster. Check the quantities or pick another ticket type, then reserve again.`,
        ticketErrors,
        remaining,
      };
    }
    case 'SALES_CLOSED':
      return {
        title: 'Sales are closed for this ticket',
        message: `${error.message}. Choose another ticket type to continue.`,
        ticketErrors,
      };
    case 'QUANTITY_OUT_OF_RANGE':
      return {
        title: 'Check the quantity',
        message: `${error.message}. Adjust the quantity and reserve again.`,
        ticketErrors,
      };
    case 'PROMO_CODE_INVALID':
      return {
        title: 'This promo code does not work',
        message: `${error.message}. Check the spelling, or clear the code to buy at the full price.`,
        ticketErrors,
      };
    case 'EVENT_NOT_ON_SALE':
      return {
        title: 'This event is not on sale',
        message: `${error.message}. Browse other events on the home page.`,
        ticketErrors,
        // On an event with dates, it is the chosen date that is over: the page drops it on reload.
        isDateStale: true,
      };
    case 'DATE_REQUIRED':
      return {
        title: 'Choose a date first',
        message: 'This event runs on several dates. Pick yours above, then reserve again.',
        ticketErrors,
      };
    case 'DATE_NOT_IN_EVENT':
      return {
        title: 'This date is no longer on sale',
        message: 'The dates have changed. Pick a date from the list above, then reserve again.',
        ticketErrors,
        isDateStale: true,
      };
    case 'TICKET_TYPE_NOT_IN_EVENT':
    case 'NOT_FOUND':
      return {
        title: 'This page is out of date',
        message: 'The tickets on sale have changed. Reload the page and choose again.',
        ticketErrors,
      };
    case 'VALIDATION_FAILED':
      return {
        title: 'Check your details',
        message: 'Some fields need a fix — they are marked below.',
        ticketErrors,
      };
    case 'BUYER_LIMIT_REACHED': {
      const left = error.problem.ticketsLeftForBuyer;
      return {
        title: 'Ticket limit per buyer reached',
        message:
          typeof left === 'number' && left > 0
            ? `${error.message}. Lower your quantities to ${left} in all and reserve again.`
            : `${error.message}. Orders you already hold or bought with this email count towards it.`,
        ticketErrors,
      };
    }
    case 'WAITING_ROOM_PASS_REQUIRED':
      return {
        title: 'Your place in the queue is needed',
        message: 'Your pass to buy has expired or is missing. Join the queue again to get a new one.',
        ticketErrors,
      };
    case 'RATE_LIMITED':
      return {
        title: 'Too many attempts',
        message: 'Wait a minute, then press Reserve again.',
        ticketErrors,
      };
    case 'IDEMPOTENCY_CONFLICT':
    case 'REQUEST_IN_PROGRESS':
      return {
        title: 'Your last attempt is still being processed',
        message: 'Wait a few seconds, then press Reserve again.',
        ticketErrors,
      };
    default:
      return {
        title: 'Your tickets could not be reserved',
        message: `${error.message}. Try again in a moment.`,
        ticketErrors,
      };
  }
}

import { ApiError } from '../../api/client';

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
      title: 'We could not reach the server',
      message: 'You are not on the list yet. Check your connection and try again.',
      shouldRefetch: false,
    };
  }
  switch (error.code) {
    case 'ALREADY_ON_WAITLIST':
      return {
        title: 'Already on the list',
        message: `This email (${email}) is already on the waiting list for ${ticketTypeName}. We'll email you if tickets come back.`,
        shouldRefetch: false,
      };
    case 'TICKETS_AVAILABLE':
      return {
        title: 'Tickets are available again — buy them now',
        message: `${ticketTypeName} has tickets again. Choose your quantity above and reserve.`,
        shouldRefetch: true,
      };
    case 'WAITLIST_CLOSED':
      return {
        title: 'The waiting list is closed',
        message: `The organizer no longer takes names for ${ticketTypeName}.`,
        shouldRefetch: true,
      };
    case 'QUANTITY_OUT_OF_RANGE':
      return {
        title: 'Check the quantity',
        message: `${error.message}. Adjust the number of tickets and try again.`,
        shouldRefetch: false,
      };
    case 'VALIDATION_FAILED':
      return {
        title: 'Check your details',
        message: 'Some fields need a fix — they are marked above.',
        shouldRefetch: false,
      };
    case 'RATE_LIMITED':
      return { title: 'Too many attempts', message: 'Wait a minute, then try again.', shouldRefetch: false };
    default:
      return {
        title: 'You could not join the waiting list',
        message: `${error.message}. Try again in a moment.`,
        shouldRefetch: false,
      };
  }
}

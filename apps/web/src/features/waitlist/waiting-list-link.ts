import type { WaitingListLinkAction } from '../../api/useWaitingListLink';
import { ApiError } from '../../api/client';

/** The words of the page for each action an emailed link can ask for. */
export const LINK_COPY: Record<
  WaitingListLinkAction,
  { title: string; explanation: string; confirm: string; done: string; doneDetail: string }
> = {
  leave: {
    title: 'Leave the waiting list',
    explanation:
      'You will lose your place in line. If tickets are being held for you, they go to the next person.',
    confirm: 'Leave the waiting list',
    done: 'You left the waiting list',
    doneDetail: 'We will not email you about these tickets again.',
  },
  decline: {
    title: 'Decline the offer',
    explanation: 'The tickets held for you are released and offered to the next person in line.',
    confirm: 'Decline the offer',
    done: 'Offer declined: the tickets go to the next person',
    doneDetail: 'Thank you for letting someone else go.',
  },
};

/** `?action=` from the link; anything else is not a link we sent. */
export function readLinkAction(value: string | null): WaitingListLinkAction | null {
  return value === 'leave' || value === 'decline' ? value : null;
}

/** Why the action failed, in words for the person who clicked the link. */
export function describeLinkError(error: unknown): string {
  if (!(error instanceof ApiError))
    return 'We could not reach the server. Check your connection and try again.';
  if (error.status === 404) return 'This link is no longer valid.';
  // 409 on decline: the offer was paid, expired or withdrawn since the email was sent.
  if (error.code === 'ORDER_NOT_CANCELLABLE') return 'There is no open offer to decline any more.';
  if (error.code === 'RATE_LIMITED') return 'Too many attempts. Wait a minute, then try again.';
  return `${error.message}. Try again in a moment.`;
}

import type { WaitingListLinkAction } from '../../api/useWaitingListLink';
import { ApiError } from '../../api/client';
import { i18n } from '../../i18n/i18n';

export interface LinkCopy {
  title: string;
  explanation: string;
  confirm: string;
  done: string;
  doneDetail: string;
}

/** The words of the page for each action an emailed link can ask for, in the page's language now. */
export function linkCopy(action: WaitingListLinkAction): LinkCopy {
  const t = (key: string) => i18n.t(key);
  return action === 'leave'
    ? {
        title: t('web.waitlistLink.leave.title'),
        explanation: t('web.waitlistLink.leave.explanation'),
        confirm: t('web.waitlistLink.leave.title'),
        done: t('web.waitlistLink.leave.done'),
        doneDetail: t('web.waitlistLink.leave.doneDetail'),
      }
    : {
        title: t('web.waitlistLink.decline.title'),
        explanation: t('web.waitlistLink.decline.explanation'),
        confirm: t('web.waitlistLink.decline.title'),
        done: t('web.waitlistLink.decline.done'),
        doneDetail: t('web.waitlistLink.decline.doneDetail'),
      };
}

/** `?action=` from the link; anything else is not a link we sent. */
export function readLinkAction(value: string | null): WaitingListLinkAction | null {
  return value === 'leave' || value === 'decline' ? value : null;
}

/** Why the action failed, in words for the person who clicked the link. */
export function describeLinkError(error: unknown): string {
  if (!(error instanceof ApiError)) return i18n.t('web.waitlistLink.errors.network');
  if (error.status === 404) return i18n.t('web.waitlistLink.errors.gone');
  // 409 on decline: the offer was paid, expired or withdrawn since the email was sent.
  if (error.code === 'ORDER_NOT_CANCELLABLE') return i18n.t('web.waitlistLink.errors.noOffer');
  if (error.code === 'RATE_LIMITED') return i18n.t('web.waitlistLink.errors.rateLimited');
  return i18n.t('web.waitlistLink.errors.other', { message: error.message });
}

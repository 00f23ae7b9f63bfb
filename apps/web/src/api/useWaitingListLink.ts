import { useMutation } from '@tanstack/react-query';
import { api } from './client';

/** What the link in a waiting-list email asks for. */
export type WaitingListLinkAction = 'leave' | 'decline';

function linkPath(entryId: string, token: string | null, suffix = ''): string {
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return `/api/public/waiting-list/${encodeURIComponent(entryId)}${suffix}${query}`;
}

/**
 * Leaves the waiting list or declines an offer, for the holder of the emailed link. The token in the
 * link is the only proof of who they are, so it goes with every call.
 */
export function useWaitingListLink(entryId: string, token: string | null) {
  return useMutation({
    mutationFn: (action: WaitingListLinkAction) =>
      action === 'leave'
        ? api<void>(linkPath(entryId, token), { method: 'DELETE' })
        : api<void>(linkPath(entryId, token, '/decline'), { method: 'POST' }),
  });
}

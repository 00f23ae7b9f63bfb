import type { GoogleWalletSaveLink } from '@zevents/contracts';
import { useMutation } from '@tanstack/react-query';
import { api } from './client';
import { googleWalletPath } from './useWalletConfig';

/**
 * Asks for the ticket's signed "Save to Google Wallet" link, then opens it. Fetched on the click, not
 * with the page: the link carries the ticket's QR and needs no caching.
 */
export function useGoogleWalletLink(ticketId: string, token: string | null) {
  return useMutation({
    mutationFn: () => api<GoogleWalletSaveLink>(googleWalletPath(ticketId, token)),
    onSuccess: ({ url }) => window.location.assign(url),
  });
}

import type { WalletConfig } from '@zevents/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';

const walletPath = (ticketId: string, token: string | null, suffix: string) =>
  `/api/tickets/${encodeURIComponent(ticketId)}${suffix}${token ? `?token=${encodeURIComponent(token)}` : ''}`;

/** The ticket as an Apple Wallet pass: a plain link, Safari on an iPhone offers to add it. */
export const applePassPath = (ticketId: string, token: string | null) =>
  walletPath(ticketId, token, '/pass.pkpass');

export const googleWalletPath = (ticketId: string, token: string | null) =>
  walletPath(ticketId, token, '/google-wallet');

/** Which wallets this server can put tickets in; fixed for the server's life. */
export function useWalletConfig() {
  return useQuery({
    queryKey: ['wallet-config'],
    queryFn: ({ signal }) => api<WalletConfig>('/api/public/wallet-config', { signal }),
    staleTime: Infinity,
  });
}

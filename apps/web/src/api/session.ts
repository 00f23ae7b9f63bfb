import type { MeResponse } from '@zevents/contracts';
import { useQuery } from '@tanstack/react-query';
import { api, ApiError } from './client';

export const meQueryKey = ['me'] as const;

/** The logged-in user and their organizations, or null for visitors. */
export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: async (): Promise<MeResponse | null> => {
      try {
        return await api<MeResponse>('/api/me');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** Whether the server runs the development mailbox (never in production). */
export function useHasMailbox() {
  return useQuery({
    queryKey: ['dev-mailbox'],
    queryFn: async () => {
      try {
        await api('/api/dev/emails');
        return true;
      } catch {
        return false;
      }
    },
    staleTime: Infinity,
  });
}

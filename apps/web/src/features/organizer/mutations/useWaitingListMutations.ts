import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { WaitlistEntry, WaitlistJoined } from '@zevents/contracts';
import { api } from '../../../api/client';
import { waitingListQueryKey } from '../queries/useWaitingList';
import { eventQueryKey } from '../queries/useEvent';

/**
 * Moving, offering and removing change the event's waiting list; an offer or a removal also moves
 * tickets between held and on sale, so the event's figures are refreshed with it.
 */
export function useWaitingListMutations(eventId: string) {
  const queryClient = useQueryClient();
  const refreshList = () => queryClient.invalidateQueries({ queryKey: waitingListQueryKey(eventId) });
  // The event's key is a prefix of its waiting list's: this refreshes both.
  const refreshAll = () => queryClient.invalidateQueries({ queryKey: eventQueryKey(eventId) });
  const path = (entryId: string) => `/api/waiting-list/${encodeURIComponent(entryId)}`;
  return {
    move: useMutation({
      mutationFn: ({ entryId, position }: { entryId: string; position: number }) =>
        api<WaitlistJoined>(path(entryId), { method: 'PATCH', body: { position } }),
      onSettled: refreshList,
    }),
    offer: useMutation({
      mutationFn: (entryId: string) => api<WaitlistEntry>(`${path(entryId)}/offer`, { method: 'POST' }),
      onSuccess: refreshAll,
    }),
    remove: useMutation({
      mutationFn: (entryId: string) => api<void>(path(entryId), { method: 'DELETE' }),
      onSuccess: refreshAll,
    }),
  };
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CapacityPool, CreateCapacityPoolBody, UpdateCapacityPoolBody } from '@zevents/contracts';
import { api } from '../../../api/client';
import { capacityPoolsQueryKey } from '../queries/useCapacityPools';
import { eventQueryKey } from '../queries/useEvent';
import { eventStatsQueryKey } from '../queries/useLiveEventStats';

/**
 * A pool caps what its ticket types have left, so the event's types (their `available`) and the
 * dashboard figures are read again along with the pool list.
 */
function useInvalidateCapacityPools(eventId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: capacityPoolsQueryKey(eventId) }),
      queryClient.invalidateQueries({ queryKey: eventQueryKey(eventId), exact: true }),
      queryClient.invalidateQueries({ queryKey: eventStatsQueryKey(eventId) }),
    ]);
}

export function useCreateCapacityPool(eventId: string) {
  const invalidate = useInvalidateCapacityPools(eventId);
  return useMutation({
    mutationFn: (body: CreateCapacityPoolBody) =>
      api<CapacityPool>(`/api/events/${encodeURIComponent(eventId)}/capacity-pools`, {
        method: 'POST',
        body,
      }),
    onSuccess: invalidate,
  });
}

export function useUpdateCapacityPool(eventId: string) {
  const invalidate = useInvalidateCapacityPools(eventId);
  return useMutation({
    mutationFn: ({ poolId, body }: { poolId: string; body: UpdateCapacityPoolBody }) =>
      api<CapacityPool>(`/api/capacity-pools/${encodeURIComponent(poolId)}`, { method: 'PATCH', body }),
    onSuccess: invalidate,
  });
}

export function useDeleteCapacityPool(eventId: string) {
  const invalidate = useInvalidateCapacityPools(eventId);
  return useMutation({
    mutationFn: (poolId: string) =>
      api<void>(`/api/capacity-pools/${encodeURIComponent(poolId)}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

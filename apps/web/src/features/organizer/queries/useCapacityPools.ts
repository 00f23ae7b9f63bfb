import { useQuery } from '@tanstack/react-query';
import type { CapacityPoolList } from '@zevents/contracts';
import { api } from '../../../api/client';

export const capacityPoolsQueryKey = (eventId: string) => ['events', eventId, 'capacity-pools'] as const;

/** The event's shared capacities, each with what its ticket types sold and hold right now. */
export function useCapacityPools(eventId: string) {
  return useQuery({
    queryKey: capacityPoolsQueryKey(eventId),
    queryFn: ({ signal }) =>
      api<CapacityPoolList>(`/api/events/${encodeURIComponent(eventId)}/capacity-pools`, { signal }),
  });
}

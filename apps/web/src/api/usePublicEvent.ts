import type { PublicEvent } from '@zevents/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export const publicEventQueryKey = (idOrSlug: string) => ['public-event', idOrSlug] as const;

/** A published (or cancelled) event with its on-sale ticket types, by id or slug. */
export function usePublicEvent(idOrSlug: string | undefined) {
  return useQuery({
    queryKey: publicEventQueryKey(idOrSlug ?? ''),
    queryFn: ({ signal }) =>
      api<PublicEvent>(`/api/public/events/${encodeURIComponent(idOrSlug ?? '')}`, { signal }),
    enabled: Boolean(idOrSlug),
  });
}

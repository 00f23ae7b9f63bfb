import type { PublicEvent } from '@zevents/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export const publicEventQueryKey = (idOrSlug: string, code?: string) =>
  code ? (['public-event', idOrSlug, code] as const) : (['public-event', idOrSlug] as const);

/**
 * A published (or cancelled) event with its on-sale ticket types, by id or slug; `code` is an access
 * code that also shows the hidden types it unlocks. Trying a code keeps the page shown meanwhile.
 */
export function usePublicEvent(idOrSlug: string | undefined, code?: string) {
  return useQuery({
    queryKey: publicEventQueryKey(idOrSlug ?? '', code),
    queryFn: ({ signal }) =>
      api<PublicEvent>(
        `/api/public/events/${encodeURIComponent(idOrSlug ?? '')}${code ? `?code=${encodeURIComponent(code)}` : ''}`,
        { signal },
      ),
    enabled: Boolean(idOrSlug),
    // Only the same event's page stands in: another event's must never show while this one loads.
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === (idOrSlug ?? '') ? previous : undefined,
  });
}

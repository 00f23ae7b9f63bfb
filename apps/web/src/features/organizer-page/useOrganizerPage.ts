import type { OrganizerPage } from '@zevents/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

export const organizerPageQueryKey = (slug: string) => ['organizer-page', slug] as const;

/** An organization's public page by its slug: profile, upcoming and past events. */
export function useOrganizerPage(slug: string | undefined) {
  return useQuery({
    queryKey: organizerPageQueryKey(slug ?? ''),
    queryFn: ({ signal }) =>
      api<OrganizerPage>(`/api/public/organizations/${encodeURIComponent(slug ?? '')}`, { signal }),
    enabled: Boolean(slug),
  });
}

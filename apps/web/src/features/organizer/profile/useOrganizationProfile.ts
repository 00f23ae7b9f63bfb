import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrganizationProfile, UpdateOrganizationBody } from '@zevents/contracts';
import { api, ApiError } from '../../../api/client';
import { meQueryKey } from '../../../api/session';

export const organizationProfileQueryKey = (organizationId: string) =>
  ['organizations', organizationId, 'profile'] as const;

const profilePath = (organizationId: string) => `/api/organizations/${encodeURIComponent(organizationId)}`;

/** The organization's public page texts and the origins that may embed its checkout. */
export function useOrganizationProfile(organizationId: string) {
  return useQuery({
    queryKey: organizationProfileQueryKey(organizationId),
    queryFn: ({ signal }) => api<OrganizationProfile>(profilePath(organizationId), { signal }),
    retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 3,
  });
}

/**
 * The answer is the saved profile: it replaces the cached one. The organization's name shows in the
 * switcher (from /api/me) and on its public pages, so those are read again.
 */
export function useUpdateOrganizationProfile(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateOrganizationBody) =>
      api<OrganizationProfile>(profilePath(organizationId), { method: 'PATCH', body }),
    onSuccess: async (profile, body) => {
      queryClient.setQueryData(organizationProfileQueryKey(organizationId), profile);
      if (body.name !== undefined)
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: meQueryKey }),
          queryClient.invalidateQueries({ queryKey: ['public-event'] }),
        ]);
    },
  });
}

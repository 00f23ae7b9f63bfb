import { useQuery } from '@tanstack/react-query';
import type { Invitation, Page } from '@zevents/contracts';
import { api } from '../../../api/client';

export const invitationsQueryKey = (organizationId: string) =>
  ['organizations', organizationId, 'invitations'] as const;

/** Open invitations (owners and admins only; staff get 403, so only they call it). */
export function useInvitations(organizationId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: invitationsQueryKey(organizationId),
    queryFn: ({ signal }) =>
      api<Page<Invitation>>(`/api/organizations/${encodeURIComponent(organizationId)}/invitations`, {
        signal,
      }),
    enabled: options.enabled ?? true,
  });
}

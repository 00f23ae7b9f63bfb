import { useQuery } from '@tanstack/react-query';
import type { Member, Page } from '@zevents/contracts';
import { api } from '../../../api/client';

export const membersQueryKey = (organizationId: string) =>
  ['organizations', organizationId, 'members'] as const;

export function useMembers(organizationId: string) {
  return useQuery({
    queryKey: membersQueryKey(organizationId),
    queryFn: ({ signal }) =>
      api<Page<Member>>(`/api/organizations/${encodeURIComponent(organizationId)}/members`, { signal }),
  });
}

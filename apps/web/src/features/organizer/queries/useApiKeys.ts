import { useQuery } from '@tanstack/react-query';
import type { ApiKey, Page } from '@zevents/contracts';
import { api } from '../../../api/client';

export const apiKeysQueryKey = (organizationId: string) =>
  ['organizations', organizationId, 'api-keys'] as const;

export function useApiKeys(organizationId: string) {
  return useQuery({
    queryKey: apiKeysQueryKey(organizationId),
    queryFn: ({ signal }) =>
      api<Page<ApiKey>>(`/api/organizations/${encodeURIComponent(organizationId)}/api-keys`, { signal }),
  });
}

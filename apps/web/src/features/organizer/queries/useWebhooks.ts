import { useQuery } from '@tanstack/react-query';
import type { WebhookList } from '@zevents/contracts';
import { api, ApiError } from '../../../api/client';

export const webhooksQueryKey = (organizationId: string) =>
  ['organizations', organizationId, 'webhooks'] as const;

/** The organization's endpoints, oldest first, with their secrets and health (owners and admins). */
export function useWebhooks(organizationId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: webhooksQueryKey(organizationId),
    queryFn: ({ signal }) =>
      api<WebhookList>(`/api/organizations/${encodeURIComponent(organizationId)}/webhooks`, { signal }),
    enabled: options.enabled ?? true,
    // A 403 will not turn into a 200 by asking again.
    retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 3,
  });
}

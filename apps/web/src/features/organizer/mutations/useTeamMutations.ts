import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AddMemberBody, ApiKeyCreated, CreateApiKeyBody, Member } from '@zevents/contracts';
import { api } from '../../../api/client';
import { membersQueryKey } from '../queries/useMembers';

export function useAddMember(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AddMemberBody) =>
      api<Member>(`/api/organizations/${encodeURIComponent(organizationId)}/members`, {
        method: 'POST',
        body,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersQueryKey(organizationId) }),
  });
}

/** The key comes back once; nothing lists keys afterwards, so nothing to invalidate. */
export function useCreateApiKey(organizationId: string) {
  return useMutation({
    mutationFn: (body: CreateApiKeyBody) =>
      api<ApiKeyCreated>(`/api/organizations/${encodeURIComponent(organizationId)}/api-keys`, {
        method: 'POST',
        body,
      }),
  });
}

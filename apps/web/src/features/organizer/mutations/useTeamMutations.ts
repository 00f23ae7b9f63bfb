import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  AddMemberBody,
  ApiKeyCreated,
  CreateApiKeyBody,
  CreateInvitationBody,
  Invitation,
  Member,
  UpdateMemberBody,
} from '@zevents/contracts';
import { api } from '../../../api/client';
import { meQueryKey } from '../../../api/session';
import { apiKeysQueryKey } from '../queries/useApiKeys';
import { invitationsQueryKey } from '../queries/useInvitations';
import { membersQueryKey } from '../queries/useMembers';

const orgPath = (organizationId: string) => `/api/organizations/${encodeURIComponent(organizationId)}`;

/**
 * "Add to team": everyone gets an emailed invitation, account or not, and joins by accepting it
 * (POST members answers exactly like POST invitations); the pending list changes.
 */
export function useAddMember(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AddMemberBody) =>
      api<Invitation>(`${orgPath(organizationId)}/members`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsQueryKey(organizationId) }),
  });
}

/** Emails an invitation; inviting the same address again replaces its open invitation. */
export function useInviteMember(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateInvitationBody) =>
      api<Invitation>(`${orgPath(organizationId)}/invitations`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsQueryKey(organizationId) }),
  });
}

export function useRevokeInvitation(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) =>
      api<void>(`${orgPath(organizationId)}/invitations/${encodeURIComponent(invitationId)}`, {
        method: 'DELETE',
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: invitationsQueryKey(organizationId) }),
  });
}

export function useChangeMemberRole(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string } & UpdateMemberBody) =>
      api<Member>(`${orgPath(organizationId)}/members/${encodeURIComponent(userId)}`, {
        method: 'PATCH',
        body: { role },
      }),
    // The caller may have changed their own role: the sidebar and permissions come from /api/me.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: membersQueryKey(organizationId) }),
        queryClient.invalidateQueries({ queryKey: meQueryKey }),
      ]),
  });
}

export function useRemoveMember(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      api<void>(`${orgPath(organizationId)}/members/${encodeURIComponent(userId)}`, { method: 'DELETE' }),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: membersQueryKey(organizationId) }),
        queryClient.invalidateQueries({ queryKey: meQueryKey }),
      ]),
  });
}

/** The key comes back once; the list shows only its name and prefix afterwards. */
export function useCreateApiKey(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiKeyBody) =>
      api<ApiKeyCreated>(`${orgPath(organizationId)}/api-keys`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysQueryKey(organizationId) }),
  });
}

export function useRevokeApiKey(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (keyId: string) =>
      api<void>(`${orgPath(organizationId)}/api-keys/${encodeURIComponent(keyId)}`, { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiKeysQueryKey(organizationId) }),
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AcceptedInvitation, InvitationPreview } from '@zevents/contracts';
import { api } from '../../api/client';
import { meQueryKey } from '../../api/session';

export const invitationQueryKey = (token: string) => ['invitations', token] as const;

const invitationPath = (token: string) => `/api/invitations/${encodeURIComponent(token)}`;

/** The invitation a link names; public, the token is the credential. */
export function useInvitation(token: string) {
  return useQuery({
    queryKey: invitationQueryKey(token),
    queryFn: ({ signal }) => api<InvitationPreview>(invitationPath(token), { signal }),
  });
}

/** Joins as the logged-in user; their organizations (from /api/me) change. */
export function useAcceptInvitation(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<AcceptedInvitation>(`${invitationPath(token)}/accept`, { method: 'POST' }),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: meQueryKey }),
        queryClient.invalidateQueries({ queryKey: invitationQueryKey(token) }),
      ]),
  });
}

/** Logs out so the right account can log in, staying on the invitation page. */
export function useLogOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/api/auth/logout', { method: 'POST' }),
    onSettled: () => {
      // Nothing of the previous account may linger; the invitation itself stays on screen.
      queryClient.setQueryData(meQueryKey, null);
      queryClient.removeQueries({
        predicate: (query) => !['invitations', meQueryKey[0]].includes(String(query.queryKey[0])),
      });
    },
  });
}

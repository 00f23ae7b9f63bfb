import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MeResponse, VerifyEmailBody, VerifyEmailResponse } from '@zevents/contracts';
import { api } from '../../api/client';
import { meQueryKey } from '../../api/session';

/** Confirms the address a verification link was sent to; the logged-in user (if it is them) changes. */
export function useVerifyEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: VerifyEmailBody) =>
      api<VerifyEmailResponse>('/api/auth/verify-email', { method: 'POST', body }),
    onSuccess: async (confirmed) => {
      // A read of /api/me started before the address was confirmed (the page's own, on load) would
      // answer "not confirmed" after this, and a refetch asked for while it runs with no data yet
      // joins it instead of reading again: stop it first, so the read below starts afresh.
      await queryClient.cancelQueries({ queryKey: meQueryKey });
      // Said at once for the logged-in user with that address (the banner goes), whatever a refetch
      // of /api/me that was already under way answers; then read again from the server.
      queryClient.setQueryData<MeResponse | null>(meQueryKey, (me) =>
        me && me.user.email.toLowerCase() === confirmed.email.toLowerCase()
          ? { ...me, user: { ...me.user, emailVerified: true } }
          : me,
      );
      return queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}

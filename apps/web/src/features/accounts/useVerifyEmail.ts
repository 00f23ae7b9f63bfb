import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { VerifyEmailBody, VerifyEmailResponse } from '@zevents/contracts';
import { api } from '../../api/client';
import { meQueryKey } from '../../api/session';

/** Confirms the address a verification link was sent to; the logged-in user (if it is them) changes. */
export function useVerifyEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: VerifyEmailBody) =>
      api<VerifyEmailResponse>('/api/auth/verify-email', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}

import type { LoginBody, UserResponse } from '@zevents/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { meQueryKey } from './session';

/** Logs in with email and password; the session cookie is set by the answer. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => api<UserResponse>('/api/auth/login', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}

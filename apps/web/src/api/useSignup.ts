import type { SignupBody, UserResponse } from '@zevents/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { meQueryKey } from './session';

/** Creates an account and logs it in. */
export function useSignup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SignupBody) => api<UserResponse>('/api/auth/signup', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}

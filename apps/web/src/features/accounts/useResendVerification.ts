import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client';

/** Emails a new verification link to the logged-in account (earlier links keep working). */
export function useResendVerification() {
  return useMutation({
    mutationFn: () => api<void>('/api/auth/resend-verification', { method: 'POST' }),
  });
}

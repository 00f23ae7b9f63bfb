import type { PaymentConfig } from '@zevents/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';

/** How this server takes payments (test card form or Stripe Elements); fixed for the server's life. */
export function usePaymentConfig() {
  return useQuery({
    queryKey: ['payment-config'],
    queryFn: ({ signal }) => api<PaymentConfig>('/api/public/payment-config', { signal }),
    staleTime: Infinity,
  });
}

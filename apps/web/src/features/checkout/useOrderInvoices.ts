import type { InvoiceList } from '@zevents/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { orderKeys } from '../../api/order-keys';
import { orderPath } from '../../api/useOrder';

/**
 * The order's invoice and credit notes (numbered by the server on first read). Under the order's
 * detail key, so whatever refreshes the order (a refund) refreshes its invoices too.
 */
export function useOrderInvoices(orderId: string, token: string | null = null) {
  return useQuery({
    queryKey: [...orderKeys.detail(orderId), 'invoices'] as const,
    queryFn: ({ signal }) => api<InvoiceList>(orderPath(orderId, token, '/invoices'), { signal }),
  });
}

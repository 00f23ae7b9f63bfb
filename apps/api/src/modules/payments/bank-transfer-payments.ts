import type { DbOrTx } from '../../db/client';
import * as repo from './payments.repository';

/** The provider name of payments received by bank transfer (matched by the organizer, no provider asked). */
export const BANK_TRANSFER_PROVIDER = 'bank_transfer';

/**
 * A bank transfer the organizer received: a succeeded payment, refundable like cash (recorded, no
 * provider asked). Once per order: the reference keys it, and the caller holds the order's lock.
 */
export async function recordBankTransferPayment(
  tx: DbOrTx,
  order: { id: string; eventId: string; totalCents: number; currency: string; bankReference: string | null },
): Promise<void> {
  await repo.insertPayment(tx, {
    orderId: order.id,
    eventId: order.eventId,
    provider: BANK_TRANSFER_PROVIDER,
    providerRef: `bank_transfer:${order.bankReference ?? order.id}`,
    amountCents: order.totalCents,
    currency: order.currency,
    status: 'succeeded',
  });
}

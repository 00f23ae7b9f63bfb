import type { Order, PayOrderBody } from '@zevents/contracts';
import { useState } from 'react';
import { useIdempotencyKey } from '../../api/useIdempotencyKey';
import { usePayOrder } from '../../api/usePayOrder';
import { describePayError, type PayProblem } from './pay-errors';

/**
 * One press of a pay (or confirm) button: the same body keeps its Idempotency-Key until the server
 * answers, a paid answer moves on, and a refusal becomes the sentence the buyer reads.
 */
export function usePayAttempt(
  order: Pick<Order, 'id'>,
  token: string | null,
  handlers: { onPaid: (order: Order) => void; onHoldExpired: () => void },
) {
  const pay = usePayOrder(order.id, token);
  const idempotency = useIdempotencyKey();
  const [problem, setProblem] = useState<PayProblem | null>(null);

  /** Resolves with the error when the payment did not go through (already described in `problem`). */
  const attempt = async (body: PayOrderBody): Promise<unknown> => {
    setProblem(null);
    try {
      const paid = await pay.mutateAsync({ body, idempotencyKey: idempotency.keyFor(body) });
      idempotency.settle();
      if (paid.status === 'paid') handlers.onPaid(paid);
      return undefined;
    } catch (error) {
      idempotency.settle(error);
      const described = describePayError(error);
      if (described.isHoldExpired) handlers.onHoldExpired();
      setProblem(described);
      return error;
    }
  };

  return { attempt, problem, isPending: pay.isPending };
}

import {
  AccessCodeString,
  CreateManualOrderBody,
  CreateOrderBody,
  Order,
  OrderAccessQuery,
  PayOrderBody,
  RefundOrderBody,
  UuidParam,
} from '@zevents/contracts';
import type { Request } from 'express';
import { z } from 'zod';
import { clientAddress, limitKeyOf } from '../../http/client-address';
import type { ApiRouter } from '../../http/route';
import type { Permission } from '../organizations';
import type { OrdersService } from './orders.service';

const tags = ['Checkout'];
const OrderParams = z.object({ orderId: UuidParam });
/** The event page's `?code=` may ride along on the reserve's own URL (the body's `accessCode` wins). */
const ReserveQuery = z.object({
  code: AccessCodeString.optional().describe('Same as the body’s accessCode: unlocks hidden ticket types'),
});
const WaitingRoomPassHeader = z.object({
  'waiting-room-pass': z
    .string()
    .max(200)
    .optional()
    .describe(
      'The pass of an admitted visitor, required while the event has a waiting room on (else 403 WAITING_ROOM_PASS_REQUIRED)',
    ),
});

export function registerOrdersRoutes(
  api: ApiRouter<Permission>,
  deps: {
    orders: OrdersService;
    /** The event's waiting room, when on, refuses a reserve without a valid pass (in memory, no query). */
    requireAdmission?: (eventId: string, req: Request) => Promise<void>;
  },
): void {
  const { orders } = deps;

  api.add(
    {
      method: 'post',
      path: '/api/orders',
      summary: 'Reserve tickets: holds them for HOLD_MINUTES and returns the order with its access token',
      description:
        '409 SOLD_OUT lists what is left per ticket type in `remaining`. 422 for rule breaks: sale window, ' +
        'per-order limits, promo code, ticket type of another event, event not on sale. A free order is paid at once.',
      tags,
      access: 'public',
      idempotency: 'optional',
      headers: WaitingRoomPassHeader,
      query: ReserveQuery,
      body: CreateOrderBody,
      status: 201,
      response: Order,
      errors: [403, 409, 422, 429],
    },
    async ({ auth, body, query, idempotencyKey, req }) => {
      await deps.requireAdmission?.(body.eventId, req);
      return orders.reserve(
        auth,
        query.code && !body.accessCode ? { ...body, accessCode: query.code } : body,
        idempotencyKey,
        // The client as TRUST_PROXY resolves it (an IPv6 client by its /64), for HOLDS_PER_IP_PER_MINUTE.
        limitKeyOf(clientAddress(req)),
      );
    },
  );

  api.add(
    {
      method: 'post',
      path: '/api/events/{eventId}/orders',
      summary: 'Issue an order as the organizer: complimentary (comp) or paid in cash',
      description:
        'Counted against capacity like any sale (409 SOLD_OUT with what is left), paid at once, tickets ' +
        'issued and emailed unless `sendEmail: false`. Sale windows, per-order and per-buyer limits do ' +
        'not apply. A cash order is refundable like any other (the refund is recorded, no provider asked). ' +
        'Owners and admins.',
      tags,
      access: 'member',
      permission: 'events.manage',
      params: z.object({ eventId: UuidParam }),
      body: CreateManualOrderBody,
      status: 201,
      response: Order,
      errors: [403, 409, 422],
    },
    async ({ auth, params, body }) => orders.createManualOrder(auth, params.eventId, body),
  );

  api.add(
    {
      method: 'get',
      path: '/api/orders/{orderId}',
      summary: 'An order, for its buyer (session or ?token=) or the event organizers',
      tags,
      access: 'public',
      params: OrderParams,
      query: OrderAccessQuery,
      status: 200,
      response: Order,
    },
    async ({ auth, params, query }) => orders.getOrder(auth, params.orderId, query.token),
  );

  api.add(
    {
      method: 'post',
      path: '/api/orders/{orderId}/pay',
      summary: 'Pay an order (test provider: card number; Stripe: returns the PaymentIntent client secret)',
      tags,
      access: 'public',
      params: OrderParams,
      query: OrderAccessQuery,
      idempotency: 'optional',
      body: PayOrderBody,
      status: 200,
      response: Order,
      errors: [402, 409, 410, 422, 502],
    },
    async ({ auth, params, query, body, idempotencyKey }) =>
      orders.pay(auth, params.orderId, query.token, body, idempotencyKey),
  );

  api.add(
    {
      method: 'post',
      path: '/api/orders/{orderId}/cancel',
      summary: 'Cancel a reserved order (or one awaiting its bank transfer); its tickets go back on sale',
      tags,
      access: 'public',
      params: OrderParams,
      query: OrderAccessQuery,
      status: 200,
      response: Order,
      errors: [409],
    },
    async ({ auth, params, query }) => orders.cancel(auth, params.orderId, query.token),
  );

  api.add(
    {
      method: 'post',
      path: '/api/orders/{orderId}/bank-transfer',
      summary: 'Pay by bank transfer: the order awaits the transfer, its tickets held until the deadline',
      description:
        'On a reserved order of an event that offers bank transfer: `status: awaiting_payment`, `expiresAt` ' +
        'moved to the deadline (the event’s deadlineDays from now) and `bankTransfer` with the reference, ' +
        'the account details, the amount and the deadline; the buyer is emailed them. Calling it again ' +
        'answers the same order. 410 HOLD_EXPIRED after the hold ran out, 409 ORDER_NOT_PAYABLE in another ' +
        'state or for a free order, 422 BANK_TRANSFER_NOT_OFFERED, 422 DETAILS_REQUIRED.',
      tags,
      access: 'public',
      params: OrderParams,
      query: OrderAccessQuery,
      status: 200,
      response: Order,
      errors: [409, 410, 422],
    },
    async ({ auth, params, query }) => orders.requestBankTransfer(auth, params.orderId, query.token),
  );

  api.add(
    {
      method: 'post',
      path: '/api/orders/{orderId}/mark-paid',
      summary: 'Mark a bank transfer received: the order is paid and its tickets issued (owners and admins)',
      description:
        'On an awaiting_payment order, or one whose transfer deadline passed when seats are still left ' +
        '(else 409 SOLD_OUT). The tickets are issued and emailed and the payment recorded. Marking a paid ' +
        'order again answers it unchanged. 409 ORDER_NOT_PAYABLE for an order not paid by bank transfer ' +
        'or in another state.',
      tags,
      access: 'member',
      params: OrderParams,
      status: 200,
      response: Order,
      errors: [403, 409],
    },
    async ({ auth, params }) => orders.markPaid(auth, params.orderId),
  );

  api.add(
    {
      method: 'post',
      path: '/api/orders/{orderId}/refund',
      summary: 'Refund a paid order, whole or in part (owners and admins)',
      description:
        'Without a body the whole remaining amount is refunded and every ticket voided (seats go back on sale). ' +
        '`ticketIds` refunds and voids those tickets; `amountCents` alone is a goodwill refund that keeps tickets valid.',
      tags,
      access: 'member',
      params: OrderParams,
      idempotency: 'optional',
      body: RefundOrderBody,
      status: 200,
      response: Order,
      errors: [403, 409, 422, 502],
    },
    async ({ auth, params, body, idempotencyKey }) =>
      orders.refund(auth, params.orderId, body, idempotencyKey),
  );
}

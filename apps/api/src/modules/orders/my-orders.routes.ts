import { Order, PageQuery } from '@zevents/contracts';
import { z } from 'zod';
import type { Db } from '../../db/client';
import type { ApiRouter } from '../../http/route';
import { decodeCursor, toPage } from '../../shared/pagination';
import { findUserById } from '../accounts';
import { listOrdersOfBuyer } from './orders.repository';
import type { OrdersService } from './orders.service';

/**
 * A logged-in buyer's own orders, newest first: those placed while logged in, and, once the
 * account's email is verified, every order whose tickets were sent to that address (guest orders).
 */
export function registerMyOrdersRoutes(
  api: ApiRouter,
  deps: {
    db: Db;
    orders: OrdersService;
    /** The orders whose tickets were emailed to an address (the notifications module keeps that). */
    ordersSentTo: (email: string) => Promise<string[]>;
  },
): void {
  api.add(
    {
      method: 'get',
      path: '/api/me/orders',
      summary: 'The orders the logged-in user placed, and those whose tickets went to their verified email',
      tags: ['Checkout'],
      // An API key places no orders of its own: 401 like a visitor.
      access: 'session',
      query: PageQuery,
      status: 200,
      response: z
        .object({ items: z.array(Order), nextCursor: z.string().nullable() })
        .meta({ id: 'MyOrders' }),
    },
    async ({ auth, query }) => {
      const after = decodeCursor(query.cursor, 'timestamp');
      const user = await findUserById(deps.db, auth.userId);
      // Only a verified address proves the guest orders sent to it are this person's.
      const sentToMe = user?.emailVerifiedAt ? await deps.ordersSentTo(user.email) : [];
      const rows = await listOrdersOfBuyer(deps.db, auth.userId, {
        after: after ? { createdAt: new Date(after.k), id: after.id } : undefined,
        limit: query.limit + 1,
        alsoOrderIds: sentToMe,
      });
      const page = toPage(
        rows,
        query.limit,
        (row) => row.id,
        (row) => ({ k: row.createdAt.toISOString(), id: row.id }),
      );
      return {
        items: await Promise.all(page.items.map((id) => deps.orders.loadView(id, { withToken: true }))),
        nextCursor: page.nextCursor,
      };
    },
  );
}

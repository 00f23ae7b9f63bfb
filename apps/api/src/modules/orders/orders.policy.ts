import type { MemberRole } from '@zevents/contracts';
import type { DbOrTx } from '../../db/client';
import type { AuthContext } from '../../http/auth-context';
import { can, findRole } from '../organizations';
import type { OrderTokens } from './order-tokens';
import type { OrderRow } from './orders.repository';

export interface OrderAccess {
  /** The buyer: by the order's secret token or by the session that placed it. */
  isBuyer: boolean;
  /** A member of the organization running the event. */
  organizerRole: MemberRole | undefined;
}

export async function resolveOrderAccess(
  db: DbOrTx,
  auth: AuthContext,
  order: OrderRow,
  organizationId: string,
  token: string | undefined,
  tokens: OrderTokens,
): Promise<OrderAccess> {
  const isBuyer =
    tokens.isValid(order.id, token) ||
    (auth.kind === 'session' && order.buyerUserId !== null && order.buyerUserId === auth.userId);
  const role = auth.kind === 'anonymous' ? undefined : await findRole(db, auth, organizationId);
  return { isBuyer, organizerRole: role && can(role, 'events.view') ? role : undefined };
}

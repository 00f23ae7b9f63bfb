import { PromoCode, UpdatePromoCodeBody, UuidParam } from '@zevents/contracts';
import { z } from 'zod';
import type { ApiRouter } from '../../http/route';
import type { Permission } from '../organizations';
import type { CatalogueAdminService } from './catalogue-admin.service';

const tags = ['Events'];
const manage = { access: 'member', permission: 'events.manage', errors: [403, 409, 422] } as const;
const PromoCodeParams = z.object({ promoCodeId: UuidParam });

/** Removing ticket types, editing and removing promo codes (paths follow PATCH /api/ticket-types/{id}). */
export function registerCatalogueAdminRoutes(
  api: ApiRouter<Permission>,
  deps: { events: CatalogueAdminService },
): void {
  const { events } = deps;

  api.add(
    {
      method: 'delete',
      path: '/api/ticket-types/{ticketTypeId}',
      summary: 'Delete a ticket type nobody ever ordered',
      description:
        'Only while nothing was ever sold or held for it (no order of any status has it); otherwise ' +
        '409 TICKET_TYPE_IN_USE: end its sales window or lower its capacity instead. Also 409 when a ' +
        'promo code applies to it alone, and 422 NO_TICKET_TYPES for the last type of a published event.',
      tags,
      ...manage,
      params: z.object({ ticketTypeId: UuidParam }),
      status: 204,
    },
    async ({ auth, params }) => events.deleteTicketType(auth, params.ticketTypeId),
  );

  api.add(
    {
      method: 'patch',
      path: '/api/promo-codes/{promoCodeId}',
      summary: 'Edit a promo code (discount, maximum uses, validity window, active, ticket types)',
      description:
        'The code text cannot change. maxUses may not drop below the uses so far (422 ' +
        'MAX_USES_BELOW_USES). `active: false` switches the code off for new orders (422 ' +
        'PROMO_CODE_INVALID, "not active") and `active: true` back on; neither touches the validity ' +
        'window. Existing orders keep the discount they were priced with, also when paid later.',
      tags,
      ...manage,
      params: PromoCodeParams,
      body: UpdatePromoCodeBody,
      status: 200,
      response: PromoCode,
    },
    async ({ auth, params, body }) => events.updatePromoCode(auth, params.promoCodeId, body),
  );

  api.add(
    {
      method: 'delete',
      path: '/api/promo-codes/{promoCodeId}',
      summary: 'Delete a promo code no order ever used',
      description: 'A code an order used answers 409 PROMO_CODE_IN_USE: deactivate it instead.',
      tags,
      ...manage,
      params: PromoCodeParams,
      status: 204,
    },
    async ({ auth, params }) => events.deletePromoCode(auth, params.promoCodeId),
  );
}

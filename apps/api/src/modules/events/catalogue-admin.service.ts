import type { PromoCode, UpdatePromoCodeBody } from '@zevents/contracts';
import type { Db } from '../../db/client';
import type { Principal } from '../../http/auth-context';
import { AppError, notFound } from '../../http/errors';
import { isUuid } from '../../shared/ids';
import { recordEventAudit } from '../audit';
import * as admin from './catalogue-admin.repository';
import { assertNotCancelled, authorizePromoCode, authorizeTicketType } from './events.policy';
import { presentPromoCode } from './events.presenter';
import { countTicketTypesOf, findPromoCodeWithEvent } from './events.repository';

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', message, { errors: [{ path, message }] });

/** PostgreSQL's foreign_key_violation, wherever a driver or ORM wrapped it. */
function isForeignKeyViolation(error: unknown): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause)
    if ('code' in current && current.code === '23503') return true;
  return false;
}

/** Thrown inside a ticket-type delete's transaction to roll it back (see deleteUnusedTicketType). */
class StalePromoCode extends Error {}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Tells the organizer why a ticket type could not go, and what to do instead. */
async function explainKeptTicketType(db: Db, ticketTypeId: string, name: string): Promise<AppError> {
  const usage = await admin.findTicketTypeUsage(db, ticketTypeId);
  if (!usage) return notFound('Ticket type');
  if (usage.sold > 0 || usage.held > 0 || usage.orderItems > 0)
    return new AppError(
      'TICKET_TYPE_IN_USE',
      `“${name}” cannot be deleted: buyers have ordered it (${usage.sold} sold, ${usage.held} held, ` +
        `${plural(usage.orderItems, 'order')} in its history). To stop selling it, end its sales ` +
        'window (sales end: now) or lower its capacity to what is already sold.',
    );
  if (usage.exclusivePromoCodes.length > 0)
    return new AppError(
      'TICKET_TYPE_IN_USE',
      `“${name}” cannot be deleted: promo code ${usage.exclusivePromoCodes.join(', ')} applies to it ` +
        'alone. Point the code at other ticket types or delete the code first.',
    );
  if (usage.eventStatus === 'published' && usage.otherTypes === 0)
    return new AppError(
      'NO_TICKET_TYPES',
      `“${name}” is the last ticket type of a published event: add another one first, or cancel the event.`,
    );
  // Whatever stopped the delete changed back before this read (a hold taken and released at once).
  return new AppError('TICKET_TYPE_IN_USE', `“${name}” changed while it was being deleted; try again.`);
}

const toDate = (value: string | null): Date | null => (value === null ? null : new Date(value));

const invalidWindow = () => invalid('validUntil', 'must be after validFrom');

/**
 * Removing ticket types and editing or removing promo codes. Reserve (the orders module) reads the
 * same rows with conditional UPDATEs, so every rule that races a buyer is checked inside the write
 * statement itself; everything else is checked first and answered without writing anything.
 */
export function createCatalogueAdminService(deps: { db: Db }) {
  const { db } = deps;

  return {
    async deleteTicketType(auth: Principal, ticketTypeId: string): Promise<void> {
      const { ticketType, event } = await authorizeTicketType(db, auth, ticketTypeId, 'events.manage');
      assertNotCancelled(event);
      let isDeleted = false;
      try {
        isDeleted = await db.transaction(async (tx) => {
          // Deletes of one event's types take turns (with publishes and promo-code edits), so two at
          // once cannot each see the other type still there and leave a published event with none.
          // Reserves only take the event row's key-share lock (their order's foreign key), which
          // this NO KEY UPDATE lock lets through, so buyers never wait for it.
          await admin.lockEvent(tx, event.id);
          const outcome = await admin.deleteUnusedTicketType(tx, ticketType.id);
          if (outcome === 'kept') return false;
          // A promo code changed under the statement: roll the delete back rather than keep it
          // pointing at nothing; the explanation below reads the code as it is now.
          if (outcome === 'stale-promo-code') throw new StalePromoCode();
          await recordEventAudit(tx, auth, event, 'ticket_type.delete', {
            ticketTypeId: ticketType.id,
            name: ticketType.name,
          });
          return true;
        });
      } catch (error) {
        // The database's own guard: an order item committed between the statement's snapshot and its lock.
        if (!isForeignKeyViolation(error) && !(error instanceof StalePromoCode)) throw error;
      }
      if (!isDeleted) throw await explainKeptTicketType(db, ticketType.id, ticketType.name);
    },

    async updatePromoCode(
      auth: Principal,
      promoCodeId: string,
      input: UpdatePromoCodeBody,
    ): Promise<PromoCode> {
      const { promoCode, event } = await authorizePromoCode(db, auth, promoCodeId, 'events.manage');
      assertNotCancelled(event);
      const ticketTypeIds = input.ticketTypeIds ? [...new Set(input.ticketTypeIds)] : undefined;
      if (ticketTypeIds?.some((id) => !isUuid(id)))
        throw invalid('ticketTypeIds', 'every id must be a ticket type of this event');
      // `active` is its own column: switching a code off and on again keeps the organizer's window.
      // Only the bounds sent are written; the other one is checked as stored at the write.
      const validFrom = input.validFrom !== undefined ? toDate(input.validFrom) : undefined;
      const validUntil = input.validUntil !== undefined ? toDate(input.validUntil) : undefined;
      if (validFrom && validUntil && validUntil <= validFrom) throw invalidWindow();
      const discount =
        input.percentOff !== undefined
          ? { percentOff: input.percentOff, amountOffCents: null }
          : input.amountOffCents !== undefined
            ? { percentOff: null, amountOffCents: input.amountOffCents }
            : {};
      const updated = await db.transaction(async (tx) => {
        // Takes turns with ticket-type deletes of this event, and reads the types after the lock:
        // a delete cannot drop a type this edit then scopes the code to, nor judge the code on a
        // scope this edit is replacing (see deleteUnusedTicketType).
        await admin.lockEvent(tx, event.id);
        if (ticketTypeIds && (await countTicketTypesOf(tx, event.id, ticketTypeIds)) !== ticketTypeIds.length)
          throw invalid('ticketTypeIds', 'every id must be a ticket type of this event');
        const row = await admin.updatePromoCode(tx, promoCode.id, {
          ...discount,
          maxUses: input.maxUses,
          validFrom,
          validUntil,
          ticketTypeIds,
          isActive: input.active,
        });
        if (row)
          await recordEventAudit(tx, auth, event, 'promo_code.update', {
            promoCodeId: promoCode.id,
            code: promoCode.code,
            fields: Object.keys(input),
          });
        return row;
      });
      if (updated) return presentPromoCode(updated);
      const current = await findPromoCodeWithEvent(db, promoCode.id);
      if (!current) throw notFound('Promo code');
      const { uses } = current.promoCode;
      // The window guard failed against the stored bound another edit wrote meanwhile.
      const from = validFrom === undefined ? current.promoCode.validFrom : validFrom;
      const until = validUntil === undefined ? current.promoCode.validUntil : validUntil;
      if (from && until && until <= from) throw invalidWindow();
      throw new AppError(
        'MAX_USES_BELOW_USES',
        `${promoCode.code} is already used ${plural(uses, 'time')}: maximum uses cannot go below that`,
        { errors: [{ path: 'maxUses', message: `must be at least ${uses} (uses so far)` }] },
      );
    },

    async deletePromoCode(auth: Principal, promoCodeId: string): Promise<void> {
      const { promoCode, event } = await authorizePromoCode(db, auth, promoCodeId, 'events.manage');
      assertNotCancelled(event);
      const isDeleted = await db.transaction(async (tx) => {
        if (!(await admin.deleteUnusedPromoCode(tx, promoCode.id))) return false;
        await recordEventAudit(tx, auth, event, 'promo_code.delete', {
          promoCodeId: promoCode.id,
          code: promoCode.code,
        });
        return true;
      });
      if (isDeleted) return;
      if (!(await findPromoCodeWithEvent(db, promoCode.id))) throw notFound('Promo code');
      const orders = await admin.countOrdersWithPromoCode(db, event.id, promoCode.id);
      throw new AppError(
        'PROMO_CODE_IN_USE',
        `${promoCode.code} cannot be deleted: ${plural(Math.max(orders, 1), 'order')} used it. ` +
          'Deactivate it instead: no new order can use it, and past orders keep their discount.',
      );
    },
  };
}

export type CatalogueAdminService = ReturnType<typeof createCatalogueAdminService>;

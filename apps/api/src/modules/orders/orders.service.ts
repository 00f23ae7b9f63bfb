import { randomUUID } from 'node:crypto';
import type {
  CreateManualOrderBody,
  CreateOrderBody,
  MissingDetail,
  Order,
  PayOrderBody,
  RefundOrderBody,
} from '@zevents/contracts';
import type { Logger } from 'pino';
import type { Database } from '../../db/client';
import type { AuthContext, Principal } from '../../http/auth-context';
import { AppError, forbidden, notFound } from '../../http/errors';
import {
  ClaimAnswered,
  createRefusalMemory,
  findIdempotencyRecord,
  hashRequest,
  type IdempotencyRequest,
  isStorableRefusal,
  lockOpenClaim,
  markIdempotentDone,
  replayOrConflict,
  resolveReplay,
  runIdempotent,
  type StoredResponse,
  storeIdempotentResponse,
} from '../../http/idempotency';
import type { Clock } from '../../shared/clock';
import { type FaultInjector, noFaults } from '../../shared/faults';
import { isUuid } from '../../shared/ids';
import {
  authorizeEvent,
  type EventRow,
  findEventById,
  listStockRows,
  listTicketTypes,
  poolHeadroomByTicketType,
  resolveOrderDate,
  stockRowsOn,
} from '../events';
import { priceCart } from '../billing';
import type { Notifier } from '../notifications';
import { can } from '../organizations';
import type { PaymentProvider, PaymentService } from '../payments';
import { findTicketsOfOrder, issueTickets, type TicketSigner } from '../tickets';
import { createBankTransferActions } from './bank-transfer';
import { createReserveBatcher } from './reserve-batcher';
import { explainReserveFailure, hasStaleHolds, hasStalePromoUses } from './reserve-failure';
import type { OrderTokens } from './order-tokens';
import { recordAudit } from '../audit';
import { resolveOrderAccess } from './orders.policy';
import { effectiveStatus, presentOrder } from './orders.presenter';
import { hasBeenPaid } from './order-lifecycle';
import * as repo from './orders.repository';

export interface OrdersDeps {
  database: Database;
  clock: Clock;
  holdMinutes: number;
  tokens: OrderTokens;
  signer: TicketSigner;
  provider: PaymentProvider;
  payments: PaymentService;
  logger: Logger;
  /** Tells live dashboards and event pages that figures moved. */
  announce?: (eventId: string) => void;
  /** New holds one client address may make per minute; 0 or absent turns the limit off. */
  holdsPerAddressPerMinute?: number;
  /** How often a request renews its Idempotency-Key claim (tests shorten it). */
  idempotencyHeartbeatMs?: number;
  /** Named crash points for the fault-injection tests; nothing happens without one. */
  faults?: FaultInjector;
  /** Told the size of every batch of reserves sent to the database (metrics). */
  onReserveBatch?: (size: number) => void;
  /**
   * The required checkout answers an order still lacks (the questions module); an order lacking any
   * is not paid, and a free one stays reserved until they are given.
   */
  missingDetails?: (order: repo.OrderRow, event: EventRow) => Promise<MissingDetail[]>;
  /** Records emails in the outbox (an organizer's order emails its tickets). */
  notifier?: Pick<Notifier, 'orderConfirmed' | 'bankTransferRequested'>;
}

/** How many expired holds one inline release may close before a SOLD_OUT answer. */
const INLINE_RELEASE_LIMIT = 500;

const isRetryable = (error: unknown) =>
  error instanceof Error && 'code' in error && (error.code === '40P01' || error.code === '40001');

export function createOrdersService(deps: OrdersDeps) {
  const { database, clock, tokens, signer, provider, payments } = deps;
  const { db, pool } = database;
  const faults = deps.faults ?? noFaults;
  const holdsPerAddress = deps.holdsPerAddressPerMinute ?? 0;
  const batcher = createReserveBatcher(pool, { onBatch: deps.onReserveBatch });
  // A sold-out sale refuses thousands of keyed reserves at once: their answers go in together.
  const rememberRefusal = createRefusalMemory(db);

  /** A stored order answer never holds the access token; the buyer replaying it gets it back. */
  function withAccessToken(stored: StoredResponse): StoredResponse {
    if (stored.status >= 400 || !stored.body || typeof stored.body !== 'object') return stored;
    const order = stored.body as Order;
    return { status: stored.status, body: { ...order, accessToken: tokens.tokenFor(order.id) } };
  }

  const idempotencyOptions = (options: { withToken: boolean }) => ({
    clock,
    heartbeatMs: deps.idempotencyHeartbeatMs,
    rerender: async (resourceId: string, status: number): Promise<StoredResponse> => ({
      status,
      body: await loadView(resourceId, options),
    }),
  });

  async function loadView(orderId: string, options: { withToken?: boolean; clientSecret?: string } = {}) {
    const order = await repo.findOrder(db, orderId);
    if (!order) throw notFound('Order');
    const [items, tickets, payment, event] = await Promise.all([
      repo.findOrderItems(db, orderId),
      findTicketsOfOrder(db, orderId),
      payments.findLatestPayment(orderId),
      findEventById(db, order.eventId),
    ]);
    return presentOrder(
      {
        order,
        items,
        tickets,
        event,
        ...(payment ? { payment: { row: payment, clientSecret: options.clientSecret } } : {}),
        ...(options.withToken ? { accessToken: tokens.tokenFor(orderId), hideTransferred: true } : {}),
      },
      signer,
      clock.now(),
    );
  }

  /** The order, if the caller may see it: buyer (token or session) or organizer; 404 for anyone else. */
  async function authorize(auth: AuthContext, orderId: string, token: string | undefined) {
    const order = await repo.findOrder(db, orderId);
    if (!order) throw notFound('Order');
    const event = await findEventById(db, order.eventId);
    if (!event) throw notFound('Order');
    const access = await resolveOrderAccess(db, auth, order, event.organizationId, token, tokens);
    return { order, event, access };
  }

  async function requireBuyer(auth: AuthContext, orderId: string, token: string | undefined) {
    const found = await authorize(auth, orderId, token);
    if (!found.access.isBuyer) throw notFound('Order');
    return found;
  }

  async function attemptReserve(params: repo.ReserveParams): Promise<repo.ReserveOutcome> {
    for (let attempt = 0; ; attempt++) {
      let outcome: repo.ReserveOutcome;
      try {
        outcome = await batcher.reserve(params);
      } catch (error) {
        // Two multi-type orders can lock ticket types in opposite orders; PostgreSQL picks a victim.
        if (isRetryable(error) && attempt < 2) continue;
        throw error;
      }
      // A concurrent change got between the statement's check and its UPDATE: a new snapshot decides.
      if (outcome.kind === 'refused' && !outcome.facts && attempt < 2) continue;
      return outcome;
    }
  }

  /** The reserve, or the problem that refuses it (already the buyer's answer, 409 or 422). */
  async function reserveOnce(
    params: repo.ReserveParams,
    body: CreateOrderBody,
  ): Promise<Exclude<repo.ReserveOutcome, { kind: 'refused' }>> {
    let outcome = await attemptReserve(params);
    if (outcome.kind !== 'refused') return outcome;
    let facts = outcome.facts ?? (await findFacts(params));
    // Holds past their deadline must never block a sale: release them and try again, but only
    // when there are some on these types (the only case where a release can change the answer).
    if (hasStaleHolds(facts)) {
      await repo.releaseHolds(pool, {
        now: params.now,
        limit: INLINE_RELEASE_LIMIT,
        // A promo code's uses may sit in expired holds of other ticket types: then any expired hold.
        ticketTypeIds: hasStalePromoUses(facts) ? undefined : params.items.map((item) => item.ticketTypeId),
        status: 'expired',
        onlyPastDeadline: true,
      });
      // The buyer's own holds past their deadline still count against the per-buyer limit.
      if (facts.buyer.staleOrderIds.length > 0)
        await repo.releaseHolds(pool, {
          now: params.now,
          limit: facts.buyer.staleOrderIds.length,
          orderIds: facts.buyer.staleOrderIds,
          status: 'expired',
          onlyPastDeadline: true,
        });
      // Again even when this release found nothing: the expiry sweep may have released them a moment
      // before, and the buyer must not be refused (and the refusal stored under their key) for that.
      outcome = await attemptReserve(params);
      if (outcome.kind !== 'refused') return outcome;
      facts = outcome.facts ?? (await findFacts(params));
    }
    throw await withPoolsInRemaining(
      explainReserveFailure(facts, body, params.now, params.holdsPerAddressPerMinute),
      facts,
      params,
    );
  }

  /**
   * A SOLD_OUT whose ticket types each had room of their own was refused by a capacity pool: its
   * `remaining` then says what the pools leave. Only then is it asked (one query), so a sold-out
   * flash sale's refusals keep costing no more than a success.
   */
  async function withPoolsInRemaining(
    problem: AppError,
    facts: repo.ReserveFacts,
    params: repo.ReserveParams,
  ): Promise<AppError> {
    const remaining = problem.extra?.remaining as
      Array<{ ticketTypeId: string; available: number }> | undefined;
    if (problem.code !== 'SOLD_OUT' || !remaining) return problem;
    const wanted = new Map(params.items.map((item) => [item.ticketTypeId, item.quantity]));
    if (remaining.some((entry) => entry.available < (wanted.get(entry.ticketTypeId) ?? 0))) return problem;
    const headroom = await poolHeadroomByTicketType(db, [params.eventId]).catch(
      () => new Map<string, number>(),
    );
    if (headroom.size === 0 || facts.types.length === 0) return problem;
    return new AppError(problem.code, problem.detail, {
      extra: {
        remaining: remaining.map((entry) => ({
          ticketTypeId: entry.ticketTypeId,
          available: Math.min(entry.available, headroom.get(entry.ticketTypeId) ?? entry.available),
        })),
      },
    });
  }

  function findFacts(params: repo.ReserveParams) {
    return repo.findReserveFacts(pool, {
      eventId: params.eventId,
      ticketTypeIds: params.items.map((item) => item.ticketTypeId),
      promoCode: params.promoCode,
      now: params.now,
      buyerEmail: params.buyerEmail,
      clientAddress: params.clientAddress,
      dateId: params.dateId ?? null,
    });
  }

  /** 422 DETAILS_REQUIRED while a required checkout answer is missing. */
  async function requireDetails(order: repo.OrderRow, event: EventRow): Promise<void> {
    const missing = deps.missingDetails ? await deps.missingDetails(order, event) : [];
    if (missing.length > 0)
      throw new AppError('DETAILS_REQUIRED', 'Answer the required questions before paying', {
        errors: missing.map(({ path, message }) => ({ path, message })),
        extra: { missing },
      });
  }

  /** A free order is paid at once, unless it waits for required details (then its `pay` confirms it). */
  async function completeFreeOrderIfReady(orderId: string): Promise<void> {
    if (deps.missingDetails) {
      const order = await repo.findOrder(db, orderId);
      const event = order && (await findEventById(db, order.eventId));
      if (order && event && (await deps.missingDetails(order, event)).length > 0) return;
    }
    await payments.completeFreeOrder(orderId);
  }

  /** Another request owns this key: answer what it answered (or will answer). */
  async function replayReserve(idempotency: IdempotencyRequest): Promise<StoredResponse> {
    const record = await findIdempotencyRecord(db, idempotency.scope, idempotency.key);
    if (!record)
      throw new AppError('REQUEST_IN_PROGRESS', 'Retry this request', {
        headers: { 'Retry-After': '1' },
      });
    const replay = replayOrConflict(record, idempotency.requestHash);
    if (replay) return withAccessToken(await resolveReplay(replay, idempotencyOptions({ withToken: true })));
    // Only a free order's key waits for its answer (stored after it is paid). Its request may have
    // died before paying it: complete it now (paying a paid free order changes nothing).
    if (record.resourceId) {
      await completeFreeOrderIfReady(record.resourceId);
      const response: StoredResponse = {
        status: 201,
        body: await loadView(record.resourceId, { withToken: true }),
      };
      await storeIdempotentResponse(db, idempotency, response, record.resourceId);
      return response;
    }
    throw new AppError(
      'REQUEST_IN_PROGRESS',
      'A request with this Idempotency-Key is still being processed',
      {
        headers: { 'Retry-After': '1' },
      },
    );
  }

  const bankTransfer = createBankTransferActions({
    db,
    clock,
    notifier: deps.notifier,
    announce: deps.announce,
    requireBuyer,
    authorize,
    requireDetails,
    loadView,
  });

  return {
    ...bankTransfer,

    async reserve(
      auth: AuthContext,
      input: CreateOrderBody,
      idempotencyKey: string | undefined,
      clientAddress?: string,
    ): Promise<StoredResponse> {
      const body = normalizedReserveBody(input);
      const now = clock.now();
      const buyerUserId = auth.kind === 'session' ? auth.userId : null;
      const idempotency = idempotencyKey ? reserveIdempotency(auth, idempotencyKey, body) : undefined;
      const orderId = randomUUID();
      const expiresAt = new Date(now.getTime() + deps.holdMinutes * 60_000);
      // The answer as presentOrder() renders it; the statement puts in the amounts, currency and
      // items it computes, and stores it with the key in the same round trip.
      const answer = presentOrder(
        { order: heldOrderTemplate({ orderId, body, buyerUserId, now, expiresAt }), items: [], tickets: [] },
        signer,
        now,
      );
      const params: repo.ReserveParams = {
        orderId,
        eventId: body.eventId,
        items: body.items,
        buyerName: body.buyer.name,
        buyerEmail: body.buyer.email,
        buyerUserId,
        promoCode: body.promoCode ?? null,
        accessCode: body.accessCode ?? null,
        now,
        expiresAt,
        idempotency: idempotency ?? null,
        answer,
        clientAddress: holdsPerAddress > 0 && clientAddress ? clientAddress : null,
        holdsPerAddressPerMinute: holdsPerAddress,
        dateId: body.dateId ?? null,
      };

      let outcome: Exclude<repo.ReserveOutcome, { kind: 'refused' }>;
      try {
        outcome = await reserveOnce(params, body);
      } catch (error) {
        // A rule break is the answer to this key too: the same request gets the same answer.
        // Unless another request with this key got there first: then its answer is the answer.
        // A refusal that can change with time (a rate limit, the buyer's limit) is not the answer:
        // the same request retried later runs again.
        if (
          idempotency &&
          error instanceof AppError &&
          isStorableRefusal(error) &&
          !(await rememberRefusal(idempotency, error))
        )
          return replayReserve(idempotency);
        throw error;
      }
      if (outcome.kind === 'keyTaken') {
        if (!idempotency) throw new Error('reserve without a key reported the key taken');
        return replayReserve(idempotency);
      }

      deps.announce?.(body.eventId);
      if (outcome.answer.totalCents > 0)
        return { status: 201, body: { ...outcome.answer, accessToken: tokens.tokenFor(orderId) } };
      faults.hit('orders.reserve.before-free-payment');
      // A free order is paid at once; answer (and remember) it with its tickets.
      await completeFreeOrderIfReady(orderId);
      const response: StoredResponse = { status: 201, body: await loadView(orderId, { withToken: true }) };
      if (idempotency) await storeIdempotentResponse(db, idempotency, response, orderId);
      return response;
    },

    async getOrder(auth: AuthContext, orderId: string, token: string | undefined): Promise<Order> {
      const { access } = await authorize(auth, orderId, token);
      if (!access.isBuyer && !access.organizerRole) throw notFound('Order');
      return loadView(orderId, { withToken: access.isBuyer });
    },

    async pay(
      auth: AuthContext,
      orderId: string,
      token: string | undefined,
      body: PayOrderBody,
      idempotencyKey: string | undefined,
    ): Promise<StoredResponse> {
      const { order, event } = await requireBuyer(auth, orderId, token);
      // Before any key is claimed: a missing answer is not this request's final answer.
      if (!hasBeenPaid(order)) await requireDetails(order, event);
      const idempotency = idempotencyKey
        ? { scope: `orders.pay:${orderId}`, key: idempotencyKey, requestHash: hashRequest(body) }
        : undefined;
      const answered = await runIdempotent(
        db,
        idempotency,
        idempotencyOptions({ withToken: true }),
        async () => {
          // No charge for an event that will not happen (a late payment would otherwise re-sell seats).
          if (
            event.status === 'cancelled' &&
            (order.status === 'reserved' || order.status === 'awaiting_payment' || order.status === 'expired')
          )
            throw new AppError('ORDER_NOT_PAYABLE', 'This event was cancelled; nothing was charged');
          // A free order that waited for its details: confirmed without a card.
          if (order.totalCents === 0 && !hasBeenPaid(order)) {
            const status = effectiveStatus(order, clock.now());
            if (status === 'expired')
              throw new AppError('HOLD_EXPIRED', 'Your hold expired; start a new order');
            if (status !== 'reserved')
              throw new AppError('ORDER_NOT_PAYABLE', `An order that is ${status} cannot be confirmed`);
            await payments.completeFreeOrder(orderId);
            return { status: 200, body: await loadView(orderId, { withToken: true }) };
          }
          if (provider.isSynchronous) {
            const outcome = await payments.chargeNow(orderId, body.card);
            if (outcome === 'declined')
              throw new AppError(
                'PAYMENT_DECLINED',
                'The card was declined; your tickets are still held, try another card',
              );
            // A crash here leaves the order paid and the key claimed: the retry finds it paid.
            faults.hit('orders.pay.after-charge');
            return { status: 200, body: await loadView(orderId, { withToken: true }) };
          }
          const clientSecret = await payments.startAsyncPayment(orderId);
          return { status: 200, body: await loadView(orderId, { withToken: true, clientSecret }) };
        },
      );
      return withAccessToken(answered);
    },

    async cancel(auth: AuthContext, orderId: string, token: string | undefined): Promise<Order> {
      const { order } = await requireBuyer(auth, orderId, token);
      if (order.status === 'cancelled') return loadView(orderId, { withToken: true });
      const now = clock.now();
      // A hold past its deadline is already expired (before any sweep), and expired is final.
      if (effectiveStatus(order, now) === 'expired')
        throw new AppError('ORDER_NOT_CANCELLABLE', 'An order that is expired cannot be cancelled');
      const closed = await repo.releaseHolds(pool, {
        now,
        limit: 1,
        orderIds: [orderId],
        status: 'cancelled',
        onlyPastDeadline: false,
      });
      if (closed.length === 0) {
        const current = await repo.findOrder(db, orderId);
        if (current?.status !== 'cancelled')
          throw new AppError(
            'ORDER_NOT_CANCELLABLE',
            `An order that is ${current?.status ?? 'gone'} cannot be cancelled`,
          );
      }
      deps.announce?.(order.eventId);
      return loadView(orderId, { withToken: true });
    },

    async refund(
      auth: Principal,
      orderId: string,
      body: RefundOrderBody,
      idempotencyKey: string | undefined,
    ): Promise<StoredResponse> {
      const { access, event } = await authorize(auth, orderId, undefined);
      if (!access.organizerRole) throw notFound('Order');
      if (!can(access.organizerRole, 'orders.refund')) throw forbidden('Only owners and admins can refund');
      if (body.ticketIds?.some((id) => !isUuid(id)))
        throw new AppError('VALIDATION_FAILED', 'Every ticket must be a ticket of this order', {
          errors: [{ path: 'ticketIds', message: 'unknown ticket' }],
        });
      const idempotency = idempotencyKey
        ? { scope: `orders.refund:${orderId}`, key: idempotencyKey, requestHash: hashRequest(body) }
        : undefined;
      return runIdempotent(db, idempotency, idempotencyOptions({ withToken: false }), async () => {
        // The refund, its audit entry and "this key is done" commit together: a retry after a
        // crash past this point re-renders the answer and never refunds twice.
        await payments.refund(
          orderId,
          { ...body, reason: 'organizer' },
          {
            // A request that lost its key to a takeover (heartbeats missed, not dead) and finds the
            // other run finished first moves no money: it answers what that run answered.
            beforeRefund: async (tx) => {
              if (idempotency && !(await lockOpenClaim(tx, idempotency))) throw new ClaimAnswered();
            },
            inTransaction: async (tx) => {
              await recordAudit(tx, {
                organizationId: event.organizationId,
                auth,
                action: 'order.refund',
                targetType: 'order',
                targetId: orderId,
                details: { amountCents: body.amountCents ?? null, ticketIds: body.ticketIds ?? null },
              });
              if (idempotency) await markIdempotentDone(tx, idempotency, 200, orderId);
            },
          },
        );
        faults.hit('orders.refund.after-commit');
        return { status: 200, body: await loadView(orderId) };
      });
    },

    /**
     * An order the organizer issues (comp or cash): counted against capacity like any sale (one
     * conditional statement: no oversell), paid at once, its tickets issued and emailed unless
     * `sendEmail` is false. Sale windows and per-order limits are the organizer's to override.
     */
    async createManualOrder(auth: Principal, eventId: string, body: CreateManualOrderBody): Promise<Order> {
      const { event } = await authorizeEvent(db, auth, eventId, 'events.manage');
      if (event.status === 'cancelled')
        throw new AppError('EVENT_CANCELLED', 'This event is cancelled and can no longer change');
      const types = new Set((await listTicketTypes(db, event.id)).map((type) => type.id));
      body.items.forEach((item, index) => {
        if (!types.has(item.ticketTypeId))
          throw new AppError('TICKET_TYPE_NOT_IN_EVENT', 'A ticket type does not belong to this event', {
            errors: [{ path: `items.${index}.ticketTypeId`, message: 'not a ticket type of this event' }],
          });
        if (item.quantity < 1 || item.quantity > 100)
          throw new AppError('QUANTITY_OUT_OF_RANGE', 'Each quantity must be between 1 and 100', {
            errors: [{ path: `items.${index}.quantity`, message: 'must be between 1 and 100' }],
          });
      });
      const dateId = await resolveOrderDate(db, event.id, body.dateId);
      const stockRows = await stockRowsOn(
        db,
        event.id,
        dateId,
        body.items.map((item) => item.ticketTypeId),
      );
      const stockItems = body.items.map((item) => ({
        ...item,
        stockTypeId: stockRows.get(item.ticketTypeId),
      }));
      const orderId = randomUUID();
      const now = clock.now();
      await db.transaction(async (tx) => {
        const prices = await repo.takeManualStock(tx, event.id, stockItems);
        if (!prices) {
          const left = await listStockRows(tx, event.id, dateId);
          throw new AppError('SOLD_OUT', 'Not enough tickets left for this order', {
            extra: {
              remaining: body.items.map((item) => {
                const stock = left.find((candidate) => candidate.ticketTypeId === item.ticketTypeId);
                return {
                  ticketTypeId: item.ticketTypeId,
                  available: stock ? Math.max(0, stock.capacity - stock.sold - stock.held) : 0,
                };
              }),
            },
          });
        }
        // Tax as at any sale; no service fee at the box office; a comp order is all discount.
        const money = await priceCart(tx, {
          eventId: event.id,
          items: stockItems.map((item) => ({ ...item, unitPriceCents: prices.get(item.ticketTypeId) ?? 0 })),
          discount: body.paymentMethod === 'comp' ? { percentOff: 100 } : null,
          withFee: false,
        });
        const order = await repo.insertManualOrder(tx, {
          id: orderId,
          eventId: event.id,
          buyerName: body.buyer.name,
          buyerEmail: body.buyer.email,
          currency: event.currency,
          paymentMethod: body.paymentMethod,
          money,
          items: stockItems,
          now,
          dateId,
        });
        await issueTickets(tx, order, body.items);
        if (order.totalCents > 0) await payments.recordCashPayment(tx, order);
        if (body.sendEmail !== false) await deps.notifier?.orderConfirmed(tx, order);
        await recordAudit(tx, {
          organizationId: event.organizationId,
          auth,
          action: 'order.create_manual',
          targetType: 'order',
          targetId: orderId,
          details: {
            paymentMethod: body.paymentMethod,
            totalCents: order.totalCents,
            sendEmail: body.sendEmail !== false,
          },
        });
      });
      deps.announce?.(event.id);
      return loadView(orderId, { withToken: true });
    },

    /** For ticket PDFs and other buyer-only reads. */
    requireBuyer,
    /** The order, its event and what the caller is to it (buyer, organizer role); 404 when unknown. */
    authorize,
    loadView,
  };
}

export type OrdersService = ReturnType<typeof createOrdersService>;

/**
 * The reserve body as the statement compares it, refused early where it cannot name anything.
 * PostgreSQL reads uuids in any case but answers them in lower case: compare like with like.
 */
function normalizedReserveBody(input: CreateOrderBody): CreateOrderBody {
  const body: CreateOrderBody = {
    ...input,
    eventId: input.eventId.toLowerCase(),
    items: input.items.map((item) => ({ ...item, ticketTypeId: item.ticketTypeId.toLowerCase() })),
  };
  if (!isUuid(body.eventId)) throw notFound('Event');
  body.items.forEach((item, index) => {
    if (!isUuid(item.ticketTypeId))
      throw new AppError('TICKET_TYPE_NOT_IN_EVENT', 'A ticket type does not belong to this event', {
        errors: [{ path: `items.${index}.ticketTypeId`, message: 'not a ticket type of this event' }],
      });
    if (item.quantity < 1)
      throw new AppError('QUANTITY_OUT_OF_RANGE', 'Each quantity must be at least 1', {
        errors: [{ path: `items.${index}.quantity`, message: 'must be at least 1' }],
      });
  });
  return body;
}

/**
 * Keys belong to their caller: each user, each API key (integrations reuse their own order numbers,
 * so two tenants' keys collide), and anonymous buyers together.
 */
function reserveIdempotency(auth: AuthContext, key: string, body: CreateOrderBody): IdempotencyRequest {
  const caller =
    auth.kind === 'session' ? auth.userId : auth.kind === 'apiKey' ? `apikey:${auth.apiKeyId}` : 'anonymous';
  return { scope: `orders.create:${caller}`, key, requestHash: hashRequest(body) };
}

/** A new hold before the statement fills in its amounts, currency and items. */
function heldOrderTemplate(hold: {
  orderId: string;
  body: CreateOrderBody;
  buyerUserId: string | null;
  now: Date;
  expiresAt: Date;
}): repo.OrderRow {
  return {
    id: hold.orderId,
    eventId: hold.body.eventId,
    status: 'reserved',
    buyerName: hold.body.buyer.name,
    buyerEmail: hold.body.buyer.email,
    buyerUserId: hold.buyerUserId,
    promoCodeId: null,
    subtotalCents: 0,
    discountCents: 0,
    feeCents: 0,
    feePassedOn: true,
    taxCents: 0,
    taxAddedCents: 0,
    totalCents: 0,
    refundedCents: 0,
    currency: '',
    billingDetails: null,
    expiresAt: hold.expiresAt,
    createdAt: hold.now,
    paidAt: null,
    closedAt: null,
    paymentMethod: null,
    bankReference: null,
    bankInstructions: null,
    bankTransferAt: null,
    dateId: hold.body.dateId ?? null,
  };
}

import type {
  AuditAction,
  CreateWebhookBody,
  UpdateWebhookBody,
  Webhook,
  WebhookDeliveriesQuery,
  WebhookDelivery,
  WebhookDeliveryPage,
  WebhookEventType,
  WebhookList,
} from '@zevents/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Principal } from '../../http/auth-context';
import { AppError, notFound } from '../../http/errors';
import type { Clock } from '../../shared/clock';
import { isUuid } from '../../shared/ids';
import { decodeCursor, toPage } from '../../shared/pagination';
import { recordAudit } from '../audit';
import { type Permission, requireOrganizationPermission } from '../organizations';
import type { WebhookDispatcher } from './webhook-dispatcher';
import { newWebhookSecret } from './webhook-signature';
import * as repo from './webhooks.repository';

/** Enough for every integration an organization runs; a runaway script is stopped here. */
export const MAX_WEBHOOKS_PER_ORGANIZATION = 20;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

function presentWebhook(row: repo.WebhookRow): Webhook {
  return {
    id: row.id,
    organizationId: row.organizationId,
    url: row.url,
    description: row.description,
    events: row.eventTypes as WebhookEventType[],
    active: row.active,
    secret: row.secret,
    failingSince: iso(row.failingSince),
    disabledAt: iso(row.disabledAt),
    disabledReason: row.disabledReason,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function presentDelivery(row: repo.DeliveryLogRow): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhookId,
    eventId: row.webhookEventId,
    eventType: row.eventType,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? iso(row.nextAttemptAt ?? row.createdAt) : null,
    lastAttemptAt: iso(row.lastAttemptAt),
    responseStatus: row.responseStatus,
    durationMs: row.durationMs,
    responseBody: row.responseBody,
    error: row.error,
    isManual: row.isManual,
    createdAt: row.createdAt.toISOString(),
    deliveredAt: iso(row.deliveredAt),
  };
}

/**
 * Checks that a principal holds `permission` in the organization of a webhook: unknown and foreign
 * webhooks are both 404. The router calls it for every `{webhookId}` path.
 */
export async function authorizeWebhook(
  db: DbOrTx,
  auth: Principal,
  webhookId: string,
  permission: Permission,
): Promise<repo.WebhookRow> {
  const webhook = isUuid(webhookId) ? await repo.findWebhook(db, webhookId) : undefined;
  if (!webhook) throw notFound('Webhook');
  try {
    await requireOrganizationPermission(db, auth, webhook.organizationId, permission);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound('Webhook');
    throw error;
  }
  return webhook;
}

/** An organization's endpoints, their delivery log, redeliveries and the test button. */
export function createWebhooksService(deps: { db: Db; clock: Clock; dispatcher: WebhookDispatcher }) {
  const { db, clock, dispatcher } = deps;

  const audit = (tx: DbOrTx, auth: Principal, webhook: repo.WebhookRow, action: AuditAction, details = {}) =>
    recordAudit(tx, {
      organizationId: webhook.organizationId,
      auth,
      action,
      targetType: 'webhook',
      targetId: webhook.id,
      details: { url: webhook.url, ...details },
    });

  /** Longer than an attempt can take (10 s): the request sends it itself meanwhile. */
  const claimedUntil = () => new Date(clock.now().getTime() + 60_000);

  async function deliveryOf(webhookId: string, deliveryId: string): Promise<WebhookDelivery> {
    const row = await repo.findDelivery(db, deliveryId);
    if (!row || row.webhookId !== webhookId) throw notFound('Delivery');
    return presentDelivery(row);
  }

  return {
    async create(auth: Principal, organizationId: string, body: CreateWebhookBody): Promise<Webhook> {
      await requireOrganizationPermission(db, auth, organizationId, 'organization.manage');
      const now = clock.now();
      const row = await db.transaction(async (tx) => {
        if ((await repo.countWebhooks(tx, organizationId)) >= MAX_WEBHOOKS_PER_ORGANIZATION)
          throw new AppError(
            'WEBHOOK_LIMIT_REACHED',
            `An organization has at most ${MAX_WEBHOOKS_PER_ORGANIZATION} webhooks; delete one first`,
          );
        const webhook = await repo.insertWebhook(tx, {
          organizationId,
          url: body.url,
          description: body.description ?? null,
          eventTypes: body.events,
          active: body.active,
          secret: newWebhookSecret(),
          createdAt: now,
          updatedAt: now,
        });
        await audit(tx, auth, webhook, 'webhook.create', { events: body.events });
        return webhook;
      });
      return presentWebhook(row);
    },

    async list(auth: Principal, organizationId: string): Promise<WebhookList> {
      await requireOrganizationPermission(db, auth, organizationId, 'organization.manage');
      return { items: (await repo.listWebhooks(db, organizationId)).map(presentWebhook) };
    },

    async get(auth: Principal, webhookId: string): Promise<Webhook> {
      return presentWebhook(await authorizeWebhook(db, auth, webhookId, 'organization.manage'));
    },

    async update(auth: Principal, webhookId: string, body: UpdateWebhookBody): Promise<Webhook> {
      const webhook = await authorizeWebhook(db, auth, webhookId, 'organization.manage');
      const now = clock.now();
      // Turning it on again starts its health afresh.
      const isTurnedOn = body.active === true && !webhook.active;
      const row = await db.transaction(async (tx) => {
        const updated = await repo.updateWebhook(tx, webhook.id, {
          ...(body.url !== undefined ? { url: body.url } : {}),
          ...(body.events !== undefined ? { eventTypes: body.events } : {}),
          ...(body.description !== undefined ? { description: body.description } : {}),
          ...(body.active !== undefined ? { active: body.active } : {}),
          ...(isTurnedOn ? { failingSince: null, disabledAt: null, disabledReason: null } : {}),
          updatedAt: now,
        });
        if (!updated) throw notFound('Webhook');
        await audit(tx, auth, updated, 'webhook.update', { fields: Object.keys(body) });
        return updated;
      });
      return presentWebhook(row);
    },

    async remove(auth: Principal, webhookId: string): Promise<void> {
      const webhook = await authorizeWebhook(db, auth, webhookId, 'organization.manage');
      await db.transaction(async (tx) => {
        await repo.deleteWebhook(tx, webhook.id);
        await audit(tx, auth, webhook, 'webhook.delete');
      });
    },

    async deliveries(
      auth: Principal,
      webhookId: string,
      query: WebhookDeliveriesQuery,
    ): Promise<WebhookDeliveryPage> {
      const webhook = await authorizeWebhook(db, auth, webhookId, 'organization.manage');
      const cursor = decodeCursor(query.cursor, 'text');
      if (cursor && !/^\d{1,18}$/.test(cursor.k))
        throw new AppError('VALIDATION_FAILED', 'The cursor is not one this API issued', {
          errors: [{ path: 'cursor', message: 'invalid cursor' }],
        });
      const rows = await repo.listDeliveries(db, webhook.id, {
        limit: query.limit,
        beforeSeq: cursor ? Number(cursor.k) : undefined,
        status: query.status,
      });
      return toPage(rows, query.limit, presentDelivery, (row) => ({ k: String(row.seq), id: row.id }));
    },

    async delivery(auth: Principal, webhookId: string, deliveryId: string): Promise<WebhookDelivery> {
      const webhook = await authorizeWebhook(db, auth, webhookId, 'organization.manage');
      return deliveryOf(webhook.id, deliveryId);
    },

    /**
     * Sends an event again, now, with its original id (receivers de-duplicate on it); the answer
     * is the new delivery with its outcome. Works on a turned-off endpoint too: that is how an
     * owner checks it is fixed before turning it on.
     */
    async redeliver(auth: Principal, webhookId: string, deliveryId: string): Promise<WebhookDelivery> {
      const webhook = await authorizeWebhook(db, auth, webhookId, 'organization.manage');
      const original = await repo.findDelivery(db, deliveryId);
      if (!original || original.webhookId !== webhook.id) throw notFound('Delivery');
      const delivery = await db.transaction(async (tx) => {
        const created = await repo.insertManualDelivery(
          tx,
          {
            organizationId: webhook.organizationId,
            webhookId: webhook.id,
            webhookEventId: original.webhookEventId,
            resourceId: original.resourceId,
          },
          claimedUntil(),
        );
        await audit(tx, auth, webhook, 'webhook.redeliver', { deliveryId: original.id });
        return created;
      });
      await dispatcher.deliverNow(delivery.id);
      return deliveryOf(webhook.id, delivery.id);
    },

    /** A `webhook.test` event sent now to this endpoint alone; the answer shows what it replied. */
    async sendTest(auth: Principal, webhookId: string): Promise<WebhookDelivery> {
      const webhook = await authorizeWebhook(db, auth, webhookId, 'organization.manage');
      const delivery = await repo.insertTestEvent(
        db,
        webhook,
        {
          object: 'webhook',
          id: webhook.id,
          url: webhook.url,
          message: 'A test event from Z-Events: this endpoint receives and verifies deliveries.',
        },
        claimedUntil(),
      );
      await dispatcher.deliverNow(delivery.id);
      return deliveryOf(webhook.id, delivery.id);
    },
  };
}

export type WebhooksService = ReturnType<typeof createWebhooksService>;

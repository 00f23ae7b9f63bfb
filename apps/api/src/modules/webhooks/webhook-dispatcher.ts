import type { Logger } from 'pino';
import type { Db } from '../../db/client';
import type { Clock } from '../../shared/clock';
import * as repo from './webhooks.repository';
import { sendWebhook } from './webhook-sender';

const HOUR_MS = 3_600_000;
/** An automatic delivery is retried for this long; an endpoint failing this long is turned off. */
export const GIVE_UP_AFTER_MS = 72 * HOUR_MS;
/** A claimed delivery whose dispatcher died is free again after this (longer than any attempt). */
const LEASE_MS = 60_000;

/**
 * Wait before retry n (n = attempts made so far): a blip (a deploy, a restart) is over within
 * seconds, an outage takes longer: 2 s, 10 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, then every
 * 6 h, each with ±10% jitter so that an endpoint that was down is not hit by every retry in the
 * same second. About 20 attempts fit in the three days.
 */
const RETRY_DELAYS_MS = [
  2_000,
  10_000,
  30_000,
  120_000,
  600_000,
  1_800_000,
  HOUR_MS,
  2 * HOUR_MS,
  4 * HOUR_MS,
];

export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = RETRY_DELAYS_MS[Math.max(0, attempts - 1)] ?? 6 * HOUR_MS;
  return Math.round(base * (0.9 + 0.2 * random()));
}

/** What the dispatcher tells the owners when it turns an endpoint off (the notifications module mails it). */
export type WebhookDisabledNotice = (
  tx: Parameters<Parameters<Db['transaction']>[0]>[0],
  notice: { webhookId: string; organizationId: string; url: string; failingSince: Date; disabledAt: Date },
) => Promise<void>;

export interface WebhookDispatcherDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Deliveries to loopback, private and link-local addresses (WEBHOOKS_ALLOW_PRIVATE). */
  allowPrivate: boolean;
  onDisabled: WebhookDisabledNotice;
  timeoutMs?: number;
  /** Sends at once at most this many (each to a different endpoint or resource). */
  batchSize?: number;
}

/**
 * Sends webhook deliveries: signed, in order per resource, retried with backoff for three days;
 * an endpoint that fails all that time is turned off and its owners are told.
 */
export function createWebhookDispatcher(deps: WebhookDispatcherDeps) {
  const { db, clock, logger } = deps;

  async function attempt(delivery: repo.ClaimedDelivery): Promise<void> {
    const sentAt = clock.now();
    const body = JSON.stringify({
      id: delivery.eventId,
      type: delivery.eventType,
      created: Math.floor(delivery.eventCreatedAt.getTime() / 1000),
      data: delivery.data,
    });
    const outcome = await sendWebhook(
      {
        url: delivery.url,
        secret: delivery.secret,
        body,
        sentAt,
        headers: {
          'Z-Events-Event-Id': delivery.eventId,
          'Z-Events-Event-Type': delivery.eventType,
          'Z-Events-Delivery-Id': delivery.id,
          'Z-Events-Delivery-Attempt': String(delivery.attempts),
        },
      },
      { allowPrivate: deps.allowPrivate, ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}) },
    );
    const at = clock.now();
    const isGivingUp =
      !outcome.isSuccess &&
      (delivery.isManual || at.getTime() - delivery.createdAt.getTime() >= GIVE_UP_AFTER_MS);
    await db.transaction(async (tx) => {
      await repo.recordAttempt(tx, delivery.id, {
        at,
        status: outcome.isSuccess ? 'succeeded' : isGivingUp ? 'failed' : 'pending',
        nextAttemptAt:
          outcome.isSuccess || isGivingUp ? null : new Date(at.getTime() + retryDelayMs(delivery.attempts)),
        responseStatus: outcome.status,
        durationMs: outcome.durationMs,
        responseBody: outcome.responseExcerpt,
        error:
          isGivingUp && !delivery.isManual
            ? `${outcome.error ?? 'failed'}; gave up after 3 days`
            : outcome.error,
      });
      if (outcome.isSuccess) return repo.markWebhookHealthy(tx, delivery.webhookId);
      // A test or a redelivery someone is watching says nothing new about the endpoint's health.
      if (delivery.isManual) return;
      const webhook = await repo.markWebhookFailing(tx, delivery.webhookId, at);
      if (!webhook?.failingSince || at.getTime() - webhook.failingSince.getTime() < GIVE_UP_AFTER_MS) return;
      const reason = 'every delivery failed for 3 days';
      if (await repo.disableWebhook(tx, webhook.id, at, reason)) {
        await deps.onDisabled(tx, {
          webhookId: webhook.id,
          organizationId: webhook.organizationId,
          url: webhook.url,
          failingSince: webhook.failingSince,
          disabledAt: at,
        });
        logger.warn({ webhookId: webhook.id }, 'webhook turned off after 3 days of failures');
      }
    });
  }

  return {
    /** Sends what is due now, at most one batch; returns how many attempts were made. */
    async dispatchDue(): Promise<number> {
      const claimed = await repo.claimDueDeliveries(db, {
        now: clock.now(),
        limit: deps.batchSize ?? 20,
        leaseMs: LEASE_MS,
      });
      await Promise.all(claimed.map((delivery) => attempt(delivery)));
      return claimed.length;
    },

    /** One manual delivery (a redelivery, a test event), sent now by whoever asked for it. */
    async deliverNow(deliveryId: string): Promise<void> {
      const [claimed] = await repo.claimDueDeliveries(db, {
        now: clock.now(),
        limit: 1,
        leaseMs: LEASE_MS,
        onlyDeliveryId: deliveryId,
      });
      if (claimed) await attempt(claimed);
    },
  };
}

export type WebhookDispatcher = ReturnType<typeof createWebhookDispatcher>;

/**
 * Runs the dispatcher on a worker: again at once while there is a full batch of work, otherwise
 * every `intervalMs`. Several workers share the work (claims skip what another one holds).
 */
export function startWebhookDispatcher(deps: {
  dispatcher: WebhookDispatcher;
  logger: Logger;
  intervalMs?: number;
  batchSize?: number;
}) {
  const intervalMs = deps.intervalMs ?? 500;
  let timer: NodeJS.Timeout | undefined;
  let isStopped = false;
  const tick = async () => {
    let sent = 0;
    try {
      sent = await deps.dispatcher.dispatchDue();
    } catch (error) {
      deps.logger.warn({ err: error }, 'webhook dispatch failed; retrying');
    }
    if (!isStopped) timer = setTimeout(() => void tick(), sent >= (deps.batchSize ?? 20) ? 0 : intervalMs);
  };
  timer = setTimeout(() => void tick(), intervalMs);
  return {
    stop() {
      isStopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

import type { Logger } from 'pino';
import type { ApplePassSettings } from '../../config';
import type { Db, DbOrTx } from '../../db/client';
import type { Enqueuer } from '../../jobs/job-queue';
import { handleJob } from '../../jobs/job-registry';
import { type PushOutcome, pushToDevices } from './apns-client';
import { deleteRegistrationsOfPushToken, listPushTokensOfEvent } from './wallet.repository';
import { PUSH_PASS_UPDATES } from './wallet.jobs';

/**
 * Queues the push that makes iPhones fetch an event's passes at once (the event moved, changed
 * venue or was cancelled) instead of when the holder next opens the pass. Call it inside the
 * change's transaction, and only when Apple passes are configured: the job then exists exactly
 * when the change committed, and never on a platform that has no certificate to push with.
 */
export async function queuePassUpdates(
  tx: DbOrTx,
  enqueuer: Pick<Enqueuer, 'enqueue'>,
  eventId: string,
): Promise<void> {
  await enqueuer.enqueue(tx, PUSH_PASS_UPDATES, { eventId });
}

/**
 * For each device registered for a pass of the event, an empty push to APNs with the pass type as
 * topic, over TLS with the Pass Type ID certificate that signs the passes (Apple's rule for Wallet).
 * Apple then calls GET /api/wallet/v1/devices/... and /passes/..., which answer with what changed.
 * A device Apple says is gone (410, or 400 BadDeviceToken) loses its registrations; other refusals
 * are logged, not retried: only an unreachable APNs makes the job fail (pg-boss retries it, and a
 * second push to a device that already had one is harmless).
 */
export function createPushPassUpdatesJob(deps: {
  db: Db;
  apple: ApplePassSettings | undefined;
  logger: Logger;
}) {
  return handleJob(PUSH_PASS_UPDATES, async ({ eventId }) => {
    const { apple } = deps;
    if (!apple) {
      // Queued by an API process with Apple settings, taken by a worker without: fix the worker's config.
      deps.logger.warn({ eventId }, 'wallet pass push skipped: this worker has no APPLE_PASS_* settings');
      return;
    }
    const pushTokens = await listPushTokensOfEvent(deps.db, { eventId, passTypeId: apple.passTypeId });
    if (pushTokens.length === 0) return;
    const outcomes = await pushToDevices(
      {
        url: apple.apnsUrl,
        cert: apple.signerCert,
        key: apple.signerKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        ca: apple.apnsCa,
      },
      { topic: apple.passTypeId, pushTokens },
    );
    let gone = 0;
    const failures: Array<{ status?: number; reason: string }> = [];
    for (const outcome of outcomes) {
      if (isDeviceGone(outcome)) {
        await deleteRegistrationsOfPushToken(deps.db, {
          passTypeId: apple.passTypeId,
          pushToken: outcome.pushToken,
        });
        gone++;
      } else if ('error' in outcome) failures.push({ reason: outcome.error.message });
      else if (outcome.status !== 200)
        failures.push({ status: outcome.status, reason: outcome.reason ?? '' });
    }
    const summary = { eventId, devices: outcomes.length, gone, failed: failures.length };
    if (failures.length > 0)
      deps.logger.warn(
        { ...summary, failures: failures.slice(0, 10) },
        'wallet pass push refused for some devices',
      );
    else deps.logger.info(summary, 'wallet pass push sent');
  });
}

function isDeviceGone(outcome: PushOutcome): boolean {
  if ('error' in outcome) return false;
  return outcome.status === 410 || (outcome.status === 400 && outcome.reason === 'BadDeviceToken');
}

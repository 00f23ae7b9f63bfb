import type { Logger } from 'pino';
import type { Db } from '../../db/client';
import { handleJob } from '../../jobs/job-registry';
import type { Clock } from '../../shared/clock';
import { type EmailComposer, EmailNoLongerRelevant, ReminderNotDueYet } from './email-composer';
import type { Mailer } from './mailer';
import {
  claimEmail,
  deleteEmail,
  findEmail,
  markDelivered,
  markFailed,
  markSkipped,
} from './outbox.repository';
import { SEND_EMAIL, SEND_EMAIL_RETRIES } from './notifications.jobs';

/**
 * Sends one outbox message. The row is claimed (`sending`) before SMTP, so a retry after a crash
 * never sends a reminder twice; confirmations take a stale claim again, so none is ever lost.
 * Failures retry with backoff (pg-boss), then land in the dead-letter queue and the row turns `dead`;
 * a message that no longer has to go out (e.g. a reminder for a cancelled event) turns `skipped`.
 */
export function createSendEmailJob(deps: {
  db: Db;
  mailer: Mailer;
  compose: EmailComposer;
  clock: Clock;
  logger: Logger;
  /**
   * Whether the outbox keeps each sent message's HTML and text (for the development mailbox). Off in
   * production: at ~35 kB a message, 100,000 confirmations would be 3.5 GB of copies nobody reads.
   */
  keepSentBodies?: boolean;
}) {
  return handleJob(SEND_EMAIL, async ({ emailId }, context) => {
    const now = deps.clock.now();
    // Reminders: at most once, so a claim left by a crashed worker is never taken again (the claim's
    // statement knows the kind: one round trip for the message that goes out, the usual case).
    const peek = await claimEmail(deps.db, emailId, now);
    if (!peek) {
      // Gone, already sent, or claimed by another attempt. That attempt may have died (a worker
      // stopped mid-send fails its jobs, which come back here within seconds): every message but a
      // reminder must still go out, so try again later, when a dead attempt's claim has gone stale.
      const current = await findEmail(deps.db, emailId);
      if (current && current.kind !== 'reminder' && current.status === 'sending')
        throw new Error('email is being sent by another attempt; checking again later');
      return;
    }
    try {
      const composed = await deps.compose(peek);
      if (deps.mailer.isDelivering) {
        await deps.mailer.send({
          to: peek.recipient,
          subject: composed.subject,
          html: composed.html,
          text: composed.text,
          attachments: composed.attachments,
          headers: { 'X-Z-Events-Email-Id': emailId, 'X-Z-Events-Kind': peek.kind },
        });
      }
      await markDelivered(deps.db, emailId, {
        status: deps.mailer.isDelivering ? 'sent' : 'captured',
        subject: composed.subject,
        html: deps.keepSentBodies === false ? null : composed.html,
        text: deps.keepSentBodies === false ? null : composed.text,
        attachmentNames: composed.attachments.map((a) => a.filename),
        at: deps.clock.now(),
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof EmailNoLongerRelevant) {
        await markSkipped(deps.db, emailId, message);
        return;
      }
      if (error instanceof ReminderNotDueYet) {
        // The event moved later after this reminder was queued: forget the row (nothing was sent), so
        // the reminder scan records it again when it is due at the new time.
        await deleteEmail(deps.db, emailId);
        return;
      }
      // The queue knows whether this was the last attempt (tests shorten the retries); without it
      // (a direct call), count attempts.
      const isDead = context ? context.isLastAttempt : peek.attempts > SEND_EMAIL_RETRIES;
      await markFailed(deps.db, emailId, message, isDead);
      deps.logger.warn({ emailId, attempts: peek.attempts, err: error }, 'email send failed');
      throw error;
    }
  });
}

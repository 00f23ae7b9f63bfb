import { randomUUID } from 'node:crypto';
import type { DbOrTx } from '../../db/client';
import type { Enqueuer } from '../../jobs/job-queue';
import { SEND_EMAIL } from './notifications.jobs';
import {
  type EmailKind,
  type EmailRow,
  insertEmail,
  insertEventChangedEmails,
  insertEventMessageEmails,
  findEmailIdByDedupeKey,
  type NewEmail,
} from './outbox.repository';

/**
 * Records messages in the outbox and enqueues their sending, always inside the caller's
 * transaction (invariant 6): a message exists exactly when the change that caused it committed.
 */
export function createNotifier(deps: { enqueuer: Enqueuer }) {
  const queue = async (tx: DbOrTx, email: NewEmail): Promise<void> => {
    const id = await insertEmail(tx, email);
    if (id) await deps.enqueuer.enqueue(tx, SEND_EMAIL, { emailId: id });
  };

  return {
    orderConfirmed: (tx: DbOrTx, order: { id: string; eventId: string; buyerEmail: string }) =>
      queue(tx, {
        dedupeKey: `order-confirmation:${order.id}`,
        kind: 'order_confirmation',
        recipient: order.buyerEmail,
        params: {},
        eventId: order.eventId,
        orderId: order.id,
      }),

    /** A buyer joined a waiting list: the confirmation, with the link that leaves it. */
    waitlistJoined: (
      tx: DbOrTx,
      entry: { id: string; eventId: string; email: string; params: Record<string, unknown> },
    ) =>
      queue(tx, {
        dedupeKey: `waitlist-joined:${entry.id}`,
        kind: 'waitlist_joined',
        recipient: entry.email,
        params: entry.params,
        eventId: entry.eventId,
        orderId: null,
      }),

    /** Tickets are held for a waiting-list entry: the offer, linking to the checkout of its hold. */
    waitlistOffer: (
      tx: DbOrTx,
      offer: {
        entryId: string;
        orderId: string;
        eventId: string;
        email: string;
        params: Record<string, unknown>;
      },
    ) =>
      queue(tx, {
        dedupeKey: `waitlist-offer:${offer.entryId}:${offer.orderId}`,
        kind: 'waitlist_offer',
        recipient: offer.email,
        params: offer.params,
        eventId: offer.eventId,
        orderId: offer.orderId,
      }),

    /** Three days of failed deliveries turned an endpoint off: each owner is told once. */
    async webhookDisabled(
      tx: DbOrTx,
      notice: {
        webhookId: string;
        url: string;
        organizationId: string;
        organizationName: string;
        failingSince: Date;
        disabledAt: Date;
        recipients: string[];
      },
    ): Promise<void> {
      for (const recipient of notice.recipients)
        await queue(tx, {
          dedupeKey: `webhook-disabled:${notice.webhookId}:${notice.disabledAt.toISOString()}:${recipient}`,
          kind: 'webhook_disabled',
          recipient,
          params: {
            webhookId: notice.webhookId,
            url: notice.url,
            organizationId: notice.organizationId,
            organizationName: notice.organizationName,
            failingSince: notice.failingSince.toISOString(),
            disabledAt: notice.disabledAt.toISOString(),
          },
          eventId: null,
          orderId: null,
        });
    },

    /**
     * Sends a message again, rendered from current data at send time (a new row: the log keeps
     * both), to its recipient or a corrected address. Returns the new email's id.
     */
    async sendAgain(
      tx: DbOrTx,
      email: Pick<EmailRow, 'kind' | 'recipient' | 'params' | 'eventId' | 'orderId'>,
      recipient = email.recipient,
    ): Promise<string> {
      const id = await insertEmail(tx, {
        // A logged email's kind was an EmailKind when it was recorded.
        kind: email.kind as EmailKind,
        params: email.params as Record<string, unknown>,
        eventId: email.eventId,
        orderId: email.orderId,
        recipient,
        dedupeKey: `resend:${randomUUID()}`,
      });
      if (!id) throw new Error('a resent email collided with another');
      await deps.enqueuer.enqueue(tx, SEND_EMAIL, { emailId: id });
      return id;
    },

    /**
     * A ticket changed hands: the new holder gets it (its link and PDF are built at send time, and
     * only while the ticket is still theirs), the buyer is told it is no longer theirs.
     */
    async ticketTransferred(
      tx: DbOrTx,
      order: { id: string; eventId: string; buyerEmail: string },
      transfer: {
        ticketId: string;
        code: string;
        previousCode: string;
        fromName: string;
        toName: string;
        toEmail: string;
      },
    ): Promise<void> {
      await queue(tx, {
        dedupeKey: `ticket-received:${transfer.ticketId}:${transfer.code}`,
        kind: 'ticket_received',
        recipient: transfer.toEmail,
        params: { ticketId: transfer.ticketId, code: transfer.code, fromName: transfer.fromName },
        eventId: order.eventId,
        orderId: order.id,
      });
      await queue(tx, {
        dedupeKey: `ticket-transfer-notice:${transfer.ticketId}:${transfer.code}`,
        kind: 'ticket_transfer_notice',
        recipient: order.buyerEmail,
        params: { ticketId: transfer.ticketId, previousCode: transfer.previousCode, toName: transfer.toName },
        eventId: order.eventId,
        orderId: order.id,
      });
    },

    /** A message to an event's attendees: one email per address, each sent by its own job. */
    async eventMessage(
      tx: DbOrTx,
      message: { id: string; eventId: string; ticketTypeIds: readonly string[]; checkedIn: boolean | null },
    ): Promise<number> {
      const ids = await insertEventMessageEmails(tx, message);
      await deps.enqueuer.enqueueMany(
        tx,
        SEND_EMAIL,
        ids.map((emailId) => ({ emailId })),
      );
      return ids.length;
    },

    refundIssued: (
      tx: DbOrTx,
      order: { id: string; eventId: string; buyerEmail: string },
      // refundId: the refunds row, whose credit note the notice attaches (found by amount without it).
      refund: { id: string; amountCents: number; isFull: boolean; refundId?: string },
    ) =>
      queue(tx, {
        dedupeKey: `refund:${refund.id}`,
        kind: 'refund_notice',
        recipient: order.buyerEmail,
        params: {
          amountCents: refund.amountCents,
          isFull: refund.isFull,
          ...(refund.refundId ? { refundId: refund.refundId } : {}),
        },
        eventId: order.eventId,
        orderId: order.id,
      }),

    latePaymentRefunded: (
      tx: DbOrTx,
      order: { id: string; eventId: string; buyerEmail: string },
      payment: { id: string; amountCents: number },
    ) =>
      queue(tx, {
        dedupeKey: `late-payment-refunded:${payment.id}`,
        kind: 'late_payment_refunded',
        recipient: order.buyerEmail,
        params: { amountCents: payment.amountCents },
        eventId: order.eventId,
        orderId: order.id,
      }),

    eventCancelled: (
      tx: DbOrTx,
      order: { id: string; eventId: string; buyerEmail: string },
      refundedCents: number,
    ) =>
      queue(tx, {
        dedupeKey: `event-cancelled:${order.id}`,
        kind: 'event_cancelled',
        recipient: order.buyerEmail,
        params: { refundedCents },
        eventId: order.eventId,
        orderId: order.id,
      }),

    /** The link is rebuilt from the invitation at send time; the outbox never holds the token. */
    teamInvitation: (tx: DbOrTx, invitation: { id: string; email: string }) =>
      queue(tx, {
        dedupeKey: `team-invitation:${invitation.id}`,
        kind: 'team_invitation',
        recipient: invitation.email,
        params: { invitationId: invitation.id },
        eventId: null,
        orderId: null,
      }),

    /** The link is rebuilt from the verification id at send time; the outbox never holds the token. */
    emailVerification: (tx: DbOrTx, verification: { verificationId: string; email: string }) =>
      queue(tx, {
        dedupeKey: `email-verification:${verification.verificationId}`,
        kind: 'email_verification',
        recipient: verification.email,
        params: { verificationId: verification.verificationId },
        eventId: null,
        orderId: null,
      }),

    /**
     * A member's analytics summary of one period, composed at send time from the rollups. Returns
     * the message's id, the one already recorded when the key was used before (a repeated request).
     */
    async analyticsSummary(
      tx: DbOrTx,
      summary: {
        dedupeKey: string;
        recipient: string;
        organizationId: string;
        userId: string;
        frequency: 'daily' | 'weekly';
        periodStart: string;
        timezone: string;
      },
    ): Promise<string> {
      const { dedupeKey, recipient, ...params } = summary;
      const id = await insertEmail(tx, {
        dedupeKey,
        kind: 'analytics_summary',
        recipient,
        params,
        eventId: null,
        orderId: null,
      });
      if (id) {
        await deps.enqueuer.enqueue(tx, SEND_EMAIL, { emailId: id });
        return id;
      }
      const existing = await findEmailIdByDedupeKey(tx, dedupeKey);
      if (!existing) throw new Error(`no email under ${dedupeKey}`);
      return existing;
    },

    /** One notice per paid order of the event, in one statement, plus one send job each. */
    async eventChanged(
      tx: DbOrTx,
      eventId: string,
      previous: { startsAt: Date; endsAt: Date; venue: string | null },
      changedAt: Date,
    ): Promise<number> {
      const params = {
        previous: {
          startsAt: previous.startsAt.toISOString(),
          endsAt: previous.endsAt.toISOString(),
          venue: previous.venue,
        },
      };
      const ids = await insertEventChangedEmails(tx, eventId, params, changedAt);
      await deps.enqueuer.enqueueMany(
        tx,
        SEND_EMAIL,
        ids.map((emailId) => ({ emailId })),
      );
      return ids.length;
    },

    /**
     * The buyer chose to pay by bank transfer: the account, amount, reference and deadline, as
     * recorded then (the order keeps the same snapshot). Once per order.
     */
    bankTransferRequested: (
      tx: DbOrTx,
      order: { id: string; eventId: string; buyerEmail: string },
      transfer: {
        reference: string;
        instructions: string;
        amountCents: number;
        currency: string;
        deadline: Date;
      },
    ) =>
      queue(tx, {
        dedupeKey: `bank-transfer-details:${order.id}`,
        kind: 'bank_transfer_details',
        recipient: order.buyerEmail,
        params: { ...transfer, deadline: transfer.deadline.toISOString() },
        eventId: order.eventId,
        orderId: order.id,
      }),
  };
}

export type Notifier = ReturnType<typeof createNotifier>;

import { decimalAmount, type TimelineEntry } from '@zevents/contracts';
import type { DbOrTx } from '../../db/client';
import { findUserNames } from '../accounts';
import { listAuditOfTargets } from '../audit';
import { listDoorActionsOfTickets } from '../checkin';
import { listEmailsOfOrder } from '../notifications';
import { effectiveStatus, type OrderRow } from '../orders';
import { listMoneyOfOrder } from '../payments';
import { findTicketsOfOrder } from '../tickets';

const EMAIL_NAMES: Record<string, string> = {
  order_confirmation: 'Order confirmation',
  bank_transfer_details: 'Bank transfer details',
  bank_transfer_reminder: 'Bank transfer reminder',
  refund_notice: 'Refund notice',
  late_payment_refunded: 'Late payment refunded',
  event_cancelled: 'Event cancelled',
  event_changed: 'Event changed',
  reminder: 'Reminder',
  ticket_received: 'Transferred ticket',
  ticket_transfer_notice: 'Transfer notice',
  event_message: 'Message to attendees',
};

const AUDIT_KINDS: Record<string, TimelineEntry['kind']> = {
  'order.edit': 'edited',
  'ticket.edit': 'edited',
  'order.resend': 'email',
  'ticket.transfer': 'transferred',
};

interface Draft {
  at: Date;
  kind: TimelineEntry['kind'];
  summary: string;
  actor?: { userId: string | null; apiKeyId: string | null };
  data?: Record<string, unknown>;
}

/**
 * Everything that happened to one order, from the tables of the modules that own each part:
 * created and paid (orders), payments and refunds (payments), emails with their delivery state
 * (notifications), edits, resends and transfers with who did them (audit), door scans (checkin).
 */
export async function buildOrderTimeline(
  db: DbOrTx,
  order: OrderRow,
  organizationId: string,
  now: Date,
): Promise<TimelineEntry[]> {
  const tickets = await findTicketsOfOrder(db, order.id);
  const ticketIds = tickets.map(({ ticket }) => ticket.id);
  const codeOf = new Map(tickets.map(({ ticket }) => [ticket.id, ticket.code]));
  const [money, emails, audit, door] = await Promise.all([
    listMoneyOfOrder(db, order.id),
    listEmailsOfOrder(db, order.id),
    listAuditOfTargets(db, organizationId, [order.id, ...ticketIds]),
    listDoorActionsOfTickets(db, ticketIds),
  ]);
  const money2 = (cents: number) => `${decimalAmount(cents, order.currency)} ${order.currency}`;
  const drafts: Draft[] = [
    {
      at: order.createdAt,
      kind: 'created',
      summary: `Reserved by ${order.buyerName} <${order.buyerEmail}> for ${money2(order.totalCents)}`,
    },
  ];
  for (const payment of money.payments)
    if (payment.status === 'failed')
      drafts.push({
        at: payment.createdAt,
        kind: 'payment_failed',
        summary: `Payment failed${payment.failureReason ? ` (${payment.failureReason})` : ''}`,
        data: { provider: payment.provider },
      });
  if (order.paidAt)
    drafts.push({
      at: order.paidAt,
      kind: 'paid',
      summary: order.totalCents === 0 ? 'Confirmed (free)' : `Paid ${money2(order.totalCents)}`,
    });
  const status = effectiveStatus(order, now);
  if (status === 'expired' || status === 'cancelled')
    drafts.push({
      at: order.closedAt ?? order.expiresAt,
      kind: status,
      summary: status === 'expired' ? 'The hold expired; the tickets went back on sale' : 'Cancelled',
    });
  for (const refund of money.refunds)
    drafts.push({
      at: refund.createdAt,
      kind: 'refunded',
      summary: `Refunded ${money2(refund.amountCents)} (${refund.reason.replaceAll('_', ' ')})`,
      data: { amountCents: refund.amountCents, reason: refund.reason },
    });
  for (const email of emails)
    drafts.push({
      at: email.sentAt ?? email.createdAt,
      kind: 'email',
      summary: `${EMAIL_NAMES[email.kind] ?? email.kind} to ${email.recipient}: ${email.status}`,
      data: {
        emailId: email.id,
        emailKind: email.kind,
        recipient: email.recipient,
        status: email.status,
        error: email.lastError,
      },
    });
  for (const entry of audit) {
    const kind = AUDIT_KINDS[entry.action];
    // Refunds already show from the payments; other actions (an order's refund audit) add who.
    if (!kind) continue;
    drafts.push({
      at: entry.createdAt,
      kind,
      summary: auditSummary(
        entry.action,
        entry.details as Record<string, unknown>,
        codeOf.get(entry.targetId),
      ),
      actor: { userId: entry.actorUserId, apiKeyId: entry.actorApiKeyId },
      data: { ...(entry.details as Record<string, unknown>), targetId: entry.targetId },
    });
  }
  for (const action of door)
    drafts.push({
      at: action.createdAt,
      kind: action.action === 'undo' ? 'check_in_undone' : 'check_in',
      summary:
        `${action.action === 'undo' ? 'Check-in undone for' : 'Checked in'} ticket ${codeOf.get(action.ticketId) ?? ''}${
          action.location ? ` at ${action.location}` : ''
        }`.trim(),
      actor: { userId: action.userId, apiKeyId: action.apiKeyId },
      data: { ticketId: action.ticketId, device: action.device, location: action.location },
    });

  const names = await findUserNames(db, [
    ...new Set(drafts.flatMap((draft) => (draft.actor?.userId ? [draft.actor.userId] : []))),
  ]);
  return drafts
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((draft) => ({
      at: draft.at.toISOString(),
      kind: draft.kind,
      summary: draft.summary,
      actor: draft.actor
        ? { ...draft.actor, name: draft.actor.userId ? (names.get(draft.actor.userId) ?? null) : null }
        : null,
      data: draft.data ?? {},
    }));
}

function auditSummary(
  action: string,
  details: Record<string, unknown>,
  ticketCode: string | undefined,
): string {
  const fields = Array.isArray(details.fields) ? details.fields.join(', ') : '';
  switch (action) {
    case 'order.edit':
      return `Buyer details edited${fields ? ` (${fields})` : ''}`;
    case 'ticket.edit':
      return `Attendee of ticket ${ticketCode ?? ''} edited${fields ? ` (${fields})` : ''}`;
    case 'order.resend':
      return `Confirmation resent to ${String(details.recipient ?? '')}`;
    case 'ticket.transfer':
      return `Ticket transferred to ${String(details.toName ?? '')} <${String(details.toEmail ?? '')}>`;
    default:
      return action;
  }
}

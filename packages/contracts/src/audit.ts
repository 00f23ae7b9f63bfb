import { z } from 'zod';

/** Every organizer action the audit log records; the API's recorder takes its type from here. */
export const AUDIT_ACTIONS = [
  'event.publish',
  'event.update',
  'event.cancel',
  'event.message',
  'ticket_type.delete',
  'promo_code.update',
  'promo_code.delete',
  'question.create',
  'question.update',
  'question.delete',
  'order.refund',
  'order.edit',
  'order.create_manual',
  'order.resend',
  'order.mark_paid',
  'ticket.edit',
  'ticket.transfer',
  'email.resend',
  'organization.update',
  'member.add',
  'member.role_change',
  'member.remove',
  'invitation.create',
  'invitation.revoke',
  'invitation.accept',
  'api_key.create',
  'api_key.revoke',
  'checkin.undo',
  'webhook.create',
  'webhook.update',
  'webhook.delete',
  'webhook.redeliver',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_TARGET_TYPES = [
  'event',
  'organization',
  'order',
  'member',
  'ticket',
  'invitation',
  'api_key',
  'email',
  'webhook',
] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

export const AuditEntry = z
  .object({
    id: z.string(),
    action: z.enum(AUDIT_ACTIONS),
    targetType: z.enum(AUDIT_TARGET_TYPES),
    targetId: z.string(),
    actorUserId: z.string().nullable(),
    actorApiKeyId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditLog = z
  .object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() })
  .meta({ id: 'AuditLog' });

import { z } from 'zod';

export const AuditEntry = z
  .object({
    id: z.string(),
    action: z
      .string()
      .describe('event.publish, event.update, event.cancel, order.refund, member.add, checkin.undo'),
    targetType: z.string(),
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

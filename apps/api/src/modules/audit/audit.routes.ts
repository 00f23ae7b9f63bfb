import { type AuditAction, AuditLog, type AuditTargetType, PageQuery, UuidParam } from '@zevents/contracts';
import { z } from 'zod';
import type { Db } from '../../db/client';
import type { ApiRouter } from '../../http/route';
import { decodeCursor, toPage } from '../../shared/pagination';
import { type Permission, requireOrganizationPermission } from '../organizations';
import { listAudit } from './audit.repository';

export function registerAuditRoutes(api: ApiRouter<Permission>, deps: { db: Db }): void {
  api.add(
    {
      method: 'get',
      path: '/api/organizations/{orgId}/audit-log',
      summary:
        'Organizer actions (publish, edit, cancel, refund, member added, check-in undone), newest first',
      tags: ['Organizations'],
      access: 'member',
      permission: 'organization.manage',
      params: z.object({ orgId: UuidParam }),
      query: PageQuery,
      status: 200,
      response: AuditLog,
      errors: [403],
    },
    async ({ auth, params, query }) => {
      await requireOrganizationPermission(deps.db, auth, params.orgId, 'organization.manage');
      const after = decodeCursor(query.cursor, 'timestamp');
      const rows = await listAudit(deps.db, params.orgId, query.limit, after);
      return toPage(
        rows,
        query.limit,
        (row) => ({
          id: row.id,
          // Text columns, written only by recordAudit, which takes these types.
          action: row.action as AuditAction,
          targetType: row.targetType as AuditTargetType,
          targetId: row.targetId,
          actorUserId: row.actorUserId,
          actorApiKeyId: row.actorApiKeyId,
          details: row.details as Record<string, unknown>,
          createdAt: row.createdAt.toISOString(),
        }),
        (row) => ({ k: row.createdAt.toISOString(), id: row.id }),
      );
    },
  );
}

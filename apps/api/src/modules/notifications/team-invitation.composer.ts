import type { Db } from '../../db/client';
import type { Clock } from '../../shared/clock';
import { findInvitationById, type InvitationTokens } from '../organizations';
import { findUserIdByEmail } from '../accounts';
import type { EmailRow } from './outbox.repository';
import { renderTeamInvitation, type RenderedEmail } from './templates';

/**
 * Builds an invitation email at send time: the link is derived from the invitation id (never stored).
 * Undefined for an invitation revoked, replaced, accepted or expired before its email went out: such
 * a message is not sent at all.
 */
export function createTeamInvitationComposer(deps: {
  db: Db;
  publicUrl: string;
  tokens: InvitationTokens;
  clock: Clock;
}) {
  return async function composeTeamInvitation(email: EmailRow): Promise<RenderedEmail | undefined> {
    const params = email.params as { invitationId?: unknown };
    if (typeof params.invitationId !== 'string') return undefined;
    const found = await findInvitationById(deps.db, params.invitationId);
    if (!found) return undefined;
    const { invitation, organization, inviterName } = found;
    if (invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= deps.clock.now())
      return undefined;
    return renderTeamInvitation({
      organizationName: organization.name,
      inviterName,
      email: invitation.email,
      role: invitation.role,
      expiresAt: invitation.expiresAt,
      acceptUrl: deps.tokens.linkFor(deps.publicUrl, invitation.id),
      hasAccount: (await findUserIdByEmail(deps.db, invitation.email)) !== undefined,
    });
  };
}

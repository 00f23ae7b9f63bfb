import type { InvitationPreview, MeResponse } from '@zevents/contracts';

/** What the invitation page shows, from the invitation and who is looking at it. */
export type InvitationView =
  | { kind: 'closed'; reason: 'accepted' | 'revoked' | 'expired' }
  | { kind: 'needs-account'; hasAccount: boolean }
  | { kind: 'wrong-account'; signedInAs: string }
  | { kind: 'already-member' }
  | { kind: 'needs-verification'; email: string }
  | { kind: 'can-accept' };

export function invitationView(invitation: InvitationPreview, me: MeResponse | null): InvitationView {
  if (invitation.status !== 'pending') return { kind: 'closed', reason: invitation.status };
  if (!me) return { kind: 'needs-account', hasAccount: invitation.hasAccount };
  // The API binds an invitation to the address it was sent to; emails compare case-insensitively.
  if (me.user.email.toLowerCase() !== invitation.email.toLowerCase())
    return { kind: 'wrong-account', signedInAs: me.user.email };
  if (me.organizations.some((org) => org.id === invitation.organization.id))
    return { kind: 'already-member' };
  // The API refuses an unconfirmed address (403 EMAIL_NOT_VERIFIED): say so before the click.
  if (!me.user.emailVerified) return { kind: 'needs-verification', email: me.user.email };
  return { kind: 'can-accept' };
}

/**
 * `/signup` or `/login` that comes back here afterwards, with the invited address filled in. Both
 * carry the link's token (login hands it on to its "Create an account" link): it was emailed to that
 * address, so an account created with it starts confirmed.
 */
export function authLink(
  page: 'signup' | 'login',
  invitation: InvitationPreview,
  returnTo: string,
  token?: string,
): string {
  const params = new URLSearchParams({ email: invitation.email, next: returnTo });
  if (token) params.set('invitation', token);
  return `/${page}?${params.toString()}`;
}

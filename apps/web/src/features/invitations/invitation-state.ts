import type { InvitationPreview, MeResponse } from '@zevents/contracts';

/** What the invitation page shows, from the invitation and who is looking at it. */
export type InvitationView =
  | { kind: 'closed'; reason: 'accepted' | 'revoked' | 'expired' }
  | { kind: 'needs-account'; hasAccount: boolean }
  | { kind: 'wrong-account'; signedInAs: string }
  | { kind: 'already-member' }
  | { kind: 'can-accept' };

export function invitationView(invitation: InvitationPreview, me: MeResponse | null): InvitationView {
  if (invitation.status !== 'pending') return { kind: 'closed', reason: invitation.status };
  if (!me) return { kind: 'needs-account', hasAccount: invitation.hasAccount };
  // The API binds an invitation to the address it was sent to; emails compare case-insensitively.
  if (me.user.email.toLowerCase() !== invitation.email.toLowerCase())
    return { kind: 'wrong-account', signedInAs: me.user.email };
  if (me.organizations.some((org) => org.id === invitation.organization.id))
    return { kind: 'already-member' };
  return { kind: 'can-accept' };
}

/** `/signup` or `/login` that comes back here afterwards, with the invited address filled in. */
export function authLink(page: 'signup' | 'login', invitation: InvitationPreview, returnTo: string): string {
  const params = new URLSearchParams({ email: invitation.email, next: returnTo });
  return `/${page}?${params.toString()}`;
}

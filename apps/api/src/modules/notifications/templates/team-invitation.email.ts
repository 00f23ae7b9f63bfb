import type { MemberRole } from '@zevents/contracts';
import { paragraph } from './blocks';
import type { RenderedEmail } from './email-types';
import { formatUtcDeadline } from './format';
import { renderEmail } from './layout';

export interface TeamInvitationInput {
  organizationName: string;
  inviterName: string | null;
  email: string;
  role: MemberRole;
  expiresAt: Date;
  /** `${publicUrl}/invitations/{token}`. */
  acceptUrl: string;
  /** Whether the address already has an account (log in) or not (sign up first). */
  hasAccount: boolean;
}

const ROLE_WORDS: Record<MemberRole, { label: string; does: string }> = {
  owner: { label: 'Owner', does: 'run everything, including the team and other owners' },
  admin: { label: 'Admin', does: 'edit events, refund orders and manage the team' },
  staff: { label: 'Staff', does: 'view events and check attendees in at the door' },
};

/** An invitation to join an organization's team with a role. */
export function renderTeamInvitation(input: TeamInvitationInput): Promise<RenderedEmail> {
  const role = ROLE_WORDS[input.role];
  const who = input.inviterName ?? `The ${input.organizationName} team`;
  return renderEmail({
    subject: `${who} invited you to join ${input.organizationName} on Z-Events`,
    preheader: `Join as ${role.label}. The invitation expires ${formatUtcDeadline(input.expiresAt)}.`,
    badge: { text: 'Team invitation', tone: 'info' },
    // The frame is made for event messages: its band shows the organization and a title, and the
    // footer links to the invitation instead of an event page (footerLink below).
    event: {
      id: input.email,
      title: `Join ${input.organizationName}`,
      venue: null,
      startsAt: input.expiresAt,
      endsAt: input.expiresAt,
      timezone: 'UTC',
      organizationName: input.organizationName,
      url: input.acceptUrl,
    },
    blocks: [
      paragraph('Hi,'),
      paragraph(
        { text: who, isStrong: true },
        ' invited you to join ',
        { text: input.organizationName, isStrong: true },
        ` on Z-Events as ${role.label}: you will be able to ${role.does}.`,
      ),
      {
        kind: 'details',
        rows: [
          { label: 'Organization', value: input.organizationName },
          { label: 'Role', value: role.label },
          { label: 'Invited address', value: input.email },
          { label: 'Expires', value: formatUtcDeadline(input.expiresAt) },
        ],
      },
      { kind: 'button', label: 'Accept the invitation', href: input.acceptUrl },
      paragraph(
        input.hasAccount
          ? `Log in with ${input.email} to accept.`
          : `You do not have a Z-Events account yet: the link lets you create one with ${input.email}, then join.`,
      ),
      {
        kind: 'notice',
        tone: 'info',
        title: 'Not expecting this?',
        text: 'You can ignore this email: nobody joins without accepting, and the link stops working when it expires.',
      },
    ],
    reason: `You are receiving this email because someone at ${input.organizationName} invited ${input.email}.`,
    footerLink: { label: 'Invitation', href: input.acceptUrl },
  });
}

import { paragraph } from './blocks';
import type { RenderedEmail } from './email-types';
import { formatUtcDeadline } from './format';
import { renderEmail } from './layout';

export interface EmailVerificationInput {
  name: string;
  email: string;
  expiresAt: Date;
  /** `${publicUrl}/verify-email?token=...`. */
  verifyUrl: string;
}

/** Asks a new account to confirm its address with a one-time link. */
export function renderEmailVerification(input: EmailVerificationInput): Promise<RenderedEmail> {
  return renderEmail({
    subject: 'Confirm your email address for Z-Events',
    preheader: `One click confirms ${input.email}. The link works until ${formatUtcDeadline(input.expiresAt)}.`,
    badge: { text: 'Confirm your email', tone: 'info' },
    // The frame is made for event messages: its band shows a title, and the footer links to the
    // confirmation page instead of an event page (footerLink below).
    event: {
      id: input.email,
      title: 'Confirm your email',
      venue: null,
      startsAt: input.expiresAt,
      endsAt: input.expiresAt,
      timezone: 'UTC',
      organizationName: 'Z-Events',
      url: input.verifyUrl,
    },
    blocks: [
      paragraph(`Hi ${input.name},`),
      paragraph(
        'Please confirm that ',
        { text: input.email, isStrong: true },
        ' is your address. Until you do, you can buy tickets but cannot join an organization’s team.',
      ),
      { kind: 'button', label: 'Confirm my email', href: input.verifyUrl },
      {
        kind: 'details',
        rows: [
          { label: 'Address', value: input.email },
          { label: 'Link works until', value: formatUtcDeadline(input.expiresAt) },
        ],
      },
      {
        kind: 'notice',
        tone: 'info',
        title: 'Did not sign up?',
        text: 'Someone may have typed your address by mistake. Ignore this email: without the link, the address stays unconfirmed.',
      },
    ],
    reason: `You are receiving this email because a Z-Events account was created with ${input.email}.`,
    footerLink: { label: 'Confirm my email', href: input.verifyUrl },
  });
}

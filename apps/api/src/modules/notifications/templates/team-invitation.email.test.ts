import type mjml2htmlType from 'mjml';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderTeamInvitation, type TeamInvitationInput } from './team-invitation.email';

// The template is fixed MJML with escaped text, so any validation warning is a bug.
const mjmlWarnings = vi.hoisted((): string[] => []);
vi.mock('mjml', async (importOriginal) => {
  const actual = await importOriginal<{ default: typeof mjml2htmlType }>();
  return {
    default: async (...args: Parameters<typeof mjml2htmlType>) => {
      const result = await actual.default(...args);
      mjmlWarnings.push(...result.errors.map((error) => error.formattedMessage));
      return result;
    },
  };
});

afterEach(() => {
  expect(mjmlWarnings).toEqual([]);
  mjmlWarnings.length = 0;
});

const input = (overrides: Partial<TeamInvitationInput> = {}): TeamInvitationInput => ({
  organizationName: 'Rock & <Roll> Collective',
  inviterName: 'Camille "Cam" Durand',
  email: 'new@example.com',
  role: 'admin',
  expiresAt: new Date('2027-03-14T19:30:00Z'),
  acceptUrl: 'https://tickets.example.com/invitations/AbC_123-xyz',
  hasAccount: false,
  ...overrides,
});

describe('renderTeamInvitation', () => {
  it('says who invites whom to what, with the link in both parts and the footer', async () => {
    const email = await renderTeamInvitation(input());
    expect(email.subject).toBe(
      'Camille "Cam" Durand invited you to join Rock & <Roll> Collective on Z-Events',
    );
    expect(email.text).toContain('Role:');
    expect(email.text).toContain('Admin');
    expect(email.text).toContain('new@example.com');
    expect(email.text).toMatch(/Expires: +Sunday, 14 March 2027\D+19:30 UTC/);
    expect(email.text).toContain(
      'Accept the invitation:\nhttps://tickets.example.com/invitations/AbC_123-xyz',
    );
    expect(email.text).toContain('Invitation: https://tickets.example.com/invitations/AbC_123-xyz');
    expect(email.text).not.toContain('Event page');
    expect(email.text).toContain('create one with new@example.com');
    expect(email.html).toContain('href="https://tickets.example.com/invitations/AbC_123-xyz"');
    expect(email.html).toContain('Rock &amp; &lt;Roll&gt; Collective');
    expect(email.html).not.toContain('<Roll>');
  });

  it('asks people with an account to log in, and names the team when the inviter is gone', async () => {
    const email = await renderTeamInvitation(input({ hasAccount: true, inviterName: null, role: 'staff' }));
    expect(email.subject).toBe(
      'The Rock & <Roll> Collective team invited you to join Rock & <Roll> Collective on Z-Events',
    );
    expect(email.text).toContain('Log in with new@example.com to accept.');
    expect(email.text).toContain('check attendees in at the door');
  });
});

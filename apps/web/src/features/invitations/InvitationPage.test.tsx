import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { InvitationPreview, MeResponse } from '@zevents/contracts';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, serveApi as serve } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import SignupPage from '../accounts/SignupPage';
import InvitationPage from './InvitationPage';

const TOKEN = 'tok_abcdefghijklmnopqrstuvwxyz0123456789';

const invitation = (overrides: Partial<InvitationPreview> = {}): InvitationPreview => ({
  organization: { id: 'org-1', name: 'Night Owls' },
  email: 'new@example.com',
  role: 'admin',
  invitedByName: 'Camille',
  expiresAt: '2030-01-01T00:00:00Z',
  status: 'pending',
  isExpired: false,
  hasAccount: false,
  ...overrides,
});

const me = (
  email: string,
  organizations: MeResponse['organizations'] = [],
  emailVerified = true,
): MeResponse => ({
  user: { id: 'user-1', email, name: 'Someone', emailVerified },
  organizations,
});

const anonymous = () => json(401, { code: 'UNAUTHENTICATED', status: 401, detail: 'Log in' });

function renderPage() {
  return renderWithProviders(
    <Routes>
      <Route path="/invitations/:token" element={<InvitationPage />} />
      <Route path="/organizer" element={<p>Organizer dashboard</p>} />
    </Routes>,
    { route: `/invitations/${TOKEN}` },
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  window.localStorage.clear();
});

describe('InvitationPage', () => {
  it('sends a visitor without an account to sign up with the address filled in, and back here', async () => {
    serve({
      [`GET /api/invitations/${TOKEN}`]: () => json(200, invitation()),
      'GET /api/me': anonymous,
    });
    renderPage();
    expect(await screen.findByRole('heading', { name: 'Join Night Owls' })).toBeInTheDocument();
    expect(screen.getByText(/Camille invited/)).toHaveTextContent('new@example.com');
    const signUp = screen.getByRole('link', { name: 'Create your account to accept' });
    const url = new URL(signUp.getAttribute('href') ?? '', 'http://x');
    expect(url.pathname).toBe('/signup');
    expect(url.searchParams.get('email')).toBe('new@example.com');
    expect(url.searchParams.get('next')).toBe(`/invitations/${TOKEN}`);
    // The link's token goes along: it confirms the address of the account created with it.
    expect(url.searchParams.get('invitation')).toBe(TOKEN);
    expect(screen.getByRole('link', { name: 'Log in' })).toHaveAttribute(
      'href',
      expect.stringMatching(/^\/login\?email=new%40example\.com&next=/),
    );
  });

  it('asks a visitor who has an account to log in', async () => {
    serve({
      [`GET /api/invitations/${TOKEN}`]: () => json(200, invitation({ hasAccount: true })),
      'GET /api/me': anonymous,
    });
    renderPage();
    expect(await screen.findByRole('link', { name: 'Log in to accept' })).toHaveAttribute(
      'href',
      expect.stringMatching(/^\/login\?/),
    );
  });

  it('explains that another account is logged in and offers to log out', async () => {
    let isLoggedOut = false;
    const fetchMock = serve({
      [`GET /api/invitations/${TOKEN}`]: () => json(200, invitation()),
      'GET /api/me': () => (isLoggedOut ? anonymous() : json(200, me('other@example.com'))),
      'POST /api/auth/logout': () => {
        isLoggedOut = true;
        return json(204, null);
      },
    });
    const user = userEvent.setup();
    renderPage();
    expect(await screen.findByText('Another account is logged in')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Accept/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /Log out and continue/ }));
    expect(await screen.findByRole('link', { name: 'Create your account to accept' })).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledWith('/api/auth/logout', expect.objectContaining({ method: 'POST' }));
  });

  it('accepts for the invited user and opens the dashboard in the new organization', async () => {
    let joined = false;
    const fetchMock = serve({
      [`GET /api/invitations/${TOKEN}`]: () =>
        json(200, invitation({ status: joined ? 'accepted' : 'pending', hasAccount: true })),
      'GET /api/me': () =>
        json(
          200,
          me(
            'NEW@example.com',
            joined ? [{ id: 'org-1', name: 'Night Owls', slug: 'n', role: 'admin' }] : [],
          ),
        ),
      [`POST /api/invitations/${TOKEN}/accept`]: () => {
        joined = true;
        return json(200, { organization: { id: 'org-1', name: 'Night Owls', slug: 'n' }, role: 'admin' });
      },
    });
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Accept and join Night Owls' }));
    expect(await screen.findByText('Organizer dashboard')).toBeInTheDocument();
    expect(window.localStorage.getItem('zevents.organizer.organizationId')).toBe('org-1');
    expect(fetchMock).toHaveBeenCalledWith(
      `/api/invitations/${TOKEN}/accept`,
      expect.objectContaining({ method: 'POST' }),
    );
  });

  it('shows why an accept failed', async () => {
    serve({
      [`GET /api/invitations/${TOKEN}`]: () => json(200, invitation()),
      'GET /api/me': () => json(200, me('new@example.com')),
      [`POST /api/invitations/${TOKEN}/accept`]: () =>
        json(410, { code: 'INVITATION_EXPIRED', status: 410, detail: 'expired' }),
    });
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('button', { name: /Accept and join/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This invitation has expired. Ask for a new one.',
    );
  });

  it.each([
    ['expired', 'This invitation has expired'],
    ['revoked', 'This invitation was withdrawn'],
    ['accepted', 'This invitation has been accepted'],
  ] as const)('says so when the invitation is %s, with no accept button', async (status, title) => {
    serve({
      [`GET /api/invitations/${TOKEN}`]: () => json(200, invitation({ status })),
      'GET /api/me': () => json(200, me('new@example.com')),
    });
    renderPage();
    expect(await screen.findByText(title)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Accept/ })).not.toBeInTheDocument();
  });

  it('asks an unconfirmed account to confirm its email first, and sends a new link on request', async () => {
    const fetchMock = serve({
      [`GET /api/invitations/${TOKEN}`]: () => json(200, invitation({ hasAccount: true })),
      'GET /api/me': () => json(200, me('new@example.com', [], false)),
      'POST /api/auth/resend-verification': () => json(204, null),
    });
    const user = userEvent.setup();
    renderPage();
    expect(await screen.findByText('Confirm your email to join')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Accept/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Resend the email' }));
    expect(await screen.findByText(/a new link is on its way to/)).toHaveTextContent('new@example.com');
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/auth/resend-verification',
      expect.objectContaining({ method: 'POST' }),
    );
  });

  it('tells a member they are already in', async () => {
    serve({
      [`GET /api/invitations/${TOKEN}`]: () => json(200, invitation()),
      'GET /api/me': () =>
        json(200, me('new@example.com', [{ id: 'org-1', name: 'Night Owls', slug: 'n', role: 'staff' }])),
    });
    renderPage();
    expect(await screen.findByText('You are already in this team')).toBeInTheDocument();
  });

  it('says the link does not work for an unknown token', async () => {
    serve({
      [`GET /api/invitations/${TOKEN}`]: () => json(404, { code: 'NOT_FOUND', status: 404, detail: 'nope' }),
      'GET /api/me': anonymous,
    });
    renderPage();
    expect(
      await screen.findByRole('heading', { name: 'This invitation link does not work' }),
    ).toBeInTheDocument();
  });
});

describe('SignupPage from an invitation', () => {
  it('fills in the invited address', () => {
    renderWithProviders(<SignupPage />, { route: '/signup?email=new%40example.com&next=%2Finvitations%2Fx' });
    expect(screen.getByLabelText(/Email/)).toHaveValue('new@example.com');
    expect(screen.getByRole('link', { name: 'Log in' })).toHaveAttribute(
      'href',
      '/login?email=new%40example.com&next=%2Finvitations%2Fx',
    );
  });

  it("sends the invitation's token with the signup, and no malformed one", async () => {
    for (const [invitationParam, sent] of [
      [TOKEN, TOKEN],
      ['not a token!', undefined],
    ] as const) {
      const fetchMock = serve({
        'POST /api/auth/signup': () => json(409, { code: 'EMAIL_TAKEN', status: 409 }),
      });
      const user = userEvent.setup();
      const view = renderWithProviders(<SignupPage />, {
        route: `/signup?email=new%40example.com&invitation=${encodeURIComponent(invitationParam)}`,
      });
      await user.type(screen.getByLabelText(/Your name/), 'Nia');
      await user.type(screen.getByLabelText(/^Password/), 'long enough password');
      await user.click(screen.getByRole('button', { name: 'Create account' }));
      await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
      const body = JSON.parse(String((fetchMock.mock.calls[0]?.[1] as RequestInit).body)) as Record<
        string,
        unknown
      >;
      expect(body.invitationToken).toBe(sent);
      view.unmount();
      vi.unstubAllGlobals();
    }
  });
});

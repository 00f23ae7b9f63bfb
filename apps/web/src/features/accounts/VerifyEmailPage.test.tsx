import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MeResponse } from '@zevents/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, serveApi as serve } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { VerifyEmailBanner } from './VerifyEmailBanner';
import VerifyEmailPage from './VerifyEmailPage';
import { rememberSignupIntent } from './signup-intent';

const TOKEN = 'vrf_abcdefghijklmnopqrstuvwxyz0123456789';

const me = (emailVerified: boolean): MeResponse => ({
  user: { id: 'user-1', email: 'ada@example.com', name: 'Ada', emailVerified },
  organizations: [],
});
const anonymous = () => json(401, { code: 'UNAUTHENTICATED', status: 401, detail: 'Log in' });

afterEach(() => vi.unstubAllGlobals());

const renderPage = (search = `?token=${TOKEN}`) =>
  renderWithProviders(<VerifyEmailPage />, { route: `/verify-email${search}` });

describe('VerifyEmailPage', () => {
  it('confirms on arrival, once, and says so', async () => {
    const fetchMock = serve({
      'POST /api/auth/verify-email': () => json(200, { email: 'ada@example.com', wasAlreadyVerified: false }),
      'GET /api/me': () => json(200, me(true)),
    });
    renderPage();
    expect(await screen.findByRole('heading', { name: 'Your email is confirmed' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('ada@example.com is confirmed');
    // A new organizer (no organization yet) goes on to create one.
    expect(screen.getByRole('link', { name: 'Open your dashboard' })).toHaveAttribute('href', '/organizer');
    const verifyCalls = fetchMock.mock.calls.filter(([url]) => url === '/api/auth/verify-email');
    expect(verifyCalls).toHaveLength(1);
    expect(JSON.parse(String((verifyCalls[0]?.[1] as RequestInit).body))).toEqual({ token: TOKEN });
  });

  it('tells a second visit that the address was already confirmed', async () => {
    serve({
      'POST /api/auth/verify-email': () => json(200, { email: 'ada@example.com', wasAlreadyVerified: true }),
      'GET /api/me': anonymous,
    });
    renderPage();
    expect(
      await screen.findByRole('heading', { name: 'Your email was already confirmed' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Log in' })).toHaveAttribute('href', '/login');
  });

  it('sends a buyer who signed up from My tickets back to their tickets', async () => {
    rememberSignupIntent('/my-tickets');
    serve({
      'POST /api/auth/verify-email': () => json(200, { email: 'ada@example.com', wasAlreadyVerified: false }),
      'GET /api/me': () => json(200, me(true)),
    });
    renderPage();
    expect(await screen.findByRole('link', { name: 'See your tickets' })).toHaveAttribute(
      'href',
      '/my-tickets',
    );
    rememberSignupIntent(null);
  });

  it('sends a team member to the dashboard', async () => {
    serve({
      'POST /api/auth/verify-email': () => json(200, { email: 'ada@example.com', wasAlreadyVerified: false }),
      'GET /api/me': () =>
        json(200, {
          ...me(true),
          organizations: [{ id: 'org-1', name: 'Night Owls', slug: 'night-owls', role: 'owner' }],
        }),
    });
    renderPage();
    expect(await screen.findByRole('link', { name: 'Open your dashboard' })).toHaveAttribute(
      'href',
      '/organizer',
    );
  });

  it('offers a logged-in account a new link when this one expired', async () => {
    const fetchMock = serve({
      'POST /api/auth/verify-email': () =>
        json(410, { code: 'VERIFICATION_TOKEN_EXPIRED', status: 410, detail: 'expired' }),
      'GET /api/me': () => json(200, me(false)),
      'POST /api/auth/resend-verification': () => json(204, null),
    });
    const user = userEvent.setup();
    renderPage();
    expect(await screen.findByRole('heading', { name: 'This link has expired' })).toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Send me a new link' }));
    expect(await screen.findByText(/a new link is on its way to/)).toHaveTextContent('ada@example.com');
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/auth/resend-verification',
      expect.objectContaining({ method: 'POST' }),
    );
  });

  it('says when resending is rate limited', async () => {
    serve({
      'POST /api/auth/verify-email': () =>
        json(400, { code: 'VERIFICATION_TOKEN_INVALID', status: 400, detail: 'invalid' }),
      'GET /api/me': () => json(200, me(false)),
      'POST /api/auth/resend-verification': () =>
        json(429, { code: 'RATE_LIMITED', status: 429, detail: 'Too many attempts; try again in 60 s' }),
    });
    const user = userEvent.setup();
    renderPage();
    expect(await screen.findByRole('heading', { name: 'This link does not work' })).toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Send me a new link' }));
    expect(await screen.findByText(/Too many attempts; try again in 60 s/)).toBeInTheDocument();
  });

  it('sends a visitor with a broken link to log in, and never calls the API without a token', async () => {
    const fetchMock = serve({ 'GET /api/me': anonymous });
    renderPage('');
    expect(await screen.findByRole('heading', { name: 'This link is incomplete' })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Log in' })).toHaveAttribute('href', '/login');
    expect(fetchMock.mock.calls.map(([url]) => url)).not.toContain('/api/auth/verify-email');
  });
});

describe('VerifyEmailBanner', () => {
  it('reminds an unconfirmed account where the link went, with a resend button', async () => {
    serve({ 'GET /api/me': () => json(200, me(false)) });
    renderWithProviders(<VerifyEmailBanner />);
    const banner = await screen.findByRole('region', { name: 'Confirm your email' });
    expect(banner).toHaveTextContent('We sent a link to ada@example.com');
    expect(screen.getByRole('button', { name: 'Resend the email' })).toBeInTheDocument();
  });

  it('shows nothing once the address is confirmed', async () => {
    const fetchMock = serve({ 'GET /api/me': () => json(200, me(true)) });
    renderWithProviders(<VerifyEmailBanner />);
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(screen.queryByRole('region', { name: 'Confirm your email' })).not.toBeInTheDocument();
  });
});

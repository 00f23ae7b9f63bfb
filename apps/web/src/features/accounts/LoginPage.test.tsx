import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import LoginPage from './LoginPage';
import SignupPage from './SignupPage';

function answer(status: number, body: unknown) {
  return vi.fn(
    async () =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } }),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('LoginPage', () => {
  it('checks the fields before calling the server', async () => {
    const fetchMock = answer(200, {});
    vi.stubGlobal('fetch', fetchMock);
    const user = userEvent.setup();
    renderWithProviders(<LoginPage />, { route: '/login' });
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(screen.getByText('Enter your email address')).toBeInTheDocument();
    expect(screen.getByText('Enter your password')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('puts the server field error on the email field', async () => {
    vi.stubGlobal(
      'fetch',
      answer(400, {
        code: 'VALIDATION_FAILED',
        status: 400,
        detail: 'The request body is invalid',
        errors: [{ path: 'email', message: 'This address is not accepted' }],
      }),
    );
    const user = userEvent.setup();
    renderWithProviders(<LoginPage />, { route: '/login' });
    await user.type(screen.getByLabelText(/Email/), 'ada@example.com');
    await user.type(screen.getByLabelText(/Password/), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByText('This address is not accepted')).toBeInTheDocument();
    expect(screen.getByLabelText(/Email/)).toHaveAttribute('aria-invalid', 'true');
  });

  it('says so when the email or password is wrong', async () => {
    vi.stubGlobal(
      'fetch',
      answer(401, { code: 'INVALID_CREDENTIALS', status: 401, detail: 'Invalid email or password' }),
    );
    const user = userEvent.setup();
    renderWithProviders(<LoginPage />, { route: '/login' });
    await user.type(screen.getByLabelText(/Email/), 'ada@example.com');
    await user.type(screen.getByLabelText(/Password/), 'wrong-password');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong email or password');
  });
});

describe('SignupPage', () => {
  it('marks the email as taken and offers to log in', async () => {
    vi.stubGlobal(
      'fetch',
      answer(409, { code: 'EMAIL_TAKEN', status: 409, detail: 'Email already registered' }),
    );
    const user = userEvent.setup();
    renderWithProviders(<SignupPage />, { route: '/signup' });
    await user.type(screen.getByLabelText(/Your name/), 'Ada Lovelace');
    await user.type(screen.getByLabelText(/Email/), 'ada@example.com');
    await user.type(screen.getByLabelText(/^Password/), 'long enough password');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText('An account with this email already exists')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Log in instead' })).toHaveAttribute('href', '/login');
  });
});

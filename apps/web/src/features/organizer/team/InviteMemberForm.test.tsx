import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { InviteMemberForm } from './InviteMemberForm';

const answer = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

afterEach(() => vi.unstubAllGlobals());

async function submit(email: string) {
  const user = userEvent.setup();
  renderWithProviders(<InviteMemberForm organizationId="org-1" myRole="admin" />);
  await user.type(screen.getByLabelText(/Email/), email);
  await user.click(screen.getByRole('button', { name: 'Add to team' }));
}

describe('InviteMemberForm', () => {
  it('invites by email with one request, whether or not the address has an account', async () => {
    const fetchMock = vi.fn().mockResolvedValueOnce(
      answer(201, {
        id: 'inv-1',
        email: 'new@example.com',
        role: 'staff',
        invitedBy: null,
        createdAt: '2030-01-01T00:00:00Z',
        expiresAt: '2030-01-08T00:00:00Z',
        isExpired: false,
      }),
    );
    vi.stubGlobal('fetch', fetchMock);
    await submit('new@example.com');
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    expect(fetchMock.mock.calls.map(([url, init]) => [url, (init as RequestInit).method])).toEqual([
      ['/api/organizations/org-1/members', 'POST'],
    ]);
    await vi.waitFor(() => expect(screen.getByLabelText(/Email/)).toHaveValue(''));
  });

  it('says the person joins by accepting the emailed invitation', () => {
    renderWithProviders(<InviteMemberForm organizationId="org-1" myRole="admin" />);
    expect(screen.getByText(/join the team when they accept it/)).toBeInTheDocument();
  });

  it('puts server field errors and ALREADY_MEMBER on the email field', async () => {
    vi.stubGlobal(
      'fetch',
      vi
        .fn()
        .mockResolvedValueOnce(
          answer(400, {
            code: 'VALIDATION_FAILED',
            status: 400,
            detail: 'The request body is invalid',
            errors: [{ path: 'email', message: 'invalid email address' }],
          }),
        )
        .mockResolvedValueOnce(answer(409, { code: 'ALREADY_MEMBER', status: 409, detail: 'Member' })),
    );
    await submit('odd@example.com');
    expect(await screen.findByText('Invalid email address')).toBeInTheDocument();
    expect(screen.getByLabelText(/Email/)).toHaveAttribute('aria-invalid', 'true');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Add to team' }));
    expect(await screen.findByText('This person is already in the team.')).toBeInTheDocument();
  });

  it('offers admins no owner role', () => {
    renderWithProviders(<InviteMemberForm organizationId="org-1" myRole="admin" />);
    expect(screen.getByRole('combobox', { name: 'Role' })).toHaveValue('Staff');
    expect(screen.queryByRole('option', { name: 'Owner', hidden: true })).not.toBeInTheDocument();
  });
});

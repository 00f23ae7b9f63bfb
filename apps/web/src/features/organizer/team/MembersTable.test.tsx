import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Member } from '@zevents/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { MembersTable } from './MembersTable';

const members: Member[] = [
  { userId: 'u-owner', email: 'olga@x.test', name: 'Olga Owner', role: 'owner' },
  { userId: 'u-admin', email: 'adam@x.test', name: 'Adam Admin', role: 'admin' },
  { userId: 'u-staff', email: 'sam@x.test', name: 'Sam Staff', role: 'staff' },
];

function renderTable(myRole: Member['role'], myUserId: string) {
  return renderWithProviders(
    <MembersTable
      organizationId="org-1"
      organizationName="Night Owls"
      members={members}
      myRole={myRole}
      myUserId={myUserId}
    />,
  );
}

// Mantine's combobox scrolls the selected option into view, which jsdom does not implement.
Element.prototype.scrollIntoView ??= () => undefined;

afterEach(() => vi.unstubAllGlobals());

describe('MembersTable', () => {
  it('shows an admin the owner as locked, and no owner choice for others', async () => {
    const user = userEvent.setup();
    renderTable('admin', 'u-admin');
    expect(screen.queryByRole('combobox', { name: 'Role of Olga Owner' })).not.toBeInTheDocument();
    expect(screen.getByLabelText('Only an owner can change an owner')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Remove Olga Owner' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('combobox', { name: 'Role of Sam Staff' }));
    // jsdom keeps the dropdown's transition from finishing, so its options count as hidden.
    const listbox = screen.getByRole('listbox', { name: 'Role of Sam Staff', hidden: true });
    const options = within(listbox)
      .getAllByRole('option', { hidden: true })
      .map((option) => option.textContent);
    expect(options).toEqual(['Admin', 'Staff']);
  });

  it('shows staff badges only', () => {
    renderTable('staff', 'u-staff');
    expect(screen.queryAllByRole('combobox')).toHaveLength(0);
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });

  it('removes a member only after confirming, and keeps the dialog open with the error if it fails', async () => {
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(
        new Response(JSON.stringify({ code: 'LAST_OWNER', status: 422, detail: 'Keep one owner' }), {
          status: 422,
          headers: { 'content-type': 'application/problem+json' },
        }),
      )
      .mockResolvedValue(new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetchMock);
    const user = userEvent.setup();
    renderTable('owner', 'u-owner');

    await user.click(screen.getByRole('button', { name: 'Remove Sam Staff' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove Sam Staff?' });
    expect(fetchMock).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Remove from the team' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Keep one owner');
    await user.click(within(dialog).getByRole('button', { name: 'Remove from the team' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fetchMock).toHaveBeenLastCalledWith(
      '/api/organizations/org-1/members/u-staff',
      expect.objectContaining({ method: 'DELETE' }),
    );
  });

  it('asks before changing a role, then sends it', async () => {
    const fetchMock = vi.fn(
      async () =>
        new Response(JSON.stringify({ ...members[2], role: 'admin' }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const user = userEvent.setup();
    renderTable('owner', 'u-owner');
    await user.click(screen.getByRole('combobox', { name: 'Role of Sam Staff' }));
    const listbox = screen.getByRole('listbox', { name: 'Role of Sam Staff', hidden: true });
    fireEvent.click(within(listbox).getByRole('option', { name: 'Admin', hidden: true }));
    const dialog = await screen.findByRole('dialog', { name: 'Make Sam Staff Admin?' });
    await user.click(within(dialog).getByRole('button', { name: 'Change role' }));
    await vi.waitFor(() =>
      expect(fetchMock).toHaveBeenCalledWith(
        '/api/organizations/org-1/members/u-staff',
        expect.objectContaining({ method: 'PATCH', body: JSON.stringify({ role: 'admin' }) }),
      ),
    );
  });
});

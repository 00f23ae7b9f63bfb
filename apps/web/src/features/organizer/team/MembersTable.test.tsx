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

afterEach(() => vi.unstubAllGlobals());

/** Opens a member's menu and picks an item (jsdom never finishes the menu's transition: hidden). */
async function pick(memberName: string, item: string) {
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: `Manage ${memberName}` }));
  const menu = await screen.findByRole('menu', { hidden: true });
  return {
    menu,
    choose: () => fireEvent.click(within(menu).getByRole('menuitem', { name: item, hidden: true })),
  };
}

async function menuItems(memberName: string): Promise<string[]> {
  const { menu } = await pick(memberName, '');
  return within(menu)
    .getAllByRole('menuitem', { hidden: true })
    .map((item) => item.textContent ?? '');
}

describe('MembersTable', () => {
  it('shows an admin the owner as locked, and no owner choice for others', async () => {
    renderTable('admin', 'u-admin');
    expect(screen.queryByRole('button', { name: 'Manage Olga Owner' })).not.toBeInTheDocument();
    expect(screen.getByLabelText('Only an owner can change an owner')).toBeInTheDocument();
    expect(await menuItems('Sam Staff')).toEqual(['Make Admin', 'Remove from the team']);
  });

  it('locks the last owner, and offers an owner every role for others', async () => {
    renderTable('owner', 'u-owner');
    expect(screen.queryByRole('button', { name: 'Manage Olga Owner' })).not.toBeInTheDocument();
    expect(
      screen.getByLabelText('The last owner cannot step down: make someone else an owner first'),
    ).toBeInTheDocument();
    expect(await menuItems('Adam Admin')).toEqual(['Make Owner', 'Make Staff', 'Remove from the team']);
  });

  it('shows staff the roles only', () => {
    renderTable('staff', 'u-staff');
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(screen.getAllByText('Staff').length).toBeGreaterThan(0);
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

    (await pick('Sam Staff', 'Remove from the team')).choose();
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
    (await pick('Sam Staff', 'Make Admin')).choose();
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

import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ApiKey, Member } from '@zevents/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { ApiKeysSection } from './ApiKeysSection';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const members: Member[] = [
  { userId: 'u-owner', email: 'olga@x.test', name: 'Olga Owner', role: 'owner' },
  { userId: 'u-staff', email: 'sam@x.test', name: 'Sam Staff', role: 'staff' },
];

const key = (overrides: Partial<ApiKey>): ApiKey => ({
  id: 'k-1',
  name: 'CRM sync',
  prefix: 'zev_Ab12Cd',
  scopes: ['write'],
  createdAt: '2030-01-01T10:00:00Z',
  lastUsedAt: null,
  createdBy: { userId: 'u-owner', name: 'Olga Owner', email: 'olga@x.test' },
  ...overrides,
});

/** Answers the team page's reads; POSTs get `created`. Returns the mock to inspect the calls. */
function serve(items: ApiKey[], created?: unknown) {
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
    if (init?.method === 'POST') return json(201, created);
    if (url.endsWith('/members')) return json(200, { items: members, nextCursor: null });
    return json(200, { items, nextCursor: null });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => vi.unstubAllGlobals());

describe('ApiKeysSection', () => {
  it('lists access, the creator (or "creator unknown"), and flags a key whose creator lost access', async () => {
    serve([
      key({ id: 'k-1', name: 'CRM sync' }),
      key({ id: 'k-2', name: 'Door', scopes: ['check-in'], lastUsedAt: '2030-01-02T10:00:00Z' }),
      key({ id: 'k-3', name: 'Legacy', createdBy: null }),
      key({
        id: 'k-4',
        name: 'Wallboard',
        scopes: ['read', 'check-in'],
        createdBy: { userId: 'u-staff', name: 'Sam Staff', email: 'sam@x.test' },
      }),
    ]);
    renderWithProviders(<ApiKeysSection organizationId="org-1" />);
    const list = await screen.findByRole('list', { name: 'API keys' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(4);

    const [crm, door, legacy, wallboard] = items as [HTMLElement, HTMLElement, HTMLElement, HTMLElement];
    expect(within(crm).getByText('Full access')).toBeInTheDocument();
    expect(within(crm).getByText('Created by').nextSibling).toHaveTextContent('Olga Owner');
    expect(within(door).getByText('Check-in')).toBeInTheDocument();
    expect(within(door).queryByText('Full access')).not.toBeInTheDocument();
    expect(within(legacy).getByText('creator unknown')).toBeInTheDocument();
    expect(within(legacy).queryByText('Inactive')).not.toBeInTheDocument();
    expect(within(wallboard).getByText('Read')).toBeInTheDocument();
    expect(within(wallboard).getByText('Check-in')).toBeInTheDocument();
    // Sam is staff now: the key is refused, and the list says so.
    expect(await within(wallboard).findByText('Inactive')).toBeInTheDocument();
    expect(within(crm).queryByText('Inactive')).not.toBeInTheDocument();
    expect(within(wallboard).getByRole('button', { name: 'Revoke the key Wallboard' })).toBeInTheDocument();
  });

  it('creates a check-in scanner key with that scope and shows the key once with its access', async () => {
    const fetchMock = serve([], { id: 'k-9', name: 'Door', key: 'zev_secret', scopes: ['check-in'] });
    const user = userEvent.setup();
    renderWithProviders(<ApiKeysSection organizationId="org-1" />);
    await user.type(screen.getByLabelText('Key name'), 'Door');
    const access = screen.getByRole('radiogroup', { name: /Access/ });
    expect(within(access).getByRole('radio', { name: /Full access/ })).toBeChecked();
    await user.click(within(access).getByRole('radio', { name: /Check-in scanner/ }));
    await user.click(screen.getByRole('button', { name: 'Create key' }));

    expect(await screen.findByLabelText('New API key')).toHaveTextContent('zev_secret');
    expect(screen.getByText(/Access: Check-in/)).toBeInTheDocument();
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(post?.[0]).toBe('/api/organizations/org-1/api-keys');
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({ name: 'Door', scopes: ['check-in'] });
    // The form is ready for the next key, back on full access.
    expect(screen.getByLabelText('Key name')).toHaveValue('');
    expect(within(access).getByRole('radio', { name: /Full access/ })).toBeChecked();
  });

  it('sends full access by default', async () => {
    const fetchMock = serve([], { id: 'k-9', name: 'CRM', key: 'zev_secret', scopes: ['write'] });
    const user = userEvent.setup();
    renderWithProviders(<ApiKeysSection organizationId="org-1" />);
    await user.type(screen.getByLabelText('Key name'), 'CRM');
    await user.click(screen.getByRole('button', { name: 'Create key' }));
    await screen.findByLabelText('New API key');
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({ name: 'CRM', scopes: ['write'] });
  });
});

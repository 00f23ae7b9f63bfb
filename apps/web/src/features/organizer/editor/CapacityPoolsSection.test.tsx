import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CapacityPool } from '@zevents/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, serveApi } from '../../../test/fake-api';
import { renderWithProviders } from '../../../test/render';
import { CapacityPoolsSection } from './CapacityPoolsSection';
import { capacityPool, EARLY_ID, EVENT_ID, event, REGULAR_ID, ticketType } from './catalogue-fixtures';

const LIST = `GET /api/events/${EVENT_ID}/capacity-pools`;
const EVENT = event({
  ticketTypes: [
    ticketType({ id: EARLY_ID, name: 'Early bird' }),
    ticketType({ id: REGULAR_ID, name: 'Regular' }),
    ticketType({ id: 'tt-vip', name: 'VIP' }),
  ],
});

function renderSection(
  pools: CapacityPool[],
  routes: Record<string, () => Response> = {},
  { editable = true } = {},
) {
  const fetchMock = serveApi({
    [LIST]: () => json(200, { items: pools }),
    [`GET /api/events/${EVENT_ID}`]: () => json(200, EVENT),
    ...routes,
  });
  renderWithProviders(<CapacityPoolsSection event={EVENT} editable={editable} />);
  return { fetchMock, user: userEvent.setup({ delay: null }) };
}

const calls = (fetchMock: ReturnType<typeof serveApi>, method: string) =>
  fetchMock.mock.calls.filter(([, init]) => init?.method === method);

afterEach(() => vi.unstubAllGlobals());

describe('CapacityPoolsSection', { timeout: 20_000 }, () => {
  it('explains pools and says when there is none yet', async () => {
    renderSection([]);
    const section = screen.getByRole('region', { name: 'Shared capacity' });
    expect(section).toHaveTextContent('Ticket types in a pool share its capacity');
    expect(await within(section).findByText('No shared capacity')).toBeInTheDocument();
  });

  it('lists each pool with its ticket types by name and its usage, said for screen readers', async () => {
    renderSection([
      capacityPool({ sold: 300, held: 20, available: 180 }),
      capacityPool({
        id: 'pool-2',
        name: 'Balcony',
        capacity: 2,
        ticketTypeIds: [REGULAR_ID],
        sold: 2,
        available: 0,
      }),
    ]);
    const items = await screen.findAllByRole('listitem');
    expect(items).toHaveLength(2);
    const [hall, balcony] = items as [HTMLElement, HTMLElement];
    expect(within(hall).getByText('Shared by Early bird, Regular')).toBeInTheDocument();
    const meter = within(hall).getByRole('meter', { name: 'Main hall usage' });
    expect(meter).toHaveAttribute('aria-valuenow', '320');
    expect(meter).toHaveAttribute('aria-valuemax', '500');
    expect(meter).toHaveAttribute('aria-valuetext', '300 sold, 20 held, 180 available of 500');
    expect(within(hall).getByText('300 sold · 20 held · 180 available of 500')).toBeInTheDocument();
    expect(within(hall).queryByText('Full')).not.toBeInTheDocument();
    expect(within(balcony).getByText('Shared by Regular')).toBeInTheDocument();
    expect(within(balcony).getByText('Full')).toBeInTheDocument();
  });

  it('adds a pool through the form', async () => {
    const { fetchMock, user } = renderSection([], {
      [`POST /api/events/${EVENT_ID}/capacity-pools`]: () => json(201, capacityPool()),
    });
    await user.click(screen.getByRole('button', { name: 'Add shared capacity' }));
    const dialog = await screen.findByRole('dialog', { name: 'New shared capacity' });
    await user.type(within(dialog).getByRole('textbox', { name: /Name/ }), 'Main hall');
    await user.type(within(dialog).getByRole('textbox', { name: /Capacity/ }), '500');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Early bird' }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'VIP' }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'VIP' }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'Regular' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add shared capacity' }));
    await vi.waitFor(() => expect(calls(fetchMock, 'POST')).toHaveLength(1));
    expect(calls(fetchMock, 'POST')[0]?.[1]?.body).toBe(
      JSON.stringify({ name: 'Main hall', capacity: 500, ticketTypeIds: [EARLY_ID, REGULAR_ID] }),
    );
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('edits a pool in the same form', async () => {
    const { fetchMock, user } = renderSection([capacityPool()], {
      'PATCH /api/capacity-pools/pool-1': () => json(200, capacityPool({ capacity: 450 })),
    });
    await user.click(await screen.findByRole('button', { name: 'Edit Main hall' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit “Main hall”' });
    const capacity = within(dialog).getByRole('textbox', { name: /Capacity/ });
    await user.clear(capacity);
    await user.type(capacity, '450');
    await user.click(within(dialog).getByRole('button', { name: 'Save shared capacity' }));
    await vi.waitFor(() => expect(calls(fetchMock, 'PATCH')).toHaveLength(1));
    expect(calls(fetchMock, 'PATCH')[0]?.[1]?.body).toBe(
      JSON.stringify({ name: 'Main hall', capacity: 450, ticketTypeIds: [EARLY_ID, REGULAR_ID] }),
    );
  });

  it('deletes a pool only after confirming', async () => {
    const { fetchMock, user } = renderSection([capacityPool()], {
      'DELETE /api/capacity-pools/pool-1': () => json(204, null),
    });
    await user.click(await screen.findByRole('button', { name: 'Delete Main hall' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete “Main hall”?' });
    expect(calls(fetchMock, 'DELETE')).toHaveLength(0);
    await user.click(within(dialog).getByRole('button', { name: 'Delete shared capacity' }));
    await vi.waitFor(() => expect(calls(fetchMock, 'DELETE')).toHaveLength(1));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('shows no add, edit or delete to someone who cannot edit', async () => {
    renderSection([capacityPool()], {}, { editable: false });
    expect(await screen.findByText('Shared by Early bird, Regular')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Add|Edit|Delete/ })).not.toBeInTheDocument();
  });
});

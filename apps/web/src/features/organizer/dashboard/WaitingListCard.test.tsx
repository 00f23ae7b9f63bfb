import { act, screen, within } from '@testing-library/react';
import type { WaitlistEntry, WaitlistList } from '@zevents/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eventStats } from '../../../test/event-stats';
import { json, serveApi } from '../../../test/fake-api';
import { renderWithProviders } from '../../../test/render';
import { EVENT_ID } from '../editor/catalogue-fixtures';
import { useLiveEventStats } from '../queries/useLiveEventStats';
import { WaitingListCard, waitingListCounts } from './WaitingListCard';

const LIST = `GET /api/events/${EVENT_ID}/waiting-list`;
const FRIDAY = '5f0c2a8e-1d2b-4c3d-8e4f-000000000001';
const SATURDAY = '5f0c2a8e-1d2b-4c3d-8e4f-000000000002';

const entry = (id: string, overrides: Partial<WaitlistEntry>): WaitlistEntry => ({
  id,
  ticketTypeId: 'tt-vip',
  ticketTypeName: 'VIP',
  quantity: 1,
  name: `Buyer ${id}`,
  email: `${id}@example.com`,
  position: null,
  status: 'waiting',
  offerOrderId: null,
  offerExpiresAt: null,
  createdAt: '2030-01-10T12:00:00Z',
  ...overrides,
});

const LIST_BODY: WaitlistList = {
  items: [
    entry('a', { dateId: FRIDAY, position: 1 }),
    entry('b', { dateId: FRIDAY, position: 2 }),
    entry('c', { dateId: FRIDAY, status: 'offered', offerExpiresAt: '2030-01-11T12:00:00Z' }),
    entry('d', { dateId: SATURDAY, position: 1 }),
    entry('e', { dateId: SATURDAY, status: 'purchased' }),
    entry('f', { dateId: SATURDAY, status: 'expired' }),
    entry('g', { dateId: SATURDAY, status: 'left' }),
  ],
  counts: { waiting: 3, offered: 1, purchased: 1, expired: 1 },
};

const count = (status: string) => within(screen.getByTestId(`waiting-list-${status}`));

/** Stands in for the dashboard's live socket: the test pushes figures by hand. */
class FakeSocket {
  static last: FakeSocket | undefined;
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  constructor() {
    FakeSocket.last = this;
  }
  close() {}
}

beforeEach(() => {
  vi.stubGlobal('WebSocket', FakeSocket);
});
afterEach(() => {
  vi.unstubAllGlobals();
  FakeSocket.last = undefined;
});

describe('waitingListCounts', () => {
  it("takes the API's counts for every date", () => {
    expect(waitingListCounts(LIST_BODY, null)).toBe(LIST_BODY.counts);
  });

  it('counts the entries of one date, leaving out those who left or were removed', () => {
    expect(waitingListCounts(LIST_BODY, FRIDAY)).toEqual({
      waiting: 2,
      offered: 1,
      purchased: 0,
      expired: 0,
    });
    expect(waitingListCounts(LIST_BODY, SATURDAY)).toEqual({
      waiting: 1,
      offered: 0,
      purchased: 1,
      expired: 1,
    });
    expect(waitingListCounts(LIST_BODY, 'another-date')).toEqual({
      waiting: 0,
      offered: 0,
      purchased: 0,
      expired: 0,
    });
  });
});

describe('WaitingListCard', { timeout: 20_000 }, () => {
  it('shows the counts by status, named in words, with the way to the list in the editor', async () => {
    serveApi({ [LIST]: () => json(200, LIST_BODY) });
    renderWithProviders(<WaitingListCard eventId={EVENT_ID} dateId={null} />);
    const section = await screen.findByRole('region', { name: 'Waiting list' });
    // A description list: each count is read with its status.
    expect(
      within(section)
        .getAllByRole('term')
        .map((term) => term.textContent),
    ).toEqual(['Waiting', 'Offered', 'Purchased', 'Expired']);
    expect(within(section).getAllByRole('definition')).toHaveLength(4);
    expect(count('waiting').getByText('3')).toBeInTheDocument();
    expect(count('offered').getByText('1')).toBeInTheDocument();
    expect(count('purchased').getByText('1')).toBeInTheDocument();
    expect(count('expired').getByText('1')).toBeInTheDocument();
    expect(within(section).getByRole('link', { name: 'See the waiting list' })).toHaveAttribute(
      'href',
      `/organizer/events/${EVENT_ID}/edit?tab=waiting-list`,
    );
    expect(screen.queryByText('Entries for the date shown')).not.toBeInTheDocument();
  });

  it('narrows the counts to the date the dashboard is filtered to', async () => {
    serveApi({ [LIST]: () => json(200, LIST_BODY) });
    renderWithProviders(<WaitingListCard eventId={EVENT_ID} dateId={FRIDAY} />);
    expect(await screen.findByText('Entries for the date shown')).toBeInTheDocument();
    expect(count('waiting').getByText('2')).toBeInTheDocument();
    expect(count('offered').getByText('1')).toBeInTheDocument();
    expect(count('purchased').getByText('0')).toBeInTheDocument();
    expect(count('expired').getByText('0')).toBeInTheDocument();
  });

  it('shows nothing while nobody ever joined the list', async () => {
    const fetchMock = serveApi({
      [LIST]: () => json(200, { items: [], counts: { waiting: 0, offered: 0, purchased: 0, expired: 0 } }),
    });
    renderWithProviders(<WaitingListCard eventId={EVENT_ID} dateId={null} />);
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalled());
    await act(async () => {});
    expect(screen.queryByRole('region', { name: 'Waiting list' })).not.toBeInTheDocument();
    expect(screen.queryByText('Waiting')).not.toBeInTheDocument();
  });

  it('is read again when the live figures move', async () => {
    let body = LIST_BODY;
    const fetchMock = serveApi({
      [LIST]: () => json(200, body),
      [`GET /api/events/${EVENT_ID}/stats`]: () => json(200, eventStats()),
    });
    function Dashboard() {
      useLiveEventStats(EVENT_ID);
      return <WaitingListCard eventId={EVENT_ID} dateId={null} />;
    }
    renderWithProviders(<Dashboard />);
    expect(within(await screen.findByTestId('waiting-list-waiting')).getByText('3')).toBeInTheDocument();
    const listCalls = () => fetchMock.mock.calls.filter(([url]) => String(url).endsWith('/waiting-list'));
    await vi.waitFor(() =>
      expect(fetchMock.mock.calls.some(([url]) => String(url).endsWith('/stats'))).toBe(true),
    );
    expect(listCalls()).toHaveLength(1);

    // The first offer: one fewer waits, and its tickets are held.
    body = { ...LIST_BODY, counts: { ...LIST_BODY.counts, waiting: 2, offered: 2 } };
    const socket = FakeSocket.last!;
    act(() => {
      socket.onopen?.();
      socket.onmessage?.({ data: JSON.stringify({ type: 'stats', ...eventStats({ ticketsHeld: 1 }) }) });
    });
    await vi.waitFor(() => expect(count('offered').getByText('2')).toBeInTheDocument());
    expect(count('waiting').getByText('2')).toBeInTheDocument();
    expect(listCalls()).toHaveLength(2);
  });
});

import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { EventAnalytics, MemberRole, TrackingLink } from '@zevents/contracts';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eventStats } from '../../../test/event-stats';
import { json } from '../../../test/fake-api';
import { renderWithProviders } from '../../../test/render';
import { event } from '../editor/catalogue-fixtures';
import { CurrentOrganizationProvider } from '../layout/current-organization';
import { analyticsReport, trackingLink } from './analytics-fixtures';
import AnalyticsPage from './AnalyticsPage';

/** Stands in for the live socket: the test pushes the event's figures by hand. */
class FakeSocket {
  static last: FakeSocket | undefined;
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.last = this;
  }
  close() {}
  push(data: unknown) {
    act(() => this.onmessage?.({ data: JSON.stringify(data) }));
  }
}

/** The API as the page reads it; `report` and `links` may change between reads. */
function serve(state: { report: EventAnalytics; links: TrackingLink[]; created?: TrackingLink }) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const key = `${init?.method ?? 'GET'} ${url.pathname}`;
    switch (key) {
      case 'GET /api/events/e-1':
        return json(200, event());
      case 'GET /api/events/e-1/stats':
        return json(200, eventStats());
      case 'GET /api/events/e-1/analytics':
        return json(200, state.report);
      case 'GET /api/events/e-1/tracking-links':
        return json(200, { items: state.links });
      case 'POST /api/events/e-1/tracking-links':
        return json(201, state.created);
      case 'DELETE /api/events/e-1/tracking-links/tl-1':
        return json(204, null);
      default:
        throw new Error(`unexpected request ${key}`);
    }
  });
  vi.stubGlobal('fetch', fetchMock);
  const calls = (method: string, path: string) =>
    fetchMock.mock.calls.filter(
      ([input, init]) =>
        (init?.method ?? 'GET') === method && new URL(String(input), 'http://localhost').pathname === path,
    );
  return { fetchMock, calls };
}

function renderPage(role: MemberRole = 'owner') {
  renderWithProviders(
    <CurrentOrganizationProvider
      organizations={[{ id: 'org-1', name: 'Nightfall', slug: 'nightfall', role }]}
    >
      <Routes>
        <Route path="/organizer/events/:eventId/analytics" element={<AnalyticsPage />} />
      </Routes>
    </CurrentOrganizationProvider>,
    { route: '/organizer/events/e-1/analytics' },
  );
  return userEvent.setup({ delay: null });
}

const cellsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    );

beforeEach(() => {
  vi.stubGlobal('WebSocket', FakeSocket);
  // jsdom lays nothing out: the charts measure a card of a phone's width instead of nothing.
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue(
    DOMRect.fromRect({ width: 360, height: 240 }),
  );
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  FakeSocket.last = undefined;
});

describe('AnalyticsPage', { timeout: 20_000 }, () => {
  it('shows the funnel, sources, forecast and door as tables a screen reader can read', async () => {
    const { calls } = serve({ report: analyticsReport(), links: [trackingLink()] });
    renderPage();

    const funnel = await screen.findByRole('table', { name: 'Funnel' });
    expect(cellsOf(funnel)).toEqual([
      ['Viewed the event', '200', '—'],
      ['Chose tickets', '80', '40%'],
      ['Reserved', '40', '50%'],
      ['Opened checkout', '36', '90%'],
      ['Paid', '30', '83%'],
    ]);
    expect(screen.getByTestId('abandonment-summary')).toHaveTextContent(
      '6 holds expired or were cancelled, leaving 9 tickets (€225.00) behind.',
    );

    const sources = screen.getByRole('table', { name: 'Sources' });
    const [link, direct] = cellsOf(sources);
    expect(link).toEqual([
      expect.stringContaining('Instagram bio'),
      '90',
      '70',
      '14',
      '20',
      '€500.00',
      '20%',
    ]);
    expect(direct?.[0]).toBe('DirectDirect');

    expect(screen.getByTestId('sell-out-forecast')).toHaveTextContent('Not enough sales yet');
    expect(screen.getByText('Nobody checked in yet')).toBeInTheDocument();
    expect(screen.getByText('No promo code used in this period')).toBeInTheDocument();
    expect(await screen.findByRole('list', { name: 'Tracking links' })).toHaveTextContent(
      'https://tickets.example.com/events/night-jazz?ref=insta-bio',
    );
    for (const what of [
      'the funnel',
      'sources',
      'tracking links',
      'promo codes',
      'visitors and sales over time',
    ])
      expect(screen.getByRole('button', { name: `Export CSV of ${what}` })).toBeInTheDocument();

    // The last 30 days, by day.
    const [[input]] = calls('GET', '/api/events/e-1/analytics') as [[string]];
    const query = new URL(input, 'http://localhost').searchParams;
    expect(query.get('interval')).toBe('day');
    expect(Date.now() - Date.parse(query.get('from') ?? '')).toBeGreaterThanOrEqual(30 * 86_400_000);
  });

  it('reads the report again when a sale is pushed, not when the socket repeats the figures', async () => {
    const state = { report: analyticsReport(), links: [trackingLink()] };
    const { calls } = serve(state);
    renderPage();
    const funnel = await screen.findByRole('table', { name: 'Funnel' });
    expect(cellsOf(funnel)[4]?.[1]).toBe('30');
    const socket = FakeSocket.last;
    if (!socket) throw new Error('no live socket');
    expect(socket.url).toMatch(/\/api\/events\/e-1\/live$/);

    // On connect the server sends the current figures: nothing new.
    socket.push({ type: 'stats', ...eventStats() });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls('GET', '/api/events/e-1/analytics')).toHaveLength(1);

    state.report = analyticsReport({
      funnel: analyticsReport().funnel.map((step) => (step.step === 'paid' ? { ...step, count: 31 } : step)),
    });
    socket.push({ type: 'stats', ...eventStats({ ticketsSold: 4, revenueCents: 6000 }) });
    await waitFor(() => expect(cellsOf(screen.getByRole('table', { name: 'Funnel' }))[4]?.[1]).toBe('31'));
    expect(calls('GET', '/api/events/e-1/analytics')).toHaveLength(2);
    await waitFor(() => expect(calls('GET', '/api/events/e-1/tracking-links')).toHaveLength(2));
  });

  it('projects the sell-out date with its range, in the event’s time zone', async () => {
    serve({
      report: analyticsReport({
        velocity: {
          ticketsPerDay: 2.5,
          remaining: 58,
          projectedSellOutAt: '2030-05-24T10:00:00.000Z',
          projectedRange: { earliest: '2030-05-18T10:00:00.000Z', latest: '2030-06-02T22:30:00.000Z' },
          ticketsSoFar: 42,
          earlierEvents: [
            {
              eventId: 'e-0',
              title: 'Spring gala 2029',
              startsAt: '2029-05-20T18:00:00.000Z',
              ticketsAtSamePoint: 30,
              ticketsFinal: 95,
            },
          ],
        },
      }),
      links: [],
    });
    renderPage();
    const forecast = await screen.findByTestId('sell-out-forecast');
    expect(forecast).toHaveTextContent('May 24, 2030');
    // 22:30 UTC is already 3 June in Paris.
    expect(forecast).toHaveTextContent('Likely between May 18, 2030 and Jun 3, 2030');
    expect(screen.getByText('2.5')).toBeInTheDocument();
    const earlier = screen.getByRole('table', { name: 'Earlier events at this point before their start' });
    expect(earlier).toHaveTextContent('Spring gala 2029');
    expect(earlier).toHaveTextContent('3095');
  });

  it('groups by hour up to 30 days only', async () => {
    const { calls } = serve({ report: analyticsReport(), links: [] });
    const user = renderPage();
    await screen.findByRole('table', { name: 'Funnel' });
    await user.click(screen.getByRole('radio', { name: 'By hour' }));
    await waitFor(() =>
      expect(
        calls('GET', '/api/events/e-1/analytics').some(([input]) => String(input).includes('interval=hour')),
      ).toBe(true),
    );
    await user.click(screen.getByRole('radio', { name: '90 days' }));
    expect(screen.getByRole('radio', { name: 'By hour' })).toBeDisabled();
    expect(screen.getByRole('radio', { name: 'By day' })).toBeChecked();
  });

  it('creates a tracking link and deletes one after asking', async () => {
    const created = trackingLink({ id: 'tl-2', name: 'Spring newsletter', code: 'spring' });
    const state = { report: analyticsReport(), links: [trackingLink()], created };
    const { calls } = serve(state);
    const user = renderPage();
    await screen.findByRole('list', { name: 'Tracking links' });

    await user.type(screen.getByRole('textbox', { name: /Link name/ }), 'Spring newsletter');
    await user.type(screen.getByRole('textbox', { name: /Code/ }), 'spring');
    state.links = [created, trackingLink()];
    await user.click(screen.getByRole('button', { name: 'Create link' }));
    await waitFor(() => expect(calls('POST', '/api/events/e-1/tracking-links')).toHaveLength(1));
    const [[, init]] = calls('POST', '/api/events/e-1/tracking-links') as [[string, RequestInit]];
    expect(JSON.parse(String(init.body))).toEqual({ name: 'Spring newsletter', code: 'spring' });
    expect(await screen.findByRole('listitem', { name: 'Spring newsletter' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Delete the link Instagram bio' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this tracking link?' });
    expect(calls('DELETE', '/api/events/e-1/tracking-links/tl-1')).toHaveLength(0);
    state.links = [created];
    await user.click(within(dialog).getByRole('button', { name: 'Delete link' }));
    await waitFor(() => expect(calls('DELETE', '/api/events/e-1/tracking-links/tl-1')).toHaveLength(1));
    await waitFor(() =>
      expect(screen.queryByRole('listitem', { name: 'Instagram bio' })).not.toBeInTheDocument(),
    );
  });

  it('lets staff read the links without making or deleting any', async () => {
    serve({ report: analyticsReport(), links: [trackingLink()] });
    renderPage('staff');
    await screen.findByRole('list', { name: 'Tracking links' });
    expect(screen.queryByRole('button', { name: 'Create link' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Delete the link/ })).not.toBeInTheDocument();
  });
});

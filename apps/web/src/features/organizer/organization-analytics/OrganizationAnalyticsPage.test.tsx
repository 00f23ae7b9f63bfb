import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AnalyticsSummarySettings } from '@zevents/contracts';
import { Route, Routes, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { json } from '../../../test/fake-api';
import { renderWithProviders } from '../../../test/render';
import { CurrentOrganizationProvider } from '../layout/current-organization';
import { organizationReport, summarySettings } from './organization-analytics-fixtures';
import OrganizationAnalyticsPage from './OrganizationAnalyticsPage';

const REPORT = '/api/organizations/org-1/analytics';
const SUMMARY = '/api/organizations/org-1/analytics/summary-email';

/** The API as the page reads it; the summary settings change with each PUT. */
function serve(state: { settings: AnalyticsSummarySettings }) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const key = `${init?.method ?? 'GET'} ${url.pathname}`;
    switch (key) {
      case `GET ${REPORT}`:
        return json(200, organizationReport());
      case `GET ${SUMMARY}`:
        return json(200, state.settings);
      case `PUT ${SUMMARY}`: {
        const body = JSON.parse(String(init?.body)) as Pick<
          AnalyticsSummarySettings,
          'frequency' | 'timezone'
        >;
        state.settings = { ...state.settings, ...body, nextSendAt: '2030-05-09T07:00:00.000Z' };
        return json(200, state.settings);
      }
      case `POST ${SUMMARY}/send`:
        return json(202, { emailId: 'mail-1' });
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
  return { calls };
}

/** Where the page's address is now, to see what the period picker wrote into it. */
function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.pathname + location.search}</output>;
}

function renderPage(route = '/organizer/analytics') {
  renderWithProviders(
    <CurrentOrganizationProvider
      organizations={[{ id: 'org-1', name: 'Nightfall', slug: 'nightfall', role: 'owner' }]}
    >
      <Routes>
        <Route path="/organizer/analytics" element={<OrganizationAnalyticsPage />} />
      </Routes>
      <LocationProbe />
    </CurrentOrganizationProvider>,
    { route },
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
  // jsdom lays nothing out: the chart measures a card of a phone's width instead of nothing.
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue(
    DOMRect.fromRect({ width: 360, height: 240 }),
  );
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('OrganizationAnalyticsPage', { timeout: 20_000 }, () => {
  it('puts every event side by side, each in its currency, and the revenue per currency', async () => {
    serve({ settings: summarySettings() });
    renderPage();

    const events = await screen.findByRole('table', { name: 'Events side by side' });
    expect(cellsOf(events)).toEqual([
      [
        expect.stringContaining('Nightfall Jazz'),
        'On sale',
        '30 / 120',
        '25%',
        '200',
        '12',
        '18',
        '€450.00',
        '6%',
      ],
      // Nothing to divide by: no capacity, no visitors.
      [expect.stringContaining('Folk by the River'), 'Draft', '0 / 0', '—', '0', '0', '0', '£0.00', '—'],
    ]);
    expect(within(events).getByRole('link', { name: 'Nightfall Jazz' })).toHaveAttribute(
      'href',
      '/organizer/events/e-1/analytics',
    );

    const revenue = screen.getByRole('table', { name: 'Revenue over time' });
    expect(cellsOf(revenue)).toEqual([
      [expect.any(String), 'EUR', '5', '8', '€200.00'],
      [expect.any(String), 'EUR', '7', '10', '€250.00'],
      [expect.any(String), 'GBP', '1', '1', '£15.00'],
    ]);
    expect(screen.getByText(/€450\.00 and £15\.00 in the last 30 days/)).toBeInTheDocument();
  });

  it('reads the period from the address, asks in the browser’s zone, and writes a new one back', async () => {
    const { calls } = serve({ settings: summarySettings() });
    const user = renderPage('/organizer/analytics?period=7d&interval=hour');

    const events = await screen.findByRole('table', { name: 'Events side by side' });
    const [first] = calls('GET', REPORT);
    const query = new URL(String(first?.[0]), 'http://localhost').searchParams;
    expect(query.get('interval')).toBe('hour');
    expect(query.get('timezone')).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    const days = (Date.now() - Date.parse(query.get('from') ?? '')) / 86_400_000;
    expect(days).toBeCloseTo(7, 1);
    expect(screen.getByRole('radio', { name: '7 days' })).toBeChecked();
    // The event's own report opens over the same period.
    expect(within(events).getByRole('link', { name: 'Nightfall Jazz' })).toHaveAttribute(
      'href',
      '/organizer/events/e-1/analytics?period=7d&interval=hour',
    );

    // Hours do not fit 90 days: the grouping falls back to days, the default, left out of the address.
    await user.click(screen.getByRole('radio', { name: '90 days' }));
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/organizer\/analytics\?period=90d$/);
    await waitFor(() =>
      expect(calls('GET', REPORT).some(([input]) => String(input).includes('interval=day'))).toBe(true),
    );
  });

  it('saves the summary email and sends one now', async () => {
    const { calls } = serve({ settings: summarySettings() });
    const user = renderPage();

    const form = await screen.findByRole('form', { name: 'Summary email' });
    expect(within(form).getByRole('radio', { name: 'Weekly' })).toBeChecked();
    await user.click(within(form).getByRole('radio', { name: 'Daily' }));
    await user.click(within(form).getByRole('button', { name: 'Save' }));

    expect(await within(form).findByText('Saved: daily.')).toBeInTheDocument();
    const [put] = calls('PUT', SUMMARY);
    expect(JSON.parse(String(put?.[1]?.body))).toEqual({
      frequency: 'daily',
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    expect(within(form).getByText(/^Next one: /)).toBeInTheDocument();

    await user.click(within(form).getByRole('button', { name: 'Send me one now' }));
    expect(await within(form).findByText(/^On its way: yesterday's summary/)).toBeInTheDocument();
    const [send] = calls('POST', `${SUMMARY}/send`);
    expect(JSON.parse(String(send?.[1]?.body))).toEqual({ frequency: 'daily' });
  });
});

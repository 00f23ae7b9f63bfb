import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { WebhookDelivery } from '@zevents/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, serveApi } from '../../../test/fake-api';
import { renderWithProviders } from '../../../test/render';
import { DeliveryLog } from './DeliveryLog';
import { deliveryFixture, webhookFixture } from './webhook-fixtures';

const LOG = '/api/webhooks/wh-1/deliveries';
const page =
  (items: WebhookDelivery[], nextCursor: string | null = null) =>
  () =>
    json(200, { items, nextCursor });

const succeeded = deliveryFixture({ id: 'd-1' });
const failed = deliveryFixture({
  id: 'd-2',
  eventType: 'ticket.checked_in',
  status: 'failed',
  attempts: 16,
  responseStatus: 500,
  durationMs: 1_234,
  responseBody: 'Internal Server Error: database is down',
  createdAt: '2030-01-02T09:00:00Z',
});
const pending = deliveryFixture({
  id: 'd-3',
  eventType: 'order.refunded',
  status: 'pending',
  attempts: 2,
  responseStatus: null,
  durationMs: 10_000,
  responseBody: null,
  error: 'timeout after 10 s',
  nextAttemptAt: '2030-01-02T08:01:30Z',
  createdAt: '2030-01-02T08:00:00Z',
});

function renderLog() {
  renderWithProviders(<DeliveryLog webhook={webhookFixture()} organizationId="org-1" />);
  return userEvent.setup({ delay: null });
}

const table = () => screen.findByRole('table', { name: 'Deliveries to https://crm.example.com/hooks' });
const rowOf = async (text: string) =>
  within(await table())
    .getAllByRole('row')
    .find((row) => row.textContent?.includes(text)) as HTMLElement;

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('DeliveryLog', { timeout: 20_000 }, () => {
  it('shows each delivery’s time, event, status, response, duration, attempts and next attempt', async () => {
    serveApi({ [`GET ${LOG}?limit=20`]: page([succeeded, failed]) });
    renderLog();
    const ok = await rowOf('order.paid');
    expect(within(ok).getByText('succeeded')).toBeInTheDocument();
    expect(within(ok).getByText('HTTP 200')).toBeInTheDocument();
    expect(within(ok).getByText('45 ms')).toBeInTheDocument();
    const bad = await rowOf('ticket.checked_in');
    expect(within(bad).getByText('failed')).toBeInTheDocument();
    expect(within(bad).getByText('HTTP 500')).toBeInTheDocument();
    expect(within(bad).getByText('1.2 s')).toBeInTheDocument();
    expect(within(bad).getByText('16')).toBeInTheDocument();
    expect(within(bad).getByRole('button', { name: /^Redeliver ticket.checked_in/ })).toBeInTheDocument();
  });

  it('opens the answer’s first bytes, or the error, in a <pre> under the row', async () => {
    serveApi({ [`GET ${LOG}?limit=20`]: page([failed, pending]) });
    const user = renderLog();
    const bad = await rowOf('ticket.checked_in');
    expect(screen.queryByText('Internal Server Error: database is down')).not.toBeInTheDocument();
    await user.click(within(bad).getByRole('button', { name: /^Details of ticket.checked_in/ }));
    const answer = await within(await table()).findByText('Internal Server Error: database is down');
    expect(answer.tagName).toBe('PRE');
    expect(within(bad).getByRole('button', { name: /^Details of ticket.checked_in/ })).toHaveAttribute(
      'aria-expanded',
      'true',
    );

    const waiting = await rowOf('order.refunded');
    expect(within(waiting).getByText('pending')).toBeInTheDocument();
    expect(within(waiting).getByText('No answer')).toBeInTheDocument();
    expect(within(waiting).getByText('10.0 s')).toBeInTheDocument();
    await user.click(within(waiting).getByRole('button', { name: /^Details of order.refunded/ }));
    expect((await within(await table()).findByText('timeout after 10 s')).tagName).toBe('PRE');
  });

  it('filters by status', async () => {
    const fetchMock = serveApi({
      [`GET ${LOG}?limit=20`]: page([succeeded, failed]),
      [`GET ${LOG}?limit=20&status=failed`]: page([failed]),
      [`GET ${LOG}?limit=20&status=pending`]: page([]),
    });
    const user = renderLog();
    await rowOf('order.paid');
    const filter = screen.getByRole('radiogroup', { name: /Filter the deliveries/ });
    await user.click(within(filter).getByRole('radio', { name: 'Failed' }));
    await waitFor(async () => expect(await rowOf('order.paid')).toBeUndefined());
    expect(await rowOf('ticket.checked_in')).toBeDefined();
    expect(fetchMock).toHaveBeenCalledWith(`${LOG}?limit=20&status=failed`, expect.anything());

    await user.click(within(filter).getByRole('radio', { name: 'Pending' }));
    expect(await screen.findByText('No pending deliveries')).toBeInTheDocument();
  });

  it('loads the next page with the cursor', async () => {
    serveApi({
      [`GET ${LOG}?limit=20`]: page([succeeded], 'cursor-2'),
      [`GET ${LOG}?limit=20&cursor=cursor-2`]: page([failed]),
    });
    const user = renderLog();
    await rowOf('order.paid');
    await user.click(screen.getByRole('button', { name: 'Load more deliveries' }));
    expect(await rowOf('ticket.checked_in')).toBeDefined();
    expect(await rowOf('order.paid')).toBeDefined();
    expect(screen.queryByRole('button', { name: 'Load more deliveries' })).not.toBeInTheDocument();
  });

  it('asks again every 3 seconds while a delivery is pending, and stops once none is', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let reads = 0;
    serveApi({
      [`GET ${LOG}?limit=20`]: () => {
        reads += 1;
        return json(200, {
          items: [reads === 1 ? pending : { ...pending, status: 'succeeded', nextAttemptAt: null }],
          nextCursor: null,
        });
      },
    });
    renderLog();
    expect(await screen.findByText(/this log refreshes every 3 seconds/)).toBeInTheDocument();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(within(await rowOf('order.refunded')).getByText('succeeded')).toBeInTheDocument();
    expect(screen.queryByText(/this log refreshes every 3 seconds/)).not.toBeInTheDocument();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(reads).toBe(2);
  });

  it('redelivers a delivery and reads the log again', async () => {
    const fetchMock = serveApi({
      [`GET ${LOG}?limit=20`]: page([failed]),
      [`POST ${LOG}/d-2/redeliver`]: () => json(201, { ...failed, id: 'd-9', status: 'succeeded' }),
    });
    const user = renderLog();
    const bad = await rowOf('ticket.checked_in');
    await user.click(within(bad).getByRole('button', { name: /^Redeliver ticket.checked_in/ }));
    await waitFor(() =>
      expect(fetchMock.mock.calls.filter(([url]) => url === `${LOG}?limit=20`)).toHaveLength(2),
    );
    expect(fetchMock).toHaveBeenCalledWith(
      `${LOG}/d-2/redeliver`,
      expect.objectContaining({ method: 'POST' }),
    );
  });
});

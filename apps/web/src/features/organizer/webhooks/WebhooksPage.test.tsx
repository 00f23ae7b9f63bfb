import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MemberRole } from '@zevents/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, serveApi } from '../../../test/fake-api';
import { renderWithProviders } from '../../../test/render';
import { CurrentOrganizationProvider } from '../layout/current-organization';
import { deliveryFixture, webhookFixture } from './webhook-fixtures';
import WebhooksPage from './WebhooksPage';

const LIST = '/api/organizations/org-1/webhooks';

function renderPage(role: MemberRole = 'owner') {
  renderWithProviders(
    <CurrentOrganizationProvider
      organizations={[{ id: 'org-1', name: 'Nightfall Events', slug: 'nightfall-events', role }]}
    >
      <WebhooksPage />
    </CurrentOrganizationProvider>,
  );
  return userEvent.setup({ delay: null });
}

afterEach(() => vi.unstubAllGlobals());

describe('WebhooksPage', { timeout: 20_000 }, () => {
  it('tells staff that owners and admins manage webhooks, without asking the API', async () => {
    const fetchMock = serveApi({});
    renderPage('staff');
    expect(await screen.findByText('Only owners and admins manage webhooks')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('says the same when the API answers 403 (the role changed meanwhile)', async () => {
    serveApi({ [`GET ${LIST}`]: () => json(403, { status: 403, code: 'FORBIDDEN', detail: 'Forbidden' }) });
    renderPage('admin');
    expect(await screen.findByText('Only owners and admins manage webhooks')).toBeInTheDocument();
  });

  it('explains what webhooks are for when there is none, and opens the form', async () => {
    serveApi({ [`GET ${LIST}`]: () => json(200, { items: [] }) });
    const user = renderPage();
    expect(await screen.findByText('No webhooks yet')).toBeInTheDocument();
    for (const use of ['CRM:', 'Newsletter:', 'Accounting:', 'Door hardware:'])
      expect(screen.getByText(use)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add your first webhook' }));
    expect(await screen.findByRole('form', { name: 'New webhook' })).toBeInTheDocument();
  });

  it('shows an endpoint with its events, status and a hidden secret that can be revealed', async () => {
    serveApi({ [`GET ${LIST}`]: () => json(200, { items: [webhookFixture()] }) });
    const user = renderPage();
    const heading = await screen.findByRole('heading', { name: 'https://crm.example.com/hooks' });
    const card = heading.closest('li') as HTMLElement;
    expect(within(card).getByText('Active')).toBeInTheDocument();
    expect(within(card).getByText('CRM sync')).toBeInTheDocument();
    const chips = within(card).getByRole('list', { name: 'Events sent' });
    expect(
      within(chips)
        .getAllByRole('listitem')
        .map((chip) => chip.textContent),
    ).toEqual(['order.created', 'order.paid']);
    expect(within(card).queryByText('whsec_s3cr3t-value')).not.toBeInTheDocument();
    expect(within(card).getByText(/^whsec_•+$/)).toBeInTheDocument();
    expect(within(card).getByText('Z-Events-Signature')).toBeInTheDocument();
    expect(within(card).getByText('verifyWebhookSignature')).toBeInTheDocument();
    await user.click(within(card).getByRole('button', { name: /^Reveal the signing secret/ }));
    expect(within(card).getByText('whsec_s3cr3t-value')).toBeInTheDocument();
    await user.click(within(card).getByRole('button', { name: /^Hide the signing secret/ }));
    expect(within(card).queryByText('whsec_s3cr3t-value')).not.toBeInTheDocument();
  });

  it('sends a test event and shows its status code and duration, then the log with it', async () => {
    const test = deliveryFixture({ id: 'd-t', eventType: 'webhook.test', isManual: true, durationMs: 12 });
    const fetchMock = serveApi({
      [`GET ${LIST}`]: () => json(200, { items: [webhookFixture()] }),
      ['POST /api/webhooks/wh-1/test']: () => json(201, test),
      ['GET /api/webhooks/wh-1/deliveries?limit=20']: () => json(200, { items: [test], nextCursor: null }),
    });
    const user = renderPage();
    await user.click(
      await screen.findByRole('button', { name: 'Send test event to https://crm.example.com/hooks' }),
    );
    const outcome = await screen.findByRole('status');
    expect(outcome).toHaveTextContent('Test event succeeded');
    expect(outcome).toHaveTextContent('HTTP 200 in 12 ms');
    const log = await screen.findByRole('table', { name: 'Deliveries to https://crm.example.com/hooks' });
    expect(await within(log).findByText('webhook.test')).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/webhooks/wh-1/test',
      expect.objectContaining({ method: 'POST' }),
    );
  });

  it('waits for the outcome of a test event the worker picked up first', async () => {
    const sent = deliveryFixture({
      id: 'd-t',
      eventType: 'webhook.test',
      status: 'pending',
      responseStatus: null,
      durationMs: null,
      responseBody: null,
      lastAttemptAt: null,
    });
    let reads = 0;
    serveApi({
      [`GET ${LIST}`]: () => json(200, { items: [webhookFixture()] }),
      ['POST /api/webhooks/wh-1/test']: () => json(201, sent),
      // Still on its way at the first read again, then answered.
      ['GET /api/webhooks/wh-1/deliveries/d-t']: () =>
        json(
          200,
          (reads += 1) === 1 ? sent : { ...sent, status: 'succeeded', responseStatus: 204, durationMs: 8 },
        ),
      ['GET /api/webhooks/wh-1/deliveries?limit=20']: () => json(200, { items: [], nextCursor: null }),
    });
    const user = renderPage();
    await user.click(await screen.findByRole('button', { name: /^Send test event/ }));
    await screen.findByText('Waiting for the endpoint’s answer…');
    const outcome = await screen.findByText('Test event succeeded', {}, { timeout: 3_000 });
    expect(reads).toBe(2);
    expect(outcome.closest('[role="status"]')).toHaveTextContent('HTTP 204 in 8 ms');
  });

  it('shows a failed test event with its error', async () => {
    serveApi({
      [`GET ${LIST}`]: () => json(200, { items: [webhookFixture()] }),
      ['POST /api/webhooks/wh-1/test']: () =>
        json(
          201,
          deliveryFixture({
            status: 'failed',
            responseStatus: null,
            durationMs: 3,
            responseBody: null,
            error: 'connect ECONNREFUSED 10.0.0.5:443',
          }),
        ),
      ['GET /api/webhooks/wh-1/deliveries?limit=20']: () => json(200, { items: [], nextCursor: null }),
    });
    const user = renderPage();
    await user.click(await screen.findByRole('button', { name: /^Send test event/ }));
    const outcome = await screen.findByRole('status');
    expect(outcome).toHaveTextContent('Test event failed');
    expect(outcome).toHaveTextContent('No answer after 3 ms: connect ECONNREFUSED 10.0.0.5:443');
  });

  it('says when and why failures turned an endpoint off, and turns it on again', async () => {
    const off = webhookFixture({
      active: false,
      failingSince: '2030-01-01T10:00:00Z',
      disabledAt: '2030-01-04T10:00:00Z',
      disabledReason: 'every delivery failed for 3 days',
    });
    const fetchMock = serveApi({
      [`GET ${LIST}`]: () => json(200, { items: [off] }),
      ['PATCH /api/webhooks/wh-1']: () => json(200, { ...off, active: true, disabledAt: null }),
    });
    const user = renderPage();
    expect(await screen.findByText('Off')).toBeInTheDocument();
    expect(screen.getByText(/^Turned off on /)).toBeInTheDocument();
    expect(screen.getByText(/Why: every delivery failed for 3 days/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Turn on https://crm.example.com/hooks' }));
    await waitFor(() =>
      expect(fetchMock).toHaveBeenCalledWith(
        '/api/webhooks/wh-1',
        expect.objectContaining({ method: 'PATCH', body: JSON.stringify({ active: true }) }),
      ),
    );
  });

  it('warns while an active endpoint is failing', async () => {
    serveApi({
      [`GET ${LIST}`]: () => json(200, { items: [webhookFixture({ failingSince: '2030-01-01T10:00:00Z' })] }),
    });
    renderPage();
    expect(await screen.findByText(/^Failing since /)).toBeInTheDocument();
    expect(screen.getByText('Active')).toBeInTheDocument();
  });

  it('deletes an endpoint after confirming', async () => {
    const fetchMock = serveApi({
      [`GET ${LIST}`]: () => json(200, { items: [webhookFixture()] }),
      ['DELETE /api/webhooks/wh-1']: () => json(204, null),
    });
    const user = renderPage();
    await user.click(await screen.findByRole('button', { name: 'Delete https://crm.example.com/hooks' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this webhook?' });
    expect(fetchMock).not.toHaveBeenCalledWith('/api/webhooks/wh-1', expect.anything());
    await user.click(within(dialog).getByRole('button', { name: 'Delete webhook' }));
    await waitFor(() =>
      expect(fetchMock).toHaveBeenCalledWith(
        '/api/webhooks/wh-1',
        expect.objectContaining({ method: 'DELETE' }),
      ),
    );
  });
});

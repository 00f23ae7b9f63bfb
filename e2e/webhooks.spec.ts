import { expect, test } from '@playwright/test';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiCall, newAccount, PHONE, RUN_ID, screenshotBothWidths, signUp } from './support/helpers';
import { expectNoAxeFindings } from './support/axe';

/**
 * An owner's outgoing webhook end to end: a receiver listening on 127.0.0.1 (the e2e server runs with
 * WEBHOOKS_ALLOW_PRIVATE=true), the endpoint added through the page, a test event that reaches the
 * receiver signed with the secret the page reveals, the delivery log, a failing answer, the status
 * filter and a redelivery; the page checked with axe-core at desktop and phone width.
 */
const owner = newAccount('webhooks', 'Wanda Webhook');

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A tiny receiver: records every POST and answers with `status` (200 unless the test changes it). */
async function startReceiver() {
  const received: Received[] = [];
  const state = { status: 200 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(state.status, { 'content-type': 'application/json' });
      response.end(state.status === 200 ? '{"received":true}' : '{"error":"crm is down"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/z-events`,
    received,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** `t=<seconds>,v1=<hex HMAC-SHA256 of "t.body">`, checked the way a receiver should. */
function isSignedWith(secret: string, signature: string, body: string): boolean {
  const parts = Object.fromEntries(signature.split(',').map((part) => part.split('=') as [string, string]));
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

test('an owner adds a webhook, sends a test event to it and reads the delivery log', async ({ page }) => {
  test.setTimeout(90_000);
  const receiver = await startReceiver();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await signUp(page, owner);
  await apiCall(page, 'POST', '/api/organizations', { name: `Webhook Works ${RUN_ID}` });
  await page.goto('/organizer');
  await page.getByRole('navigation', { name: 'Organizer' }).getByRole('link', { name: 'Webhooks' }).click();
  await expect(page).toHaveURL(/\/organizer\/webhooks$/);
  await expect(page.getByRole('heading', { name: 'No webhooks yet' })).toBeVisible();
  await expect(page.getByText('Door hardware:')).toBeVisible();
  await expectNoAxeFindings(page, 'the empty webhooks page');
  await screenshotBothWidths(page, 'webhooks-empty', page.getByRole('heading', { name: 'No webhooks yet' }));

  // The form: the URL and two event types; nothing ticked is refused first.
  await page.getByRole('button', { name: 'Add your first webhook' }).click();
  const dialog = page.getByRole('dialog', { name: 'New webhook' });
  await dialog.getByRole('textbox', { name: /Endpoint URL/ }).fill(receiver.url);
  await dialog.getByRole('textbox', { name: /Description/ }).fill('CRM sync');
  await dialog.getByRole('button', { name: 'Add webhook' }).click();
  await expect(dialog.getByText('Pick at least one event')).toBeVisible();
  await dialog.getByRole('checkbox', { name: /^order\.paid/ }).check();
  await dialog.getByRole('checkbox', { name: /^ticket\.checked_in/ }).check();
  await expect(dialog.getByRole('checkbox', { name: 'Select all' })).not.toBeChecked();
  await expectNoAxeFindings(page, 'the new webhook form');
  await screenshotBothWidths(page, 'webhooks-form', dialog.getByRole('button', { name: 'Add webhook' }));
  await dialog.getByRole('button', { name: 'Add webhook' }).click();
  await expect(dialog).toBeHidden();

  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: receiver.url }) });
  await expect(card.getByText('Active', { exact: true })).toBeVisible();
  await expect(card.getByRole('list', { name: 'Events sent' })).toHaveText(
    /order\.paid\s*ticket\.checked_in/,
  );

  // The secret stays hidden until revealed.
  await expect(card.getByText(/^whsec_•+$/)).toBeVisible();
  await card.getByRole('button', { name: `Reveal the signing secret of ${receiver.url}` }).click();
  const secret = (await card.getByText(/^whsec_[A-Za-z0-9_-]{20,}$/).textContent()) ?? '';
  expect(secret).toMatch(/^whsec_/);
  await card.getByRole('button', { name: `Hide the signing secret of ${receiver.url}` }).click();

  // A test event: the page shows the answer, the receiver got a signed webhook.test POST.
  await card.getByRole('button', { name: `Send test event to ${receiver.url}` }).click();
  const outcome = card.getByRole('status').filter({ hasText: 'Test event' });
  await expect(outcome).toContainText('Test event succeeded');
  await expect(outcome).toContainText('HTTP 200');
  expect(receiver.received).toHaveLength(1);
  const [delivery] = receiver.received as [Received];
  expect(delivery.headers['z-events-event-type']).toBe('webhook.test');
  expect((JSON.parse(delivery.body) as { type: string }).type).toBe('webhook.test');
  expect(isSignedWith(secret, String(delivery.headers['z-events-signature']), delivery.body)).toBe(true);

  // The log opened with it.
  const log = card.getByRole('table', { name: `Deliveries to ${receiver.url}` });
  const testRow = log.getByRole('row').filter({ hasText: 'webhook.test' });
  await expect(testRow).toHaveCount(1);
  await expect(testRow).toContainText('succeeded');
  await expect(testRow).toContainText('HTTP 200');
  await testRow.getByRole('button', { name: /^Details of webhook\.test/ }).click();
  await expect(log.locator('pre').filter({ hasText: '{"received":true}' })).toBeVisible();

  // The receiver starts failing: the test says so, the filter finds it, a redelivery fixes it.
  receiver.state.status = 500;
  await card.getByRole('button', { name: `Send test event to ${receiver.url}` }).click();
  await expect(outcome).toContainText('Test event failed');
  await expect(outcome).toContainText('HTTP 500');
  await expect(log.getByRole('row').filter({ hasText: 'webhook.test' })).toHaveCount(2);
  await card
    .getByRole('radiogroup', { name: /^Filter the deliveries/ })
    .getByText('Failed', { exact: true })
    .click();
  const failedRow = log.getByRole('row').filter({ hasText: 'webhook.test' });
  await expect(failedRow).toHaveCount(1);
  await expect(failedRow).toContainText('HTTP 500');
  await expectNoAxeFindings(page, 'the webhooks page with its log');
  await screenshotBothWidths(page, 'webhooks', card.getByRole('heading', { name: receiver.url }));

  receiver.state.status = 200;
  await failedRow.getByRole('button', { name: /^Redeliver webhook\.test/ }).click();
  // "sent" when the worker picked it up before the request did: the log then shows the answer.
  await expect(page.getByText(/^Redelivery (succeeded|sent)/)).toBeVisible();
  await expect.poll(() => receiver.received.length).toBe(3);
  // The same event id: a receiver de-duplicates on it.
  expect(JSON.parse(receiver.received[2]?.body ?? '{}')).toMatchObject({
    id: (JSON.parse(receiver.received[1]?.body ?? '{}') as { id: string }).id,
  });

  // On a phone the log is a list of cards.
  await card
    .getByRole('radiogroup', { name: /^Filter the deliveries/ })
    .getByText('All', { exact: true })
    .click();
  await expect(log.getByRole('row').filter({ hasText: 'webhook.test' })).toHaveCount(3);
  await expect(log.getByRole('row').filter({ hasText: 'webhook.test' }).first()).toContainText('succeeded');
  await log
    .getByRole('button', { name: /^Details of webhook\.test/ })
    .first()
    .click();
  await expect(log.locator('pre').first()).toBeVisible();
  await screenshotBothWidths(page, 'webhooks-log', card.getByRole('heading', { name: receiver.url }));
  await page.setViewportSize(PHONE);
  await expect(log).toBeHidden();
  await expect(card.getByRole('button', { name: /^Redeliver webhook\.test/ }).first()).toBeVisible();
  await expectNoAxeFindings(page, 'the webhooks page on a phone');

  // Turned off, then deleted after confirming.
  await card.getByRole('button', { name: `Turn off ${receiver.url}` }).click();
  await expect(card.getByText('Off', { exact: true })).toBeVisible();
  await card.getByRole('button', { name: `Delete ${receiver.url}` }).click();
  await page
    .getByRole('dialog', { name: 'Delete this webhook?' })
    .getByRole('button', { name: 'Delete webhook' })
    .click();
  await expect(page.getByRole('heading', { name: 'No webhooks yet' })).toBeVisible();

  expect(pageErrors).toEqual([]);
  await receiver.close();
});

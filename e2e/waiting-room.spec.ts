import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, expect, request as playwrightRequest, test } from '@playwright/test';
import { PHONE, RUN_ID } from './support/helpers';

/**
 * The fair waiting room in a real browser, on a phone-sized screen: the demo organizer puts a room in
 * front of a sale that opens a few seconds later (20 visitors a minute: one every 3 s), two other
 * visitors join before the opening, then the buyer's page joins, shows its place in the line live,
 * lets the buyer in when their turn comes and buys with the pass. Short settings: seconds, not minutes.
 */

const DEMO = { email: 'demo@z-events.local', password: 'demo-organizer-2026' };
const TITLE = `Waiting Room Rush ${RUN_ID}`;

async function loggedInOrganizer(baseURL: string): Promise<{ api: APIRequestContext; csrf: string }> {
  const api = await playwrightRequest.newContext({ baseURL });
  expect((await api.post('/api/auth/login', { data: DEMO })).ok()).toBe(true);
  const csrf = (await api.storageState()).cookies.find((cookie) => cookie.name === 'zevents_csrf')?.value;
  if (!csrf) throw new Error('no CSRF cookie after login');
  return { api, csrf: decodeURIComponent(csrf) };
}

test('a buyer waits in the queue, sees their place live, and buys once admitted', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(90_000);
  if (!baseURL) throw new Error('no baseURL');
  const { api, csrf } = await loggedInOrganizer(baseURL);
  const headers = { 'X-CSRF-Token': csrf };
  const me = (await (await api.get('/api/me')).json()) as { organizations: Array<{ id: string }> };
  const orgId = me.organizations[0]?.id ?? '';
  const startsAt = new Date(Date.now() + 10 * 86_400_000);
  const created = await api.post(`/api/organizations/${orgId}/events`, {
    headers,
    data: {
      title: TITLE,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
      timezone: 'Europe/Paris',
      currency: 'EUR',
      waitingRoom: { enabled: true, opensMinutesBefore: 5, admitPerMinute: 20, passMinutes: 5 },
    },
  });
  expect(created.status()).toBe(201);
  const event = (await created.json()) as { id: string };
  const salesOpenAt = new Date(Date.now() + 12_000);
  const type = await api.post(`/api/events/${event.id}/ticket-types`, {
    headers,
    data: { name: 'Rush', priceCents: 0, capacity: 100, salesStartAt: salesOpenAt.toISOString() },
  });
  expect(type.status()).toBe(201);
  expect((await api.post(`/api/events/${event.id}/publish`, { headers })).status()).toBe(200);

  // Two other browsers are already in the queue; everyone before the opening gets a random place.
  const others = await Promise.all([0, 1].map(() => playwrightRequest.newContext({ baseURL })));
  for (const other of others)
    expect((await other.post(`/api/public/events/${event.id}/queue`)).status()).toBe(201);
  // Without a pass, the sale refuses a reserve.
  const refused = await others[0]?.post('/api/orders', {
    data: {
      eventId: event.id,
      items: [{ ticketTypeId: ((await type.json()) as { id: string }).id, quantity: 1 }],
      buyer: { name: 'No Pass', email: `nopass-${RUN_ID}@e2e.example.com` },
    },
  });
  expect(refused?.status()).toBe(403);
  expect(((await refused?.json()) as { code: string }).code).toBe('WAITING_ROOM_PASS_REQUIRED');

  await page.setViewportSize(PHONE);
  await page.goto(`/events/${event.id}`);
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  const queue = page.getByRole('region', { name: 'Waiting room' });
  await expect(queue).toBeVisible();
  // Before the opening: a provisional place and the draw explained.
  await expect(queue.getByRole('status')).toContainText(/in line|next in line/);
  await expect(queue.getByRole('status')).toContainText('Places are drawn at random');
  await expect(page.getByLabel('Full name')).toHaveCount(0);

  // Entrance animations first: axe reads colours as painted.
  await page.waitForTimeout(600);
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(
    axe.violations.map(
      (violation) =>
        `${violation.id}: ${violation.nodes.map((node) => `${node.target.join(' ')} ${node.failureSummary ?? ''}`).join('; ')}`,
    ),
  ).toEqual([]);

  // After the opening (12 s) the 3 places are let in one every 3 s: at most ~20 s from now.
  await expect(page.getByText("It's your turn")).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Add one Rush ticket' }).click();
  await page.getByLabel('Full name').fill('Queue Buyer');
  await page.getByLabel('Email').fill(`queue-${RUN_ID}@e2e.example.com`);
  await page.getByRole('button', { name: /^Get 1 free ticket/ }).click();
  await expect(page.getByRole('heading', { name: `You're going to ${TITLE}!` })).toBeVisible();

  await Promise.all([api.dispose(), ...others.map((other) => other.dispose())]);
});

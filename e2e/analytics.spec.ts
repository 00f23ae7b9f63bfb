import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { apiCall, DESKTOP, newAccount, PHONE, RUN_ID, screenshotBothWidths, signUp } from './support/helpers';
import { expectNoAxeFindings } from './support/axe';

/**
 * Analytics end to end: an organizer's event and tracking link are made through the API, and the
 * event's analytics page is opened. A buyer in another browser follows the tracking link (the event
 * page with `?ref=`), buys a ticket with the test card, and the page, never reloaded, shows the paid
 * order in the funnel (live, from the sale's push) and the tracking link as its source. The page is
 * checked with axe-core at both widths, and its sources export is read back.
 */
const organizer = newAccount('analytics', 'Ana Lytics');
// Not RUN_ID in the title: ticketing.spec.ts searches the storefront for it and expects its own event.
const TITLE_ID = `a${Math.random().toString(36).slice(2, 8)}`;
const EVENT_TITLE = `Harbour Jazz Cruise ${TITLE_ID}`;
const LINK = { name: 'Instagram bio', code: `insta-${TITLE_ID}` };
/**
 * The server counts known bots as nothing, and headless Chromium says "HeadlessChrome": the buyer
 * browses as the desktop Chrome a real visitor would have.
 */
const VISITOR_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';

test('a sale through a tracking link shows in the funnel and the sources live', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await signUp(page, organizer);
  const org = await apiCall<{ id: string }>(page, 'POST', '/api/organizations', {
    name: `Analytics ${RUN_ID}`,
  });
  const startsAt = new Date(Date.now() + 20 * 86_400_000);
  startsAt.setUTCHours(18, 0, 0, 0);
  const event = await apiCall<{ id: string; slug: string }>(
    page,
    'POST',
    `/api/organizations/${org.id}/events`,
    {
      title: EVENT_TITLE,
      venue: 'Pier 4, Harbour City',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
      timezone: 'Europe/Lisbon',
      currency: 'EUR',
    },
  );
  await apiCall(page, 'POST', `/api/events/${event.id}/ticket-types`, {
    name: 'Deck',
    priceCents: 4200,
    capacity: 50,
  });
  await apiCall(page, 'POST', `/api/events/${event.id}/publish`);
  const link = await apiCall<{ url: string; code: string }>(
    page,
    'POST',
    `/api/events/${event.id}/tracking-links`,
    LINK,
  );
  expect(link.url).toMatch(new RegExp(`/events/${event.slug}\\?ref=${LINK.code}$`));

  // The organizer's analytics page, from the event's sidebar, before any sale.
  await page.goto(`/organizer/events/${event.id}`);
  await page.getByRole('link', { name: 'Analytics', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/organizer/events/${event.id}/analytics$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
  const funnel = page.getByRole('table', { name: 'Funnel' });
  const paid = funnel.getByRole('row').filter({ hasText: 'Paid' }).getByRole('cell').nth(1);
  await expect(paid).toHaveText('0');
  await expect(page.getByRole('listitem', { name: LINK.name })).toContainText(link.url);
  await expect(page.getByLabel('Figures update live')).toBeVisible();
  await page.evaluate('window.e2eNotReloaded = true');

  // The buyer follows the tracking link and buys one ticket with the test card.
  const buyerContext = await browser.newContext({ userAgent: VISITOR_USER_AGENT });
  const buyer = await buyerContext.newPage();
  buyer.on('pageerror', (error) => pageErrors.push(error.message));
  const beacons: string[] = [];
  buyer.on('request', (request) => {
    if (request.url().endsWith(`/api/public/events/${event.id}/views`))
      beacons.push(request.postData() ?? '');
  });
  await buyer.goto(link.url);
  await expect(buyer.getByRole('heading', { level: 1, name: EVENT_TITLE })).toBeVisible();
  await buyer.getByRole('button', { name: 'Add one Deck ticket' }).click();
  await expect(buyer.getByTestId('selection-total')).toContainText('€42.00');
  await buyer.getByLabel('Full name').fill('Bea Buyer');
  await buyer.getByLabel('Email').fill(`bea-analytics-${RUN_ID}@e2e.example.com`);
  await buyer.getByRole('button', { name: /^Reserve 1 ticket/ }).click();
  await expect(buyer).toHaveURL(/\/checkout\/[0-9a-f-]{36}\?token=/);
  const orderId = /checkout\/([0-9a-f-]{36})/.exec(buyer.url())?.[1];
  await buyer.getByLabel('Card number').fill('4242 4242 4242 4242');
  await buyer.getByRole('button', { name: 'Pay €42.00' }).click();
  await expect(buyer).toHaveURL(/\/orders\/[0-9a-f-]{36}\?token=/);
  await expect(buyer.getByRole('heading', { name: `You're going to ${EVENT_TITLE}!` })).toBeVisible();

  // One beacon per step, each with the link's code; the checkout's names the order.
  expect(beacons.map((body) => JSON.parse(body) as Record<string, unknown>)).toEqual([
    expect.objectContaining({ step: 'view', ref: LINK.code, path: `/events/${event.slug}` }),
    expect.objectContaining({ step: 'select', ref: LINK.code }),
    expect.objectContaining({ step: 'details', ref: LINK.code, orderId }),
  ]);

  // The analytics page saw the sale without a reload: pushed over the live socket.
  await expect(paid).toHaveText('1', { timeout: 20_000 });
  const views = funnel.getByRole('row').filter({ hasText: 'Viewed the event' }).getByRole('cell').nth(1);
  await expect(views).toHaveText('1', { timeout: 20_000 });
  const linkRow = page
    .getByRole('table', { name: 'Sources' })
    .getByRole('row')
    .filter({ hasText: LINK.name });
  // Columns: source, views, visitors, orders, tickets, revenue, conversion.
  await expect(linkRow.getByRole('cell').nth(3)).toHaveText('1', { timeout: 20_000 });
  await expect(linkRow.getByRole('cell').nth(5)).toHaveText('€42.00');
  await expect(page.getByRole('listitem', { name: LINK.name })).toContainText('€42.00');
  expect(await page.evaluate('window.e2eNotReloaded')).toBe(true);

  await expectNoAxeFindings(page, 'the analytics page (desktop)');
  await screenshotBothWidths(page, 'analytics', page.getByRole('heading', { level: 1, name: 'Analytics' }));

  // On a phone, the funnel as a table on screen (scrolling sideways where it must).
  await page.setViewportSize(PHONE);
  await page
    .getByRole('radiogroup', { name: 'Show the funnel as a chart or a table' })
    .getByText('Table')
    .click();
  await expect(funnel).toBeVisible();
  await expect(paid).toBeVisible();
  await expectNoAxeFindings(page, 'the analytics page (phone)');
  await page.setViewportSize(DESKTOP);

  // The sources as a CSV, with exact decimal money beside its currency.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV of sources' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    new RegExp(`^${event.slug}-sources-\\d{4}-\\d{2}-\\d{2}\\.csv$`),
  );
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv.split('\r\n')[0]).toBe(
    '\uFEFFkind,source,name,views,visitors,orders,tickets,revenue,currency,conversion',
  );
  expect(csv).toContain(`tracking_link,${LINK.code.toLowerCase()},${LINK.name},1,1,1,1,42.00,EUR,1.0000`);

  expect(pageErrors).toEqual([]);
  await buyerContext.close();
  await context.close();
});

import { expect, type Page, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { apiCall, DESKTOP, newAccount, PHONE, RUN_ID, screenshotBothWidths, signUp } from './support/helpers';
import { expectNoAxeFindings } from './support/axe';

/**
 * The organization's analytics overview end to end: an organizer with two events selling in two
 * currencies (cash orders made through the API) opens /organizer/analytics from the sidebar, reads
 * both events side by side and the revenue chart, picks another period (kept in the address, through
 * a reload and Back), exports the events as CSV, sets their summary email to daily (kept through a
 * reload) and has one sent now, which lands in the development mailbox. The page is checked with
 * axe-core at desktop and phone width, and photographed at both.
 */
const organizer = newAccount('overview', 'Olga Overview');
// Not RUN_ID in the titles: ticketing.spec.ts searches the storefront for it and expects its own event.
const TITLE_ID = `o${Math.random().toString(36).slice(2, 8)}`;
const JAZZ = `Lisbon Jazz Night ${TITLE_ID}`;
const FOLK = `London Folk Evening ${TITLE_ID}`;

/** A published event with one ticket type, and `tickets` of it sold for cash at `priceCents` each. */
async function eventWithSales(
  page: Page,
  organizationId: string,
  event: { title: string; currency: string; timezone: string; priceCents: number; tickets: number },
) {
  const startsAt = new Date(Date.now() + 30 * 86_400_000);
  startsAt.setUTCHours(19, 0, 0, 0);
  const created = await apiCall<{ id: string; slug: string }>(
    page,
    'POST',
    `/api/organizations/${organizationId}/events`,
    {
      title: event.title,
      venue: 'The Old Hall',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
      timezone: event.timezone,
      currency: event.currency,
    },
  );
  const ticketType = await apiCall<{ id: string }>(page, 'POST', `/api/events/${created.id}/ticket-types`, {
    name: 'Standing',
    priceCents: event.priceCents,
    capacity: 40,
  });
  await apiCall(page, 'POST', `/api/events/${created.id}/publish`);
  await apiCall(page, 'POST', `/api/events/${created.id}/orders`, {
    items: [{ ticketTypeId: ticketType.id, quantity: event.tickets }],
    buyer: { name: 'Cash Buyer', email: `cash-${TITLE_ID}@e2e.example.com` },
    paymentMethod: 'cash',
    sendEmail: false,
  });
  return created;
}

test('the overview compares the events, keeps its period in the address and sends a summary', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await signUp(page, organizer);
  const org = await apiCall<{ id: string }>(page, 'POST', '/api/organizations', {
    name: `Overview ${RUN_ID}`,
  });
  const jazz = await eventWithSales(page, org.id, {
    title: JAZZ,
    currency: 'EUR',
    timezone: 'Europe/Lisbon',
    priceCents: 2500,
    tickets: 3,
  });
  await eventWithSales(page, org.id, {
    title: FOLK,
    currency: 'GBP',
    timezone: 'Europe/London',
    priceCents: 1800,
    tickets: 2,
  });

  // From the sidebar.
  await page.goto('/organizer');
  await page
    .getByRole('navigation', { name: 'Organizer' })
    .getByRole('link', { name: 'Analytics overview' })
    .click();
  await expect(page).toHaveURL(/\/organizer\/analytics$/);
  const heading = page.getByRole('heading', { level: 1, name: 'Analytics overview' });
  await expect(heading).toBeVisible();

  // Both events side by side, each in its own currency; the title leads to the event's own report.
  const events = page.getByRole('table', { name: 'Events side by side' });
  // Columns: event, status, sold, sell-through, visitors, orders, tickets, revenue, conversion.
  const jazzRow = events.getByRole('row').filter({ hasText: JAZZ });
  await expect(jazzRow.getByRole('cell').nth(2)).toHaveText('3 / 40');
  await expect(jazzRow.getByRole('cell').nth(3)).toHaveText('7.5%');
  await expect(jazzRow.getByRole('cell').nth(7)).toHaveText('€75.00');
  const folkRow = events.getByRole('row').filter({ hasText: FOLK });
  await expect(folkRow.getByRole('cell').nth(7)).toHaveText('£36.00');
  await expect(folkRow.getByRole('cell').nth(1)).toHaveText('On sale');

  // The chart, one series per currency, with its table for screen readers.
  const revenue = page.getByRole('region', { name: 'Revenue over time' });
  await expect(revenue.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(revenue.locator('.recharts-legend-item')).toHaveText(['EUR', 'GBP']);
  const revenueTable = page.getByRole('table', { name: 'Revenue over time' });
  await expect(revenueTable.getByRole('row').filter({ hasText: 'EUR' })).toContainText('€75.00');
  await expect(revenueTable.getByRole('row').filter({ hasText: 'GBP' })).toContainText('£36.00');

  // Another period: in the address, through a reload and Back.
  await page.getByRole('radiogroup', { name: 'Period: the last' }).getByText('7 days').click();
  await expect(page).toHaveURL(/\/organizer\/analytics\?period=7d$/);
  await page.getByRole('radiogroup', { name: 'Group the figures' }).getByText('By hour').click();
  await expect(page).toHaveURL(/\/organizer\/analytics\?period=7d&interval=hour$/);
  await page.reload();
  await expect(page.getByRole('radio', { name: '7 days' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'By hour' })).toBeChecked();
  await expect(revenueTable.getByRole('columnheader', { name: 'Hour' })).toBeAttached();
  await page.goBack();
  await expect(page).toHaveURL(/\/organizer\/analytics\?period=7d$/);
  await expect(page.getByRole('radio', { name: 'By day' })).toBeChecked();
  await expect(page.getByRole('radio', { name: '7 days' })).toBeChecked();
  await expect(events.getByRole('link', { name: JAZZ })).toHaveAttribute(
    'href',
    `/organizer/events/${jazz.id}/analytics?period=7d`,
  );
  // The event's own report opens over the same period, and Back returns here.
  await events.getByRole('link', { name: JAZZ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
  await expect(page.getByRole('radio', { name: '7 days' })).toBeChecked();
  await page.goBack();
  await expect(page).toHaveURL(/\/organizer\/analytics\?period=7d$/);

  // The events as a CSV: exact decimals beside their currency.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV of events side by side' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^overview-[a-z0-9]+-events-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv.split('\r\n')[0]).toBe(
    '\uFEFFevent_id,title,starts_at,status,sold,capacity,sell_through,visitors,orders,tickets,revenue,currency,conversion',
  );
  expect(csv).toContain(`${jazz.id},${JAZZ},`);
  expect(csv).toMatch(new RegExp(`${FOLK},[^,]+,published,2,40,0\\.0500,0,1,2,36\\.00,GBP,`));

  // The summary email: the browser's zone to start with, daily kept through a reload.
  const summary = page.getByRole('form', { name: 'Summary email' });
  await expect(summary.getByLabel('Time zone')).toHaveValue(/^Europe\/Paris/);
  await summary.getByRole('radiogroup', { name: 'How often' }).getByText('Daily').click();
  await summary.getByRole('button', { name: 'Save' }).click();
  await expect(summary.getByText('Saved: daily.')).toBeVisible();
  await expect(summary.getByText(/^Next one: /)).toBeVisible();
  await page.reload();
  await expect(summary.getByRole('radio', { name: 'Daily' })).toBeChecked();
  await expect(summary.getByText(/^Next one: /)).toBeVisible();

  await expectNoAxeFindings(page, 'the analytics overview (desktop)');
  await screenshotBothWidths(page, 'analytics-overview', heading, testInfo);

  // On a phone: one card per event instead of the wide table.
  await page.setViewportSize(PHONE);
  await expect(events).toBeHidden();
  const jazzCard = page.getByRole('listitem').filter({ hasText: JAZZ });
  await expect(jazzCard).toContainText('Revenue€75.00');
  await expect(jazzCard).toContainText('Sold3 / 40');
  await expectNoAxeFindings(page, 'the analytics overview (phone)');
  await page.setViewportSize(DESKTOP);

  // One summary now, to this member alone.
  await summary.getByRole('button', { name: 'Send me one now' }).click();
  await expect(summary.getByText(/^On its way: yesterday's summary/)).toBeVisible();
  await expect(async () => {
    await page.goto('/dev/mailbox');
    await page
      .getByRole('row')
      .filter({ hasText: organizer.email })
      .getByRole('link', { name: /summary/i })
      .first()
      .click({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  // Its footer leads back to these settings.
  const settingsLink = await page.getByRole('link', { name: 'Summary email settings' }).getAttribute('href');
  expect(settingsLink).toMatch(new RegExp(`/organizer/analytics\\?organization=${org.id}#summary-email$`));
  await page.goto(settingsLink ?? '');
  await expect(page.getByRole('form', { name: 'Summary email' })).toBeInViewport();

  expect(pageErrors).toEqual([]);
});

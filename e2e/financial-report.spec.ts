import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { expectNoAxeFindings } from './support/axe';
import { apiCall, newAccount, PHONE, RUN_ID, screenshotBothWidths, signUp } from './support/helpers';

/**
 * The financial report end to end: an organizer with a euro event (VAT included, a service fee passed
 * on) and a yen event sells by card, cash and comp, refunds part of the card order, then opens
 * /organizer/reports from the sidebar: the totals, the chart by day with its table, the ticket types,
 * payment methods and taxes per currency; picks a range (kept in the address through a reload),
 * narrows to one event and downloads the CSV. Checked with axe-core at desktop and phone width, and
 * photographed at both.
 */
const organizer = newAccount('finance', 'Fiona Finance');
// Not RUN_ID in the titles: ticketing.spec.ts searches the storefront for it and expects its own event.
const TITLE_ID = `f${Math.random().toString(36).slice(2, 8)}`;
const GALA = `Harbour Gala ${TITLE_ID}`;
const TEA = `Kyoto Tea Ceremony ${TITLE_ID}`;

async function publishedEvent(
  page: Page,
  organizationId: string,
  event: { title: string; currency: string; priceCents: number; taxRateId?: string; fee?: object },
) {
  const startsAt = new Date(Date.now() + 30 * 86_400_000);
  startsAt.setUTCHours(19, 0, 0, 0);
  const created = await apiCall<{ id: string }>(page, 'POST', `/api/organizations/${organizationId}/events`, {
    title: event.title,
    venue: 'The Old Hall',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
    timezone: 'Europe/Paris',
    currency: event.currency,
    ...(event.fee ? { fee: event.fee } : {}),
  });
  const type = await apiCall<{ id: string }>(page, 'POST', `/api/events/${created.id}/ticket-types`, {
    name: 'Standard',
    priceCents: event.priceCents,
    capacity: 50,
    ...(event.taxRateId ? { taxRateId: event.taxRateId } : {}),
  });
  await apiCall(page, 'POST', `/api/events/${created.id}/publish`);
  return { eventId: created.id, typeId: type.id };
}

async function boxOffice(
  page: Page,
  eventId: string,
  typeId: string,
  quantity: number,
  paymentMethod: string,
) {
  await apiCall(page, 'POST', `/api/events/${eventId}/orders`, {
    items: [{ ticketTypeId: typeId, quantity }],
    buyer: { name: 'Door Buyer', email: `door-${TITLE_ID}@e2e.example.com` },
    paymentMethod,
    sendEmail: false,
  });
}

test('the financial report adds up the money per currency, by day, type, method and rate', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await signUp(page, organizer);
  const org = await apiCall<{ id: string }>(page, 'POST', '/api/organizations', {
    name: `Finance ${RUN_ID}`,
  });
  const vat = await apiCall<{ id: string }>(page, 'POST', `/api/organizations/${org.id}/tax-rates`, {
    name: 'VAT 20%',
    rateBasisPoints: 2000,
  });
  const gala = await publishedEvent(page, org.id, {
    title: GALA,
    currency: 'EUR',
    priceCents: 6000,
    taxRateId: vat.id,
    fee: { fixedCents: 100, percentBasisPoints: 0, passedOn: true },
  });
  const tea = await publishedEvent(page, org.id, { title: TEA, currency: 'JPY', priceCents: 1200 });

  // A card order of two tickets (€120 + €1 fee), €21 of it refunded; one cash ticket; one comp.
  const order = await apiCall<{ id: string; accessToken: string }>(page, 'POST', '/api/orders', {
    eventId: gala.eventId,
    items: [{ ticketTypeId: gala.typeId, quantity: 2 }],
    buyer: { name: 'Card Buyer', email: `card-${TITLE_ID}@e2e.example.com` },
  });
  await apiCall(page, 'POST', `/api/orders/${order.id}/pay?token=${order.accessToken}`, {
    card: '4242424242424242',
  });
  await apiCall(page, 'POST', `/api/orders/${order.id}/refund`, { amountCents: 2100 });
  await boxOffice(page, gala.eventId, gala.typeId, 1, 'cash');
  await boxOffice(page, gala.eventId, gala.typeId, 1, 'comp');
  await boxOffice(page, tea.eventId, tea.typeId, 2, 'cash');

  await page.goto('/organizer');
  await page
    .getByRole('navigation', { name: 'Organizer' })
    .getByRole('link', { name: 'Financial report' })
    .click();
  await expect(page).toHaveURL(/\/organizer\/reports$/);
  const heading = page.getByRole('heading', { level: 1, name: 'Financial report' });
  await expect(heading).toBeVisible();

  // Euro: gross 4 × €60, the comp's €60 as discount, €180 + €1 fee paid, €21 refunded.
  const euro = page.getByRole('region', { name: 'In EUR', exact: true });
  const figure = (name: string) => euro.getByRole('group', { name, exact: true });
  await expect(figure('Gross')).toContainText('€240.00');
  await expect(figure('Discounts')).toContainText('€60.00');
  await expect(figure('Paid by buyers')).toContainText('€181.00');
  await expect(figure('Refunds')).toContainText('€21.00');
  await expect(figure('Fees passed on')).toContainText('€1.00');
  const methods = page.getByRole('table', { name: 'By payment method in EUR' });
  await expect(methods.getByRole('row').filter({ hasText: 'Complimentary' })).toContainText('€0.00');
  await expect(methods.getByRole('row').filter({ hasText: 'Cash' })).toContainText('€60.00');
  const taxes = page.getByRole('table', { name: 'Taxes per rate in EUR' });
  await expect(taxes.getByRole('row').filter({ hasText: 'VAT 20%' })).toContainText('Included in prices');
  // The chart draws, and its table is there for screen readers.
  await expect(euro.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.getByRole('table', { name: 'Money by day in EUR' })).toBeAttached();
  // Yen: no decimals.
  const yen = page.getByRole('region', { name: 'In JPY', exact: true });
  await expect(yen.getByRole('group', { name: 'Gross', exact: true })).toContainText('¥2,400');

  // The day table on screen, for those who prefer figures to bars.
  await euro
    .getByRole('radiogroup', { name: 'Show money by day in EUR as a chart or a table' })
    .getByText('Table')
    .click();
  await expect(euro.getByRole('table', { name: 'Money by day in EUR' })).toBeVisible();

  await expectNoAxeFindings(page, 'the financial report (desktop)');
  await screenshotBothWidths(page, 'financial-report', heading, testInfo);
  await page.setViewportSize(PHONE);
  await expect(heading).toBeVisible();
  await expectNoAxeFindings(page, 'the financial report (phone)');
  await page.setViewportSize({ width: 1280, height: 900 });

  // A range in the address, kept through a reload; one event alone.
  await page.getByLabel('From').fill('2020-01-01');
  await expect(page).toHaveURL(/from=2020-01-01&to=\d{4}-\d{2}-\d{2}/);
  await expect(page.getByLabel('From')).toHaveValue('2020-01-01');
  await page.getByRole('combobox', { name: 'Event', exact: true }).selectOption({ label: TEA });
  await expect(page).toHaveURL(new RegExp(`event=${tea.eventId}`));
  await page.reload();
  await expect(page.getByLabel('From')).toHaveValue('2020-01-01');
  await expect(page.getByRole('region', { name: 'In JPY', exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'In EUR', exact: true })).toHaveCount(0);

  // The CSV: exact decimals, yen without a decimal point.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^financial-report-.+-2020-01-01-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv.split('\r\n')[0]).toBe(
    '\uFEFFbreakdown,currency,key,label,orders,tickets,gross,discounts,paid,fees_passed_on,fees_absorbed,tax,refunds,refunded_tax,refunded_fees,net',
  );
  expect(csv).toContain('total,JPY,,Total,1,2,2400,0,2400,0,0,0,0,0,0,2400');

  expect(pageErrors).toEqual([]);
});

import { type Browser, expect, type Page, test } from '@playwright/test';
import { expectNoAxeFindings } from './support/axe';
import { apiCall, DESKTOP, newAccount, PHONE, RUN_ID, screenshotBothWidths, signUp } from './support/helpers';

/**
 * Bank transfer end to end (issue 14): an organizer offers bank transfer on an event whose tickets
 * carry VAT 19% (included) and a sales tax of 8.88% (on top), with a service fee passed on. A buyer
 * in another browser reserves one of each, sees every money line in the checkout before paying, picks
 * "Bank transfer" and lands on the order page with the reference, amount, account and deadline. The
 * organizer finds the order awaiting its transfer and marks it paid; the buyer's page then shows the
 * tickets. The checkout and the order pages are checked with axe-core at desktop and phone width and
 * photographed at both.
 */
const organizer = newAccount('banktransfer', 'Bruno Bank');
const buyer = { name: 'Tara Transfer', email: `tara-${RUN_ID}@e2e.example.com` };
const INSTRUCTIONS = 'IBAN DE89 3704 0044 0532 0130 00\nBIC COBADEFFXXX\nAccount holder: Harbour Nights GmbH';

async function patchCall(page: Page, path: string, body: unknown): Promise<void> {
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === 'zevents_csrf')?.value ?? '';
  const response = await page.request.fetch(path, {
    method: 'PATCH',
    headers: { 'X-CSRF-Token': csrf },
    data: body,
  });
  expect(response.ok(), `PATCH ${path}: ${await response.text()}`).toBe(true);
}

async function axeAtBothWidths(page: Page, where: string): Promise<void> {
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size);
    await expectNoAxeFindings(page, `${where} at ${size.width}px`);
  }
  await page.setViewportSize(DESKTOP);
}

async function newPage(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

test('a buyer sees every money line, pays by bank transfer, and gets the tickets once marked paid', async ({
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  const { context: organizerContext, page: organizerPage } = await newPage(browser);
  const { context: buyerContext, page } = await newPage(browser);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  try {
    await signUp(organizerPage, organizer);
    const org = await apiCall<{ id: string }>(organizerPage, 'POST', '/api/organizations', {
      name: `Harbour Nights ${RUN_ID}`,
    });
    const vat = await apiCall<{ id: string }>(
      organizerPage,
      'POST',
      `/api/organizations/${org.id}/tax-rates`,
      {
        name: 'VAT',
        rateBasisPoints: 1900,
        inclusive: true,
      },
    );
    const salesTax = await apiCall<{ id: string }>(
      organizerPage,
      'POST',
      `/api/organizations/${org.id}/tax-rates`,
      { name: 'Sales tax', rateBasisPoints: 888, inclusive: false },
    );
    const startsAt = new Date(Date.now() + 40 * 86_400_000);
    startsAt.setUTCHours(19, 0, 0, 0);
    const event = await apiCall<{ id: string }>(
      organizerPage,
      'POST',
      `/api/organizations/${org.id}/events`,
      {
        // Not RUN_ID in the title: ticketing.spec.ts searches the storefront for it and expects its own event.
        title: `Harbour Jazz Night ${Math.random().toString(36).slice(2, 8)}`,
        venue: 'Pier 4, Harbour City',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
        timezone: 'Europe/Berlin',
        currency: 'EUR',
        fee: { fixedCents: 100, percentBasisPoints: 250, passedOn: true },
      },
    );
    await apiCall(organizerPage, 'POST', `/api/events/${event.id}/ticket-types`, {
      name: 'Standing',
      priceCents: 2500,
      capacity: 50,
      taxRateId: vat.id,
    });
    await apiCall(organizerPage, 'POST', `/api/events/${event.id}/ticket-types`, {
      name: 'Balcony',
      priceCents: 4000,
      capacity: 20,
      taxRateId: salesTax.id,
    });
    await patchCall(organizerPage, `/api/events/${event.id}`, {
      bankTransfer: { enabled: true, instructions: INSTRUCTIONS, deadlineDays: 5 },
    });
    await apiCall(organizerPage, 'POST', `/api/events/${event.id}/publish`);

    // The buyer reserves one of each.
    await page.setViewportSize(DESKTOP);
    await page.goto(`/events/${event.id}`);
    await page.getByRole('button', { name: 'Add one Standing ticket' }).click();
    await page.getByRole('button', { name: 'Add one Balcony ticket' }).click();
    await page.getByLabel('Full name').fill(buyer.name);
    await page.getByLabel('Email').fill(buyer.email);
    await page.getByRole('button', { name: /^Reserve 2 tickets/ }).click();

    // Checkout: every money line before paying.
    await expect(page).toHaveURL(/\/checkout\/[0-9a-f-]{36}\?token=/);
    const money = page.getByTestId('order-money');
    await expect(money.getByText('Subtotal', { exact: true })).toBeVisible();
    await expect(money.getByText('Service fee')).toBeVisible();
    await expect(money.getByText('Sales tax 8.88%')).toBeVisible();
    await expect(money.getByText('VAT 19% (included)')).toBeVisible();
    await expect(money.getByText('Total', { exact: true })).toBeVisible();
    const method = page.getByRole('radiogroup', { name: 'Payment method' });
    await expect(method).toBeVisible();
    await page.getByText('Bank transfer', { exact: true }).click();
    const payByTransfer = page.getByRole('button', { name: 'Pay by bank transfer' });
    await expect(payByTransfer).toBeVisible();
    await screenshotBothWidths(page, 'bank-transfer-checkout', payByTransfer, testInfo);
    await axeAtBothWidths(page, 'checkout with bank transfer');
    await payByTransfer.click();

    // The order page: what to transfer, where to, with which reference, by when.
    await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\?token=/);
    const buyerOrderUrl = page.url();
    await expect(page.getByText('Awaiting your transfer')).toBeVisible();
    const details = page.getByTestId('bank-transfer-details');
    await expect(details).toBeVisible();
    const reference = (await details.getByText(/^ZE-[0-9A-Z]{8}$/).textContent()) ?? '';
    expect(reference).toMatch(/^ZE-[0-9A-Z]{8}$/);
    await expect(page.getByText('BIC COBADEFFXXX', { exact: false })).toBeVisible();
    await screenshotBothWidths(page, 'bank-transfer-awaiting', details, testInfo);
    await axeAtBothWidths(page, 'order awaiting its transfer');

    // The organizer finds it awaiting the transfer and marks it paid.
    await organizerPage.goto(`/organizer/events/${event.id}/orders`);
    const row = organizerPage.getByRole('row').filter({ hasText: buyer.name });
    await expect(row.getByText('Awaiting transfer')).toBeVisible();
    const orderId = new URL(buyerOrderUrl).pathname.split('/').at(-1) ?? '';
    await organizerPage.goto(`/organizer/events/${event.id}/orders/${orderId}`);
    await expect(organizerPage.getByText(reference)).toBeVisible();
    await organizerPage.getByRole('button', { name: 'Mark as paid' }).click();
    const dialog = organizerPage.getByRole('dialog', { name: 'Mark this order as paid?' });
    await expect(dialog).toContainText(reference);
    await screenshotBothWidths(organizerPage, 'bank-transfer-mark-paid', dialog, testInfo);
    await dialog.getByRole('button', { name: 'Mark as paid' }).click();
    await expect(dialog).toBeHidden();
    await expect(organizerPage.getByText('Paid', { exact: true }).first()).toBeVisible();

    // The buyer's page now has the tickets.
    await page.goto(buyerOrderUrl);
    await expect(page.getByRole('heading', { name: /^You're going to Harbour Jazz Night/ })).toBeVisible();
    await expect(page.getByRole('img', { name: /^QR code of ticket .+, to scan at the door$/ })).toHaveCount(
      2,
    );
    await screenshotBothWidths(
      page,
      'bank-transfer-paid',
      page.getByRole('heading', { name: 'Your tickets' }),
      testInfo,
    );
    await axeAtBothWidths(page, 'paid order');
    expect(pageErrors).toEqual([]);
  } finally {
    await buyerContext.close();
    await organizerContext.close();
  }
});

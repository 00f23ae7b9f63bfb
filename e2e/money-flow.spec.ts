import { type Browser, expect, type Page, test } from '@playwright/test';
import { expectNoAxeFindings } from './support/axe';
import { addRate } from './support/billing';
import { apiCall, DESKTOP, newAccount, PHONE, RUN_ID, screenshotBothWidths, signUp } from './support/helpers';

/**
 * Money end to end (issue 14): tax setup -> purchase -> invoice in the mailbox -> refund -> credit
 * note. An organizer adds VAT 19% (included) and a sales tax of 7% (on top) on the Billing page,
 * gives one to each ticket type in the event editor and sets a service fee passed on to the buyer
 * on the Payments tab. A buyer in another browser reserves a mixed cart with a promo code, sees
 * every money line before paying, asks for the invoice to name their company, pays, and finds the
 * invoice on the order page and attached to the confirmation email. The organizer refunds part of
 * the order; the refund notice carries the credit note, which the buyer's order page lists too.
 */
const organizer = newAccount('money', 'Mona Money');
const buyer = { name: 'Ada Lovelace', email: `ada-money-${RUN_ID}@e2e.example.com` };
const YEAR = new Date().getFullYear();

async function newPage(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

/** Gives a ticket type its tax rate through the editor's ticket type form. */
async function taxTicketType(page: Page, typeName: string, rateLabel: RegExp) {
  await page.getByRole('button', { name: `Edit ${typeName}` }).click();
  const form = page.getByRole('form', { name: `Edit ${typeName}` });
  await form.getByRole('combobox', { name: 'Tax' }).click();
  await page.getByRole('option', { name: rateLabel }).click();
  await form.getByRole('button', { name: 'Save ticket type' }).click();
  await expect(form).toBeHidden();
}

/** The mailbox row of the email to `to` whose subject matches, once it is there. */
async function mailboxRow(page: Page, subject: RegExp) {
  const row = page.getByRole('row').filter({ hasText: subject }).filter({ hasText: buyer.email });
  await expect(async () => {
    await page.goto('/dev/mailbox');
    await expect(row.first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
  return row.first();
}

test('tax setup, a purchase with every line shown, the invoice by email, a refund and its credit note', async ({
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  const { context: organizerContext, page: organizerPage } = await newPage(browser);
  const { context: buyerContext, page } = await newPage(browser);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  try {
    // ---- Tax setup, in the organizer's pages.
    await signUp(organizerPage, organizer);
    const org = await apiCall<{ id: string }>(organizerPage, 'POST', '/api/organizations', {
      name: `Nightfall Presents ${RUN_ID}`,
    });
    await apiCall(organizerPage, 'PUT', `/api/organizations/${org.id}/billing`, {
      legalName: 'Nightfall Presents GmbH',
      address: 'Torstraße 1\n10119 Berlin\nGermany',
      taxId: 'DE123456789',
      invoicePrefix: 'NFP',
      footer: 'IBAN DE02 1001 0010 0006 8201 01',
    });
    await organizerPage.goto('/organizer/billing');
    await expect(organizerPage.getByRole('heading', { level: 1, name: 'Billing' })).toBeVisible();
    await addRate(organizerPage, { name: 'VAT', percent: '19', mode: 'Included in price' });
    await addRate(organizerPage, { name: 'Sales tax', percent: '7', mode: 'Added on top' });

    const startsAt = new Date(Date.now() + 40 * 86_400_000);
    startsAt.setUTCHours(19, 0, 0, 0);
    const event = await apiCall<{ id: string }>(
      organizerPage,
      'POST',
      `/api/organizations/${org.id}/events`,
      {
        // Not RUN_ID in the title: ticketing.spec.ts searches the storefront for it.
        title: `Nightfall Festival ${Math.random().toString(36).slice(2, 8)}`,
        venue: 'Test Hall',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 4 * 3_600_000).toISOString(),
        timezone: 'Europe/Berlin',
        currency: 'EUR',
      },
    );
    await apiCall(organizerPage, 'POST', `/api/events/${event.id}/ticket-types`, {
      name: 'Standard',
      priceCents: 2500,
      capacity: 100,
    });
    await apiCall(organizerPage, 'POST', `/api/events/${event.id}/ticket-types`, {
      name: 'VIP lounge',
      priceCents: 9000,
      capacity: 20,
    });
    await apiCall(organizerPage, 'POST', `/api/events/${event.id}/promo-codes`, {
      code: 'TENOFF',
      percentOff: 10,
    });

    await organizerPage.goto(`/organizer/events/${event.id}/edit?tab=tickets`);
    await taxTicketType(organizerPage, 'Standard', /^VAT · 19% \(included\)/);
    await taxTicketType(organizerPage, 'VIP lounge', /^Sales tax · 7% \(on top\)/);
    await organizerPage.getByRole('tab', { name: 'Payments' }).click();
    const feeForm = organizerPage.getByRole('form', { name: 'Service fee' });
    await feeForm.getByRole('switch', { name: 'Charge a service fee' }).check();
    await feeForm.getByRole('textbox', { name: 'Fixed per order' }).fill('0.99');
    await feeForm.getByRole('textbox', { name: 'Percentage of the order' }).fill('2');
    await expect(feeForm.getByText(/the buyer pays .* on top/)).toBeVisible();
    await screenshotBothWidths(organizerPage, 'money-fee-settings', feeForm, testInfo);
    await feeForm.getByRole('button', { name: 'Save service fee' }).click();
    await expect(organizerPage.getByText('Service fee saved')).toBeVisible();
    await apiCall(organizerPage, 'POST', `/api/events/${event.id}/publish`);

    // ---- The purchase: 2 Standard (VAT inside), 1 VIP (sales tax on top), 10% off, a fee on top.
    // Subtotal 140.00; discount 14.00; Standard 45.00 holds 7.18 VAT; VIP 81.00 + 5.67 tax;
    // fee 0.99 + 2% of 126.00 = 3.51; total 126.00 + 5.67 + 3.51 = 135.18.
    await page.goto(`/events/${event.id}`);
    await page.getByRole('button', { name: 'Add one Standard ticket' }).click();
    await page.getByRole('button', { name: 'Add one Standard ticket' }).click();
    await page.getByRole('button', { name: 'Add one VIP lounge ticket' }).click();
    await page.getByLabel('Full name').fill(buyer.name);
    await page.getByLabel('Email').fill(buyer.email);
    await page.getByLabel('Promo code').fill('TENOFF');
    await page.getByRole('button', { name: /^Reserve 3 tickets/ }).click();
    await expect(page).toHaveURL(/\/checkout\/[0-9a-f-]{36}\?token=/);

    const summary = page.getByRole('region', { name: 'Order summary' });
    await expect(summary).toContainText('€140.00');
    await expect(summary).toContainText(/−\s?€14\.00/);
    await expect(summary).toContainText('Service fee');
    await expect(summary).toContainText('€3.51');
    await expect(summary).toContainText('Sales tax 7%');
    await expect(summary).toContainText('€5.67');
    await expect(summary).toContainText('VAT 19% (included)');
    await expect(summary).toContainText('€7.18');
    await expect(summary).toContainText('€135.18');

    await page.getByRole('checkbox', { name: 'I need an invoice for a company' }).check();
    const invoiceForm = page.getByRole('form', { name: 'Invoice details' });
    await invoiceForm.getByLabel(/Company name/).fill('Analytical Engines Ltd');
    await invoiceForm.getByLabel('Company address').fill('12 St James Sq, London');
    await invoiceForm.getByLabel('VAT or tax ID').fill('GB999');
    await invoiceForm.getByRole('button', { name: 'Save invoice details' }).click();
    await expect(page.getByText('The invoice will name Analytical Engines Ltd')).toBeVisible();
    // Holds last a minute here: the audit waits for the order page (bank-transfer.spec.ts audits
    // this checkout with its tax and fee lines).
    await screenshotBothWidths(page, 'money-checkout', summary, testInfo);

    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByRole('button', { name: 'Pay €135.18' }).click();
    await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\?token=/);
    const orderUrl = page.url();
    const orderId = /\/orders\/([0-9a-f-]{36})/.exec(orderUrl)?.[1] ?? '';
    const token = new URL(orderUrl).searchParams.get('token') ?? '';
    const invoiceNumber = `NFP-${YEAR}-000001`;
    await expect(page.getByRole('link', { name: `Invoice ${invoiceNumber} (PDF)` })).toBeVisible({
      timeout: 15_000,
    });
    const pdf = await page.request.get(`/api/orders/${orderId}/invoice.pdf?token=${token}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // ---- The invoice in the mailbox, attached to the confirmation.
    const confirmation = await mailboxRow(page, /Your tickets for/);
    await expect(confirmation).toContainText(`invoice-${invoiceNumber}.pdf`);

    // ---- The organizer refunds 20.00 of it.
    await organizerPage.goto(`/organizer/events/${event.id}/orders`);
    await organizerPage.getByRole('button', { name: `Refund the order of ${buyer.name}` }).click();
    const dialog = organizerPage.getByRole('dialog', { name: 'Refund order' });
    await dialog.getByText('An amount', { exact: true }).click();
    await dialog.getByRole('textbox', { name: 'Amount to refund' }).fill('20');
    await dialog.getByRole('button', { name: 'Refund €20.00' }).click();
    await expect(dialog).toBeHidden();

    // ---- The credit note: attached to the refund notice, and listed on the buyer's order page.
    const creditNumber = `NFP-${YEAR}-000002`;
    const notice = await mailboxRow(page, /Refund of €20\.00/);
    await expect(notice).toContainText(`credit-note-${creditNumber}.pdf`);
    await page.goto(orderUrl);
    await expect(page.getByRole('link', { name: `Credit note ${creditNumber} (PDF)` })).toBeVisible({
      timeout: 15_000,
    });
    await screenshotBothWidths(
      page,
      'money-order-invoices',
      page.getByRole('link', { name: /Credit note/ }),
      testInfo,
    );
    for (const size of [DESKTOP, PHONE]) {
      await page.setViewportSize(size);
      await expectNoAxeFindings(page, `order page with invoice and credit note at ${size.width}px`);
    }
    expect(pageErrors).toEqual([]);
  } finally {
    await organizerContext.close();
    await buyerContext.close();
  }
});

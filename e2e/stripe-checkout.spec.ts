import { type BrowserContext, expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RUN_ID, screenshotBothWidths } from './support/helpers';

/**
 * Checkout on a platform configured with PAYMENT_PROVIDER=stripe (the second web server in
 * playwright.config.ts): the page loads Stripe.js, shows the Payment Element, confirms the
 * PaymentIntent from the browser, and the order turns paid when Stripe's signed webhook reaches the
 * server. This machine has no internet, so Stripe's two hosts are answered locally: js.stripe.com by a
 * stand-in for Stripe.js (e2e/support/browser/fake-stripe-js.js) and api.stripe.com by the same fake
 * of Stripe's API the server's SDK talks to, which then delivers the webhook.
 */

const STRIPE_BASE_URL = process.env.E2E_STRIPE_BASE_URL ?? '';
const FAKE_STRIPE_URL = process.env.E2E_FAKE_STRIPE_URL ?? '';
const FAKE_STRIPE_JS = readFileSync(path.resolve('e2e/support/browser/fake-stripe-js.js'), 'utf8');
const EVENT_TITLE = 'Nightfall Jazz Festival';

test.use({ baseURL: STRIPE_BASE_URL });

/** Serves Stripe's hosts from the local stand-ins; returns the calls that went to api.stripe.com. */
async function routeStripe(context: BrowserContext): Promise<string[]> {
  const calls: string[] = [];
  await context.route('https://js.stripe.com/**', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: FAKE_STRIPE_JS }),
  );
  await context.route('https://api.stripe.com/**', async (route) => {
    const url = new URL(route.request().url());
    calls.push(`${route.request().method()} ${url.pathname}`);
    const response = await route.fetch({ url: `${FAKE_STRIPE_URL}${url.pathname}${url.search}` });
    await route.fulfill({ response });
  });
  return calls;
}

test('with Stripe: the Payment Element shows, a declined card says so, a second card pays and the webhook issues the ticket', async ({
  browser,
}) => {
  const context = await browser.newContext();
  try {
    const stripeCalls = await routeStripe(context);
    const page = await context.newPage();
    await page.goto(`/`);
    await page.getByRole('link', { name: new RegExp(EVENT_TITLE) }).click();
    await expect(page.getByRole('heading', { level: 1, name: EVENT_TITLE })).toBeVisible();
    await page.getByRole('button', { name: 'Add one Early bird ticket' }).click();
    await page.getByLabel('Full name').fill('Stripe Buyer');
    await page.getByLabel('Email').fill(`stripe-buyer-${RUN_ID}@e2e.example.com`);
    await page.getByRole('button', { name: /^Reserve 1 ticket/ }).click();

    // The checkout shows Stripe's card fields (no test-card hints) and a Pay button once they are ready.
    await expect(page).toHaveURL(/\/checkout\/[0-9a-f-]{36}\?token=/);
    const form = page.getByRole('form', { name: 'Card payment' });
    await expect(form.getByTestId('fake-stripe-payment-element')).toBeVisible();
    await expect(page.getByText('Test mode: no real money moves')).toBeHidden();
    await expect(form.getByText(/Card details go straight to Stripe/)).toBeVisible();
    const payButton = form.getByRole('button', { name: 'Pay €29.00' });
    await expect(payButton).toBeEnabled();
    await screenshotBothWidths(page, 'checkout-stripe', form.getByLabel('Card number'));

    // Incomplete details never leave the browser.
    await form.getByLabel('Card number').fill('4242 4242');
    await payButton.click();
    await expect(form.getByRole('alert')).toContainText('Your card number is incomplete.');
    expect(stripeCalls).toEqual([]);

    // A declined card: Stripe's words, and the tickets are still held.
    await form.getByLabel('Card number').fill('4000 0000 0000 0002');
    await form.getByLabel('Expiration date').fill('12 / 34');
    await form.getByLabel('Security code').fill('123');
    await payButton.click();
    const declined = form.getByRole('alert');
    await expect(declined).toContainText('Card declined');
    await expect(declined).toContainText(
      'Your card was declined. Your tickets are still held — try another card.',
    );
    await expect(page.getByRole('timer')).toBeVisible();

    // Another card pays; Stripe's webhook turns the order paid and the page moves on by itself.
    await form.getByLabel('Card number').fill('4242 4242 4242 4242');
    await payButton.click();
    await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\?token=/);
    await expect(page.getByRole('heading', { name: `You're going to ${EVENT_TITLE}!` })).toBeVisible();
    await expect(page.getByRole('img', { name: /^QR code of ticket .+, to scan at the door$/ })).toHaveCount(
      1,
    );
    expect(
      stripeCalls.filter((call) => /^POST \/v1\/payment_intents\/pi_\w+\/confirm$/.test(call)),
    ).toHaveLength(2);
  } finally {
    await context.close();
  }
});

import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { expectNoAxeFindings } from './support/axe';
import { apiCall, DESKTOP, newAccount, PHONE, RUN_ID, signUp } from './support/helpers';

/**
 * A German buyer end to end: an organizer publishes an event whose language is German; a buyer whose
 * browser speaks German opens it, reserves, pays at a German checkout, lands on a German order page
 * and gets the confirmation email in German. The language menu then switches the order page to French.
 */

const organizer = newAccount('sprache', 'Greta Veranstalterin');
const buyer = { name: 'Bea Käuferin', email: `sprache-buyer-${RUN_ID}@e2e.example.com` };
// Not RUN_ID in the title: ticketing.spec.ts searches the storefront for it and expects its own event.
const TITLE = `Sommernachtskonzert ${Math.random().toString(36).slice(2, 8)}`;
const TICKET_TYPE = 'Stehplatz';
const DAY = 24 * 3_600_000;

interface MailboxEntry {
  id: string;
  recipient: string;
  subject: string | null;
}

/** Full-page screenshots at desktop and phone width, attached to the test's report. */
async function attachScreenshots(page: Page, testInfo: TestInfo, name: string, ready: Locator) {
  for (const [label, size] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(size);
    await expect(ready).toBeVisible();
    await page.waitForLoadState('networkidle');
    // Stretched to the page's height: the fixed background would stop short otherwise.
    const height = await page.evaluate<number>('document.documentElement.scrollHeight');
    if (height > size.height)
      await page.setViewportSize({ width: size.width, height: Math.min(height, 6000) });
    const path = testInfo.outputPath(`${name}-${label}.png`);
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach(`${name}-${label}`, { path, contentType: 'image/png' });
  }
  await page.setViewportSize(DESKTOP);
}

async function auditBothWidths(page: Page, where: string) {
  await expectNoAxeFindings(page, `${where} (desktop)`);
  await page.setViewportSize(PHONE);
  await expectNoAxeFindings(page, `${where} (phone)`);
  await page.setViewportSize(DESKTOP);
}

test('a German buyer reserves, pays and reads the order page and the email in German; the menu switches to French', async ({
  browser,
}, testInfo) => {
  // Six audits and six full-page screenshots at two widths: more than the default minute.
  test.setTimeout(180_000);

  // The organizer sets the event up through the API; its emails and tickets speak German.
  const organizerContext = await browser.newContext();
  const organizerPage = await organizerContext.newPage();
  await signUp(organizerPage, organizer);
  const org = await apiCall<{ id: string }>(organizerPage, 'POST', '/api/organizations', {
    name: `Konzertbüro ${RUN_ID}`,
  });
  const startsAt = new Date(Date.now() + 21 * DAY);
  startsAt.setUTCHours(18, 0, 0, 0);
  const event = await apiCall<{ id: string; slug: string }>(
    organizerPage,
    'POST',
    `/api/organizations/${org.id}/events`,
    {
      title: TITLE,
      description: 'Ein Abend unter freiem Himmel mit Streichquartett und Sternenhimmel.',
      venue: 'Stadtpark, Hamburg',
      timezone: 'Europe/Berlin',
      currency: 'EUR',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
    },
  );
  const patched = await apiCall<{ language: string }>(organizerPage, 'PATCH', `/api/events/${event.id}`, {
    language: 'de',
  });
  expect(patched.language).toBe('de');
  await apiCall(organizerPage, 'POST', `/api/events/${event.id}/ticket-types`, {
    name: TICKET_TYPE,
    priceCents: 2900,
    capacity: 100,
  });
  await apiCall(organizerPage, 'POST', `/api/events/${event.id}/publish`);
  await organizerContext.close();

  // The buyer's browser speaks German: the pages choose German by themselves.
  const context = await browser.newContext({ locale: 'de-DE', viewport: DESKTOP });
  const page = await context.newPage();
  await page.goto(`/events/${event.slug}`);
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  const header = page.getByRole('banner');
  await expect(header.getByRole('link', { name: 'Veranstaltungen' })).toBeVisible();
  await expect(header.getByRole('combobox', { name: 'Sprache' })).toHaveValue('de');
  // The ticket picker's own words (web.store.*).
  await expect(page.getByText('Verfügbarkeit wird live aktualisiert')).toBeVisible();
  await expect(page.getByText('Ihre Angaben')).toBeVisible();
  await auditBothWidths(page, 'the event page in German');
  await attachScreenshots(page, testInfo, 'de-event', page.getByRole('heading', { level: 1 }));

  // Reserve one ticket. The stepper's buttons are named after the ticket type; "+" is the last.
  await page
    .getByRole('button', { name: new RegExp(TICKET_TYPE) })
    .last()
    .click();
  await page.locator('input[autocomplete="name"]').fill(buyer.name);
  await page.locator('input[type="email"]').fill(buyer.email);
  await page.getByRole('button', { name: '1 Ticket reservieren' }).click();
  await expect(page).toHaveURL(/\/checkout\/[0-9a-f-]{36}\?token=/);

  // The checkout in German, amounts in German notation. The hold lasts one minute in these tests:
  // the audit and the shots come after the payment's fields are checked, then the payment.
  await expect(page).toHaveTitle('Kasse — Z-Events');
  await expect(page.getByRole('timer')).toHaveAttribute('aria-label', /^Verbleibende Zeit zum Bezahlen: /);
  await expect(page.getByRole('heading', { name: 'Zahlung' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Bestellübersicht' })).toBeVisible();
  const money = page.getByTestId('order-money');
  await expect(money).toContainText('Zwischensumme');
  await expect(money).toContainText('Gesamt');
  await expect(money).toContainText('29,00 €');
  await expect(page.getByText('Testmodus: Es fließt kein echtes Geld')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Stornieren und Tickets freigeben' })).toBeVisible();
  const pay = page.getByRole('button', { name: '29,00 € bezahlen' });
  await expect(pay).toBeVisible();
  await auditBothWidths(page, 'the checkout in German');
  await attachScreenshots(page, testInfo, 'de-checkout', pay);

  await page.getByLabel('Kartennummer').fill('4242424242424242');
  await pay.click();

  // The order page in German.
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\?token=/);
  await expect(page.getByText('Bestellung bestätigt').first()).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: `Sie sind dabei: ${TITLE}!` })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Ihre Tickets' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Bestellübersicht' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Ticket 1 von 1' })).toBeVisible();
  await expect(page.getByText('Ticketcode')).toBeVisible();
  await expect(page.getByRole('link', { name: 'PDF herunterladen' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Zum Kalender hinzufügen' })).toBeVisible();
  await expect(page.getByText(/^Bezahlt am /)).toBeVisible();
  await auditBothWidths(page, 'the order page in German');
  await attachScreenshots(page, testInfo, 'de-order', page.getByRole('heading', { name: 'Ihre Tickets' }));

  // The confirmation email is in the event's language.
  let confirmation: MailboxEntry | undefined;
  await expect(async () => {
    const mailbox = await apiCall<{ items: MailboxEntry[] }>(page, 'GET', '/api/dev/emails');
    confirmation = mailbox.items.find(
      (email) => email.recipient === buyer.email && email.subject === `Ihre Tickets für ${TITLE}`,
    );
    expect(confirmation, `no German confirmation to ${buyer.email}`).toBeDefined();
  }).toPass({ timeout: 30_000 });
  const email = await apiCall<{ html: string | null; text: string | null }>(
    page,
    'GET',
    `/api/dev/emails/${confirmation?.id ?? ''}`,
  );
  expect(email.html).toContain('Bestellübersicht');
  expect(email.html).toContain('Vielen Dank für Ihre Bestellung');
  expect(email.text).toContain('Bestellübersicht');

  // The language menu switches the page at once, and the choice outlives a reload.
  await header.getByRole('combobox', { name: 'Sprache' }).selectOption('fr');
  await expect(page.getByRole('heading', { name: 'Vos billets' })).toBeVisible();
  await expect(page.getByText('Commande confirmée').first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Télécharger le PDF' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Récapitulatif de la commande' })).toBeVisible();
  await context.close();
});

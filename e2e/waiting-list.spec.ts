import { expect, test } from '@playwright/test';
import { apiCall, newAccount, PHONE, RUN_ID, screenshotBothWidths, signUp } from './support/helpers';
import { expectNoAxeFindings } from './support/axe';

/**
 * A waiting list end to end: a free ticket type of capacity 1 sells out through the API; a buyer
 * opens the event page, joins the waiting list from the sold-out card and is told their place; the
 * organizer sees them in the event's Waiting list tab. The event page with the form open and the
 * organizer's tab are checked with axe-core, at desktop and phone width.
 */
const organizer = newAccount('waitlist', 'Wanda Wait');
// Not RUN_ID in the title: ticketing.spec.ts searches the storefront for it and expects its own event.
const TITLE_ID = `w${Math.random().toString(36).slice(2, 8)}`;
const EVENT_TITLE = `Lantern Loft ${TITLE_ID}`;

test('a buyer joins the waiting list of a sold-out type and the organizer sees them', async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await signUp(page, organizer);
  const org = await apiCall<{ id: string }>(page, 'POST', '/api/organizations', {
    name: `Waitlist ${RUN_ID}`,
  });
  const startsAt = new Date(Date.now() + 20 * 86_400_000);
  const event = await apiCall<{ id: string; slug: string }>(
    page,
    'POST',
    `/api/organizations/${org.id}/events`,
    {
      title: EVENT_TITLE,
      venue: 'Lantern Loft, Quay 2',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
      timezone: 'Europe/Paris',
      currency: 'EUR',
    },
  );
  // Free, so the one order is sold at once and the type stays sold out while the test looks.
  const loft = await apiCall<{ id: string }>(page, 'POST', `/api/events/${event.id}/ticket-types`, {
    name: 'Loft seat',
    priceCents: 0,
    capacity: 1,
  });
  await apiCall(page, 'POST', `/api/events/${event.id}/publish`);
  await apiCall(page, 'POST', '/api/orders', {
    eventId: event.id,
    items: [{ ticketTypeId: loft.id, quantity: 1 }],
    buyer: { name: 'First Comer', email: `first-${RUN_ID}@e2e.example.com` },
  });

  // The buyer finds the type sold out and joins its waiting list.
  const buyerContext = await browser.newContext();
  const buyer = await buyerContext.newPage();
  buyer.on('pageerror', (error) => pageErrors.push(error.message));
  await buyer.goto(`/events/${event.slug}`);
  const card = buyer.locator(`#ticket-${loft.id}`);
  await expect(card.getByText('Sold out')).toBeVisible();
  await card.getByRole('button', { name: 'Join the waiting list' }).click();
  const form = card.getByRole('form', { name: 'Join the waiting list for Loft seat' });
  await form.getByRole('textbox', { name: 'Full name' }).fill('Lena Later');
  await form.getByRole('textbox', { name: 'Email' }).fill(`lena-${RUN_ID}@e2e.example.com`);
  await form.getByRole('textbox', { name: 'Tickets' }).fill('1');
  await expectNoAxeFindings(buyer, 'the event page with the waiting-list form open (desktop)');
  await screenshotBothWidths(buyer, 'waiting-list-form', form);
  await buyer.setViewportSize(PHONE);
  await expectNoAxeFindings(buyer, 'the event page with the waiting-list form open (phone)');
  await form.getByRole('button', { name: 'Join the waiting list' }).click();
  await expect(
    card.getByText("You're number 1 on the waiting list. We'll email you if tickets come back."),
  ).toBeVisible();
  await screenshotBothWidths(buyer, 'waiting-list-joined', card.getByText("You're number 1"));

  // The same email again is refused in words.
  await buyer.reload();
  await card.getByRole('button', { name: 'Join the waiting list' }).click();
  await form.getByRole('textbox', { name: 'Full name' }).fill('Lena Later');
  await form.getByRole('textbox', { name: 'Email' }).fill(`lena-${RUN_ID}@e2e.example.com`);
  await form.getByRole('button', { name: 'Join the waiting list' }).click();
  await expect(form.getByRole('alert')).toContainText('is already on the waiting list for Loft seat');

  // The organizer sees Lena in line.
  await page.goto(`/organizer/events/${event.id}/edit?tab=waiting-list`);
  const section = page.getByRole('region', { name: 'Waiting list' });
  const entry = section.getByRole('listitem').filter({ hasText: 'Lena Later' });
  await expect(entry.getByText('#1')).toBeVisible();
  await expect(entry.getByText('Waiting', { exact: true })).toBeVisible();
  await expect(section.getByText('1 waiting')).toBeVisible();
  await expect(entry.getByRole('button', { name: 'Move Lena Later up' })).toBeDisabled();
  await expectNoAxeFindings(page, 'the organizer waiting list (desktop)');
  await screenshotBothWidths(page, 'waiting-list-organizer', entry);
  await page.setViewportSize(PHONE);
  await expectNoAxeFindings(page, 'the organizer waiting list (phone)');

  expect(pageErrors).toEqual([]);
  await buyerContext.close();
  await context.close();
});

import { expect, test } from '@playwright/test';
import { apiCall, newAccount, RUN_ID, screenshotBothWidths, signUp } from './support/helpers';

/**
 * A hidden ticket type end to end: the organizer hides a sponsors' ticket behind an access code in
 * the ticket editor and copies its link; a visitor without the code never sees it; the link (or the
 * code typed on the page) shows it, and the buyer gets one.
 */
const organizer = newAccount('hidden', 'Hana Hidden');
// Not RUN_ID in the title: ticketing.spec.ts searches the storefront for it and expects its own event.
const TITLE_ID = `h${Math.random().toString(36).slice(2, 8)}`;
const EVENT_TITLE = `Rooftop Gala ${TITLE_ID}`;

test('a hidden ticket type is sold only to buyers with its access code', async ({ browser }) => {
  const organizerContext = await browser.newContext();
  const page = await organizerContext.newPage();
  await signUp(page, organizer);
  const org = await apiCall<{ id: string }>(page, 'POST', '/api/organizations', { name: `Gala ${RUN_ID}` });
  const startsAt = new Date(Date.now() + 30 * 86_400_000);
  const event = await apiCall<{ id: string; slug: string }>(
    page,
    'POST',
    `/api/organizations/${org.id}/events`,
    {
      title: EVENT_TITLE,
      venue: 'Sky Terrace, Harbour City',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 5 * 3_600_000).toISOString(),
      timezone: 'Europe/Paris',
      currency: 'EUR',
    },
  );
  await apiCall(page, 'POST', `/api/events/${event.id}/ticket-types`, {
    name: 'Regular',
    priceCents: 6000,
    capacity: 200,
  });

  // The organizer adds the sponsors' ticket in the editor, hidden behind a code.
  await page.goto(`/organizer/events/${event.id}/edit?tab=tickets`);
  await page.getByRole('button', { name: 'Add ticket type' }).click();
  const dialog = page.getByRole('dialog', { name: 'New ticket type' });
  await dialog.getByLabel('Name').fill('Sponsors');
  await dialog.getByLabel('Price').fill('0');
  await dialog.getByLabel('Capacity').fill('20');
  await dialog.getByRole('switch', { name: /Hidden/ }).click();
  await dialog.getByRole('textbox', { name: 'Access code' }).fill('GALA-SPONSORS');
  await dialog.getByRole('button', { name: 'Add ticket type' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Hidden', { exact: true })).toBeVisible();
  const link = `/events/${event.slug}?code=GALA-SPONSORS`;
  await expect(page.getByText(link, { exact: false })).toBeVisible();
  await screenshotBothWidths(page, 'hidden-ticket-type', page.getByLabel('Copy the link to Sponsors'));
  await apiCall(page, 'POST', `/api/events/${event.id}/publish`);

  // A visitor without the code sees the regular ticket only.
  const buyerContext = await browser.newContext();
  const buyer = await buyerContext.newPage();
  await buyer.goto(`/events/${event.slug}`);
  await expect(buyer.getByRole('heading', { level: 1, name: EVENT_TITLE })).toBeVisible();
  await expect(buyer.getByRole('button', { name: 'Add one Regular ticket' })).toBeVisible();
  await expect(buyer.getByRole('button', { name: 'Add one Sponsors ticket' })).toHaveCount(0);

  // A wrong code says so; the right one, typed, shows the sponsors' ticket.
  await buyer.getByRole('button', { name: 'Have an access code?' }).click();
  await buyer.getByRole('textbox', { name: 'Access code' }).fill('NOPE-123');
  await buyer.getByRole('button', { name: 'Apply' }).click();
  await expect(buyer.getByText('Code not recognised')).toBeVisible();
  await expect(buyer.getByRole('button', { name: 'Add one Sponsors ticket' })).toHaveCount(0);
  await buyer.getByRole('button', { name: 'Have an access code?' }).click();
  await buyer.getByRole('textbox', { name: 'Access code' }).fill('gala-sponsors');
  await buyer.getByRole('button', { name: 'Apply' }).click();
  await expect(buyer.getByText('Code applied')).toBeVisible();
  await expect(buyer).toHaveURL(/\?code=gala-sponsors/);

  // The shared link works the same way, and the ticket is the buyer's.
  await buyer.goto(link);
  await expect(buyer.getByText('Code applied')).toBeVisible();
  await buyer.getByRole('button', { name: 'Add one Sponsors ticket' }).click();
  await buyer.getByLabel('Full name').fill('Sam Sponsor');
  await buyer.getByLabel('Email').fill(`sam-${RUN_ID}@example.test`);
  await screenshotBothWidths(buyer, 'hidden-ticket-unlocked', buyer.getByText('Code applied'));
  await buyer.getByRole('button', { name: /^Get 1 free ticket/ }).click();
  await expect(buyer).toHaveURL(/\/orders\/[0-9a-f-]{36}\?token=/);
  await expect(buyer.getByRole('heading', { name: `You're going to ${EVENT_TITLE}!` })).toBeVisible();
  await expect(buyer.getByText('Sponsors').first()).toBeVisible();

  await buyerContext.close();
  await organizerContext.close();
});

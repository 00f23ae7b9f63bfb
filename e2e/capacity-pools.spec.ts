import { expect, test } from '@playwright/test';
import { apiCall, newAccount, PHONE, RUN_ID, screenshotBothWidths, signUp } from './support/helpers';
import { expectNoAxeFindings } from './support/axe';

/**
 * A shared capacity end to end: the organizer pools two ticket types under a capacity of 2 in the
 * ticket editor; two tickets sold through the API fill the pool, the editor shows it full, the public
 * event page shows both types sold out although each still has its own capacity left, and a capacity
 * below what is sold is refused on the field. The editor is checked with axe-core at desktop and
 * phone width.
 */
const organizer = newAccount('pools', 'Paula Pool');
// Not RUN_ID in the title: ticketing.spec.ts searches the storefront for it and expects its own event.
const TITLE_ID = `p${Math.random().toString(36).slice(2, 8)}`;
const EVENT_TITLE = `Harbour Hall ${TITLE_ID}`;

test('two ticket types share one capacity and sell out together', async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await signUp(page, organizer);
  const org = await apiCall<{ id: string }>(page, 'POST', '/api/organizations', { name: `Pools ${RUN_ID}` });
  const startsAt = new Date(Date.now() + 20 * 86_400_000);
  const event = await apiCall<{ id: string; slug: string }>(
    page,
    'POST',
    `/api/organizations/${org.id}/events`,
    {
      title: EVENT_TITLE,
      venue: 'Harbour Hall, Pier 4',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 4 * 3_600_000).toISOString(),
      timezone: 'Europe/Paris',
      currency: 'EUR',
    },
  );
  // Free, so an order is sold at once (no hold to expire while the test looks).
  const early = await apiCall<{ id: string }>(page, 'POST', `/api/events/${event.id}/ticket-types`, {
    name: 'Early bird',
    priceCents: 0,
    capacity: 10,
  });
  const regular = await apiCall<{ id: string }>(page, 'POST', `/api/events/${event.id}/ticket-types`, {
    name: 'Regular',
    priceCents: 0,
    capacity: 10,
  });
  await apiCall(page, 'POST', `/api/events/${event.id}/publish`);

  // The organizer pools both types under a capacity of 2.
  await page.goto(`/organizer/events/${event.id}/edit?tab=tickets`);
  const section = page.getByRole('region', { name: 'Shared capacity' });
  await expect(section.getByText('No shared capacity')).toBeVisible();
  await section.getByRole('button', { name: 'Add shared capacity' }).click();
  const dialog = page.getByRole('dialog', { name: 'New shared capacity' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Main hall');
  await dialog.getByRole('textbox', { name: 'Capacity' }).fill('2');
  await dialog.getByRole('checkbox', { name: 'Early bird' }).check();
  await dialog.getByRole('checkbox', { name: 'Regular' }).check();
  await screenshotBothWidths(page, 'capacity-pool-form', dialog);
  await dialog.getByRole('button', { name: 'Add shared capacity' }).click();
  await expect(dialog).toBeHidden();

  const pool = section.getByRole('listitem').filter({ hasText: 'Main hall' });
  await expect(pool.getByText('Shared by Early bird, Regular')).toBeVisible();
  await expect(pool.getByText('0 sold · 0 held · 2 available of 2')).toBeVisible();
  await expect(pool.getByRole('meter', { name: 'Main hall usage' })).toHaveAttribute('aria-valuenow', '0');

  // Two tickets, one of each type, fill the pool though each type has 9 of its own left.
  await apiCall(page, 'POST', '/api/orders', {
    eventId: event.id,
    items: [
      { ticketTypeId: early.id, quantity: 1 },
      { ticketTypeId: regular.id, quantity: 1 },
    ],
    buyer: { name: 'Pat Pool', email: `pat-${RUN_ID}@e2e.example.com` },
  });
  await page.reload();
  await expect(pool.getByText('2 sold · 0 held · 0 available of 2')).toBeVisible();
  await expect(pool.getByText('Full', { exact: true })).toBeVisible();
  await expect(pool.getByRole('meter', { name: 'Main hall usage' })).toHaveAttribute(
    'aria-valuetext',
    '2 sold, 0 held, 0 available of 2',
  );
  await expectNoAxeFindings(page, 'the ticket editor (desktop)');
  await screenshotBothWidths(page, 'capacity-pools', pool.getByText('Full', { exact: true }));

  // Lowering the capacity below what is sold is refused on the field, with the reason.
  await pool.getByRole('button', { name: 'Edit Main hall' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit “Main hall”' });
  await edit.getByRole('textbox', { name: 'Capacity' }).fill('1');
  await edit.getByRole('button', { name: 'Save shared capacity' }).click();
  await expect(
    edit.getByText('At least 2: the chosen types already have that many sold or held'),
  ).toBeVisible();
  await expect(edit.getByRole('textbox', { name: 'Capacity' })).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeFindings(page, 'the shared capacity form');
  await edit.getByRole('button', { name: 'Cancel' }).click();
  await expect(edit).toBeHidden();

  await page.setViewportSize(PHONE);
  await expect(pool.getByText('Full', { exact: true })).toBeVisible();
  await expectNoAxeFindings(page, 'the ticket editor (phone)');

  // Buyers see both types sold out.
  const buyerContext = await browser.newContext();
  const buyer = await buyerContext.newPage();
  await buyer.goto(`/events/${event.slug}`);
  await expect(buyer.getByRole('heading', { level: 1, name: EVENT_TITLE })).toBeVisible();
  for (const type of [early, regular])
    await expect(buyer.locator(`#ticket-${type.id}`).getByText('Sold out')).toBeVisible();
  await expect(buyer.getByRole('button', { name: 'Add one Early bird ticket' })).toBeDisabled();
  await expect(buyer.getByRole('button', { name: 'Add one Regular ticket' })).toBeDisabled();
  await screenshotBothWidths(buyer, 'capacity-pools-sold-out', buyer.getByText('Sold out').first());

  expect(pageErrors).toEqual([]);
  await buyerContext.close();
  await context.close();
});

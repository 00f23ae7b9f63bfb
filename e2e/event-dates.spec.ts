import { expect, type Page, test } from '@playwright/test';
import { apiCall, DESKTOP, newAccount, PHONE, RUN_ID, screenshotBothWidths, signUp } from './support/helpers';
import { expectNoAxeFindings } from './support/axe';

/**
 * An event on two dates end to end: the organizer's event has two ticket types and two dates, made
 * through the API. A buyer (on a phone, then on a desktop) picks the second date on the event page,
 * keeps it across a reload, buys one ticket with the test card and the order page shows that date;
 * the first date still has all its tickets; the organizer's Dates section and the dashboard's date
 * filter show the sale on the second date only. The event page and the Dates section are checked
 * with axe-core at both widths.
 */
const organizer = newAccount('dates', 'Dora Dates');
// Not RUN_ID in the title: ticketing.spec.ts searches the storefront for it and expects its own event.
const TITLE_ID = `d${Math.random().toString(36).slice(2, 8)}`;
const EVENT_TITLE = `Moonlit Play ${TITLE_ID}`;
const TIME_ZONE = 'Europe/Paris';

interface PublicDates {
  dates: Array<{ id: string; ticketTypes: Array<{ id: string; available: number }> }>;
}

/** A date's start and end as the pages print them (formatDateRange), in the browser's own locale. */
function formattedRange(page: Page, startsAt: string, endsAt: string): Promise<string> {
  // A string, not a function: the tests' TypeScript has no DOM types.
  return page.evaluate<string>(
    `new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric',
      hour: '2-digit', minute: '2-digit', timeZoneName: 'short', timeZone: '${TIME_ZONE}' })
      .formatRange(new Date('${startsAt}'), new Date('${endsAt}'))`,
  );
}

test('a buyer picks the second of two dates, buys for it, and only that date sells', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await signUp(page, organizer);
  const org = await apiCall<{ id: string }>(page, 'POST', '/api/organizations', { name: `Dates ${RUN_ID}` });
  // Whole hours 20 and 21 days from now: 19:00 to 21:30 UTC.
  const day = (days: number, hour: number, minute = 0) => {
    const date = new Date(Date.now() + days * 86_400_000);
    date.setUTCHours(hour, minute, 0, 0);
    return date.toISOString();
  };
  const first = { startsAt: day(20, 18), endsAt: day(20, 20, 30) };
  const second = { startsAt: day(21, 18), endsAt: day(21, 20, 30) };
  const event = await apiCall<{ id: string; slug: string }>(
    page,
    'POST',
    `/api/organizations/${org.id}/events`,
    {
      title: EVENT_TITLE,
      venue: 'Théâtre du Lac, Annecy',
      ...first,
      timezone: TIME_ZONE,
      currency: 'EUR',
    },
  );
  const stalls = await apiCall<{ id: string }>(page, 'POST', `/api/events/${event.id}/ticket-types`, {
    name: 'Stalls',
    priceCents: 3000,
    capacity: 20,
  });
  const balcony = await apiCall<{ id: string }>(page, 'POST', `/api/events/${event.id}/ticket-types`, {
    name: 'Balcony',
    priceCents: 2000,
    capacity: 5,
  });
  const firstDate = await apiCall<{ id: string }>(page, 'POST', `/api/events/${event.id}/dates`, first);
  // The second night has a smaller balcony.
  const secondDate = await apiCall<{ id: string }>(page, 'POST', `/api/events/${event.id}/dates`, {
    ...second,
    capacities: [{ ticketTypeId: balcony.id, capacity: 4 }],
  });
  await apiCall(page, 'POST', `/api/events/${event.id}/publish`);

  // The buyer, on a phone: two dates to choose from, and no quantities before one is chosen.
  const buyerContext = await browser.newContext({ viewport: PHONE });
  const buyer = await buyerContext.newPage();
  buyer.on('pageerror', (error) => pageErrors.push(error.message));
  await buyer.goto(`/events/${event.slug}`);
  await expect(buyer.getByRole('heading', { level: 1, name: EVENT_TITLE })).toBeVisible();
  const dates = buyer.getByRole('radiogroup', { name: 'Choose a date' });
  await expect(dates.getByRole('radio')).toHaveCount(2);
  await expect(buyer.getByText('2 dates to choose from', { exact: false })).toBeVisible();
  await expect(buyer.getByRole('button', { name: 'Add one Stalls ticket' })).toBeDisabled();
  await expectNoAxeFindings(buyer, 'the event page before a date is chosen (phone)');

  const secondRadio = dates.getByRole('radio').nth(1);
  await secondRadio.click();
  await expect(secondRadio).toHaveAttribute('aria-checked', 'true');
  await expect(buyer).toHaveURL(new RegExp(`[?&]date=${secondDate.id}`));
  // The link keeps the date: a reload opens on it.
  await buyer.reload();
  await expect(dates.getByRole('radio').nth(1)).toHaveAttribute('aria-checked', 'true');
  await expect(buyer.locator(`#ticket-${balcony.id}`)).toContainText('Only 4 left');
  await expect(buyer.locator(`#ticket-${stalls.id}`)).toContainText('20 available');
  await expectNoAxeFindings(buyer, 'the event page with a date chosen (phone)');
  await screenshotBothWidths(buyer, 'event-dates-event', secondRadio);

  // On a desktop, the same link: one Stalls ticket on the second date, paid with the test card.
  await buyer.setViewportSize(DESKTOP);
  await expect(dates.getByRole('radio').nth(1)).toHaveAttribute('aria-checked', 'true');
  await expectNoAxeFindings(buyer, 'the event page with a date chosen (desktop)');
  await buyer.getByRole('button', { name: 'Add one Stalls ticket' }).click();
  await expect(buyer.getByTestId('selection-total')).toContainText('€30.00');
  await buyer.getByLabel('Full name').fill('Bea Buyer');
  await buyer.getByLabel('Email').fill(`bea-${RUN_ID}@e2e.example.com`);
  await buyer.getByRole('button', { name: /^Reserve 1 ticket/ }).click();
  await expect(buyer).toHaveURL(/\/checkout\/[0-9a-f-]{36}\?token=/);
  await buyer.getByLabel('Card number').fill('4242 4242 4242 4242');
  await buyer.getByRole('button', { name: 'Pay €30.00' }).click();

  // The order page names the second date, on the order and on its ticket.
  await expect(buyer).toHaveURL(/\/orders\/[0-9a-f-]{36}\?token=/);
  await expect(buyer.getByRole('heading', { name: `You're going to ${EVENT_TITLE}!` })).toBeVisible();
  const secondRange = await formattedRange(buyer, second.startsAt, second.endsAt);
  await expect(buyer.getByTestId('order-date')).toHaveText(secondRange);
  await expect(buyer.getByRole('article', { name: 'Ticket 1 of 1' })).toContainText('Stalls');
  await expectNoAxeFindings(buyer, 'the order page (desktop)');
  await screenshotBothWidths(buyer, 'event-dates-order', buyer.getByTestId('order-date'));

  // The first date still has every ticket; the second has one Stalls less.
  await expect
    .poll(async () => {
      const view = await apiCall<PublicDates>(buyer, 'GET', `/api/public/events/${event.id}`);
      return view.dates.map((date) => [
        date.id,
        date.ticketTypes.find((type) => type.id === stalls.id)?.available,
      ]);
    })
    .toEqual([
      [firstDate.id, 20],
      [secondDate.id, 19],
    ]);
  await buyer.goto(`/events/${event.slug}?date=${firstDate.id}`);
  await expect(dates.getByRole('radio').first()).toHaveAttribute('aria-checked', 'true');
  await expect(buyer.locator(`#ticket-${stalls.id}`)).toContainText('20 available');
  await expect(buyer.locator(`#ticket-${balcony.id}`)).toContainText('Only 5 left');
  await dates.getByRole('radio').nth(1).click();
  await expect(buyer.locator(`#ticket-${stalls.id}`)).toContainText('19 available');

  // The organizer's Dates section shows the sale on the second date only.
  await page.goto(`/organizer/events/${event.id}/edit?tab=tickets`);
  const section = page.getByRole('region', { name: 'Dates' });
  const items = section.getByRole('listitem');
  await expect(items).toHaveCount(2);
  const secondItem = items.nth(1);
  await expect(secondItem.getByRole('row', { name: /^Stalls/ })).toHaveText(/Stalls\s*20\s*1\s*0\s*19/);
  await expect(secondItem.getByRole('row', { name: /^Balcony/ })).toHaveText(/Balcony\s*4\s*0\s*0\s*4/);
  await expect(secondItem.getByText('1 sold · 0 held · 23 available of 24')).toBeVisible();
  await expect(items.first().getByRole('row', { name: /^Stalls/ })).toHaveText(/Stalls\s*20\s*0\s*0\s*20/);
  await expectNoAxeFindings(page, 'the Dates section (desktop)');
  await screenshotBothWidths(page, 'event-dates-organizer', section.getByRole('heading', { name: 'Dates' }));
  await page.setViewportSize(PHONE);
  await expect(secondItem).toBeVisible();
  await expectNoAxeFindings(page, 'the Dates section (phone)');
  await page.setViewportSize(DESKTOP);

  // The dashboard's date filter narrows the figures to one date.
  await page.goto(`/organizer/events/${event.id}`);
  const sold = page.getByTestId('feature-sold');
  await expect(sold).toContainText(/^Tickets sold\s*1/);
  const filter = page.getByRole('combobox', { name: 'Figures for' });
  await filter.click();
  await page.getByRole('listbox').getByRole('option').nth(1).click();
  await expect(page).toHaveURL(new RegExp(`[?&]date=${firstDate.id}`));
  await expect(sold).toContainText(/^Tickets sold\s*0/);
  await filter.click();
  await page.getByRole('listbox').getByRole('option').nth(2).click();
  await expect(sold).toContainText(/^Tickets sold\s*1/);
  await expectNoAxeFindings(page, 'the dashboard filtered to a date');
  await screenshotBothWidths(page, 'event-dates-dashboard', sold);

  expect(pageErrors).toEqual([]);
  await buyerContext.close();
  await context.close();
});

test('past 14 dates the buyer picks a day on a calendar, then its time slot', async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await signUp(page, newAccount('slots', 'Sam Slots'));
  const org = await apiCall<{ id: string }>(page, 'POST', '/api/organizations', { name: `Slots ${RUN_ID}` });
  // Day by day from 30 days ahead, a slot at 09:00 and 14:00 UTC on each of 8 days: 16 slots.
  const base = new Date(Date.now() + 30 * 86_400_000);
  base.setUTCHours(9, 0, 0, 0);
  const slot = (dayOffset: number, hour: number) => {
    const start = new Date(base.getTime() + dayOffset * 86_400_000);
    start.setUTCHours(hour, 0, 0, 0);
    return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString() };
  };
  const event = await apiCall<{ id: string; slug: string }>(
    page,
    'POST',
    `/api/organizations/${org.id}/events`,
    { title: `Museum slots ${TITLE_ID}`, ...slot(0, 9), timezone: 'UTC', currency: 'EUR' },
  );
  await apiCall(page, 'POST', `/api/events/${event.id}/ticket-types`, {
    name: 'Entry',
    priceCents: 1200,
    capacity: 30,
  });
  const slots: Array<{ id: string; startsAt: string }> = [];
  for (let day = 0; day < 8; day += 1)
    for (const hour of [9, 14])
      slots.push(await apiCall(page, 'POST', `/api/events/${event.id}/dates`, slot(day, hour)));
  await apiCall(page, 'POST', `/api/events/${event.id}/publish`);

  await page.goto(`/events/${event.slug}`);
  await expect(page.getByText('Choose a day')).toBeVisible();
  // The calendar opens on the first slot's month; the third day is picked by its accessible name.
  const third = new Date(slots[4]?.startsAt ?? '');
  const dayName = third.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const month = third.toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const header = page.locator('.mantine-DatePicker-calendarHeaderLevel');
  for (let step = 0; step < 2 && (await header.innerText()).trim() !== month; step += 1)
    await page.getByRole('button', { name: 'Next month' }).click();
  await page.getByRole('button', { name: dayName, exact: true }).click();
  const times = page.getByRole('radiogroup', { name: /^Times on/ });
  await expect(times.getByRole('radio')).toHaveCount(2);
  await times.getByRole('radio').nth(1).click();
  await expect(page).toHaveURL(new RegExp(`[?&]date=${slots[5]?.id ?? ''}`));
  await expect(page.getByRole('button', { name: 'Add one Entry ticket' })).toBeEnabled();
  await expectNoAxeFindings(page, 'the event page with a calendar (desktop)');
  await screenshotBothWidths(page, 'event-dates-calendar', times);
  await page.setViewportSize(PHONE);
  await expectNoAxeFindings(page, 'the event page with a calendar (phone)');

  expect(pageErrors).toEqual([]);
  await context.close();
});

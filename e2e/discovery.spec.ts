import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { expectNoAxeFindings } from './support/axe';
import { apiCall, DESKTOP, newAccount, PHONE, RUN_ID, signUp } from './support/helpers';

/**
 * Discovery end to end: an organizer publishes an online music event this weekend and an in-person
 * conference next month in a city nobody else uses; the storefront's category chips, location box and
 * "This weekend" each find the right one; a buyer pays for the online event and the order page shows
 * its join link, which the public event page never contains.
 */

const organizer = newAccount('disco', 'Dora Discovery');
// Not RUN_ID in the titles: ticketing.spec.ts searches the storefront for it and expects its own event.
const TITLE_ID = `d${Math.random().toString(36).slice(2, 8)}`;
const ONLINE_TITLE = `Midnight Synth Stream ${TITLE_ID}`;
const CONFERENCE_TITLE = `Open Data Summit ${TITLE_ID}`;
const CITY = `Quellbrunn${TITLE_ID}`;
const JOIN_URL = `https://meet.example.com/synth-${TITLE_ID}`;
const HOUR = 3_600_000;

/**
 * A start inside this weekend (Friday 17:00 to Monday 00:00 UTC, the browser's zone below) that
 * has not passed: Saturday 14:00, or half an hour from now when the weekend has begun.
 */
function thisWeekendStart(now = new Date()): Date {
  const day = now.getUTCDay(); // 0 Sunday … 6 Saturday
  const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((day + 6) % 7));
  const fridayEvening = new Date(monday.getTime() + (4 * 24 + 17) * HOUR);
  const nextMonday = new Date(monday.getTime() + 7 * 24 * HOUR);
  if (now >= fridayEvening) {
    const soon = new Date(now.getTime() + 30 * 60_000);
    if (soon < nextMonday) return soon;
  }
  return new Date(monday.getTime() + (5 * 24 + 14) * HOUR);
}

async function createEvent(page: Page, organizationId: string, body: Record<string, unknown>) {
  const event = await apiCall<{ id: string; slug: string }>(
    page,
    'POST',
    `/api/organizations/${organizationId}/events`,
    { timezone: 'UTC', currency: 'EUR', ...body },
  );
  await apiCall(page, 'POST', `/api/events/${event.id}/ticket-types`, {
    name: 'General admission',
    priceCents: 900,
    capacity: 100,
  });
  await apiCall(page, 'POST', `/api/events/${event.id}/publish`);
  return event;
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

/** A filter chip, by its group and name (its radio input is visually hidden behind the label). */
const chip = (page: Page, group: string, name: string) =>
  page.getByRole('radiogroup', { name: group }).getByText(name, { exact: true });

async function auditBothWidths(page: Page, where: string) {
  await expectNoAxeFindings(page, `${where} (desktop)`);
  await page.setViewportSize(PHONE);
  await expectNoAxeFindings(page, `${where} (phone)`);
  await page.setViewportSize(DESKTOP);
}

test('the storefront finds events by category, city and weekend; only ticket holders get the join link', async ({
  browser,
}, testInfo) => {
  // Four audits at two widths and eight full-page screenshots: more than the default minute.
  test.setTimeout(180_000);
  const organizerContext = await browser.newContext();
  const page = await organizerContext.newPage();
  await signUp(page, organizer);
  const org = await apiCall<{ id: string; slug: string }>(page, 'POST', '/api/organizations', {
    name: `Disco Nights ${RUN_ID}`,
  });
  const startsAt = thisWeekendStart();
  const online = await createEvent(page, org.id, {
    title: ONLINE_TITLE,
    description: 'Two hours of modular synths, streamed live.',
    category: 'music',
    kind: 'online',
    onlineUrl: JOIN_URL,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 2 * HOUR).toISOString(),
  });
  const conferenceStart = new Date(Date.now() + 35 * 24 * HOUR);
  conferenceStart.setUTCHours(9, 0, 0, 0);
  await createEvent(page, org.id, {
    title: CONFERENCE_TITLE,
    description: 'Talks and workshops about open data.',
    category: 'conference',
    venue: 'Stadthalle',
    city: CITY,
    startsAt: conferenceStart.toISOString(),
    endsAt: new Date(conferenceStart.getTime() + 8 * HOUR).toISOString(),
  });
  // The editor shows what was set: the "Where" control, the join link and its promise, the language.
  await page.goto(`/organizer/events/${online.id}/edit`);
  await expect(page.getByRole('radio', { name: 'Online' })).toBeChecked();
  await expect(page.getByRole('textbox', { name: 'Online link' })).toHaveValue(JOIN_URL);
  await expect(page.getByText('Shown only to ticket holders', { exact: false })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Category' })).toHaveValue('Music');
  await expect(page.getByRole('combobox', { name: 'Language of emails and tickets' })).toHaveValue('English');
  await attachScreenshots(
    page,
    testInfo,
    'editor-online',
    page.getByRole('textbox', { name: 'Online link' }),
  );
  await organizerContext.close();

  // The visitor's zone decides what "this weekend" is; UTC matches the dates chosen above.
  const visitorContext = await browser.newContext({ timezoneId: 'UTC', viewport: DESKTOP });
  const visitor = await visitorContext.newPage();
  const onlineCard = visitor.getByRole('link', { name: new RegExp(ONLINE_TITLE) });
  const conferenceCard = visitor.getByRole('link', { name: new RegExp(CONFERENCE_TITLE) });

  await visitor.goto(`/?q=${TITLE_ID}`);
  await expect(onlineCard).toBeVisible();
  await expect(conferenceCard).toBeVisible();
  // The cards say what and where: a category, "Online", the city.
  await expect(onlineCard).toContainText('Music');
  await expect(onlineCard).toContainText('Online');
  await expect(conferenceCard).toContainText('Conference');
  await expect(conferenceCard).toContainText(CITY);

  // By category: the chip goes into the address bar, so the view can be shared.
  await chip(visitor, 'Category', 'Music').click();
  await expect(visitor.getByRole('radio', { name: 'Music' })).toBeChecked();
  await expect(visitor).toHaveURL(/category=music/);
  await expect(conferenceCard).toBeHidden();
  await expect(onlineCard).toBeVisible();
  await auditBothWidths(visitor, 'the storefront filtered by category');
  await attachScreenshots(visitor, testInfo, 'storefront-music', onlineCard);
  // A second click clears the chip.
  await chip(visitor, 'Category', 'Music').click();
  await expect(visitor).not.toHaveURL(/category=/);
  await expect(conferenceCard).toBeVisible();

  // By the unique city, typed in the location box (suggested from the upcoming events' cities).
  await visitor.getByRole('combobox', { name: 'Location' }).fill(CITY.slice(0, -2));
  await expect(visitor.getByRole('option', { name: CITY })).toBeVisible();
  await visitor.getByRole('option', { name: CITY }).click();
  await expect(visitor).toHaveURL(new RegExp(`location=${CITY}`));
  await expect(onlineCard).toBeHidden();
  await expect(conferenceCard).toBeVisible();
  await attachScreenshots(visitor, testInfo, 'storefront-city', conferenceCard);

  // A shared link with "This weekend" opens filtered; a fresh visitor sees the same list.
  await visitor.goto(`/?q=${TITLE_ID}`);
  await expect(conferenceCard).toBeVisible();
  await chip(visitor, 'When', 'This weekend').click();
  await expect(visitor).toHaveURL(/when=this-weekend/);
  await expect(conferenceCard).toBeHidden();
  await expect(onlineCard).toBeVisible();
  await visitor.goto(`/?q=${TITLE_ID}&when=this-weekend`);
  await expect(visitor.getByRole('radio', { name: 'This weekend' })).toBeChecked();
  await expect(onlineCard).toBeVisible();
  await expect(conferenceCard).toBeHidden();
  await auditBothWidths(visitor, 'the storefront this weekend');
  await attachScreenshots(visitor, testInfo, 'storefront-weekend', onlineCard);

  // The online event's page: "Online", the organizer's page, and never the join link.
  await onlineCard.click();
  await expect(visitor.getByRole('heading', { level: 1, name: ONLINE_TITLE })).toBeVisible();
  await expect(visitor.getByText('Online event')).toBeVisible();
  await expect(visitor.getByRole('link', { name: `Disco Nights ${RUN_ID}` }).first()).toHaveAttribute(
    'href',
    `/o/${org.slug}`,
  );
  expect(await visitor.content()).not.toContain(JOIN_URL);
  await auditBothWidths(visitor, 'the online event page');
  await attachScreenshots(visitor, testInfo, 'online-event', visitor.getByRole('heading', { level: 1 }));
  const publicAnswer = await visitor.request.get(`/api/public/events/${online.id}`);
  expect(await publicAnswer.text()).not.toContain(JOIN_URL);

  // The buyer pays with the test card; the order page shows the join link.
  await visitor.getByRole('button', { name: 'Add one General admission ticket' }).click();
  await visitor.getByLabel('Full name').fill('Bea Buyer');
  await visitor.getByLabel('Email').fill(`disco-buyer-${RUN_ID}@e2e.example.com`);
  await visitor.getByRole('button', { name: /^Reserve 1 ticket/ }).click();
  await expect(visitor).toHaveURL(/\/checkout\/[0-9a-f-]{36}\?token=/);
  // Held, not paid: the checkout does not show the link either.
  await expect(visitor.getByRole('timer')).toBeVisible();
  expect(await visitor.content()).not.toContain(JOIN_URL);
  await visitor.getByLabel('Card number').fill('4242 4242 4242 4242');
  await visitor.getByRole('button', { name: 'Pay €9.00' }).click();
  await expect(visitor).toHaveURL(/\/orders\/[0-9a-f-]{36}\?token=/);
  const join = visitor.getByRole('link', { name: 'Join online' });
  await expect(join).toBeVisible();
  await expect(join).toHaveAttribute('href', JOIN_URL);
  await expect(join).toHaveAttribute('target', '_blank');
  await auditBothWidths(visitor, 'the paid order of an online event');
  await attachScreenshots(visitor, testInfo, 'order-join-online', join);

  // Still nowhere on the public page, also after the purchase.
  await visitor.goto(`/events/${online.slug}`);
  await expect(visitor.getByRole('heading', { level: 1, name: ONLINE_TITLE })).toBeVisible();
  expect(await visitor.content()).not.toContain(JOIN_URL);
  await visitorContext.close();
});

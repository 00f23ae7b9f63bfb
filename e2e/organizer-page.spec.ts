import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import sharp from 'sharp';
import { expectNoAxeFindings } from './support/axe';
import {
  apiCall,
  DESKTOP,
  newAccount,
  PHONE,
  RUN_ID,
  SCREENSHOT_DIR,
  screenshotBothWidths,
  signUp,
} from './support/helpers';

/**
 * The public organizer page (/o/{slug}): an organizer uploads a logo, fills in their profile and
 * publishes an event; a visitor sees the logo, the description, the links and the event's card,
 * opens the event from it, and an unknown slug says so. Audited and photographed at both widths.
 */
const organizer = newAccount('orgpage', 'Olga Organizer');
// Not RUN_ID in the titles: ticketing.spec.ts searches the storefront for it and expects its own event.
const TITLE_ID = `o${Math.random().toString(36).slice(2, 8)}`;
const ORG_NAME = `Harbour Nights ${TITLE_ID}`;
const EVENT_TITLE = `Lanterns over the Quay ${TITLE_ID}`;
const PAST_TITLE = `Lanterns over the Quay, last summer ${TITLE_ID}`;
const DESCRIPTION = 'Open-air concerts by the old harbour.\nEvery summer since 2009, rain or shine.';

/** A square logo: an indigo disc with a white ring on transparency. */
function logoPng(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256">
    <circle cx="128" cy="128" r="122" fill="#4f46e5"/>
    <circle cx="128" cy="128" r="74" fill="none" stroke="#fff" stroke-width="20"/>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** The image the browser actually shows came from /media/ and decoded (a broken one is 0 wide). */
async function expectShownFromMedia(image: Locator): Promise<void> {
  await expect
    .poll(() =>
      image.evaluate((element) => {
        const img = element as unknown as { currentSrc: string; naturalWidth: number; complete: boolean };
        return img.complete && img.naturalWidth > 0 ? img.currentSrc : '';
      }),
    )
    .toMatch(/\/media\//);
}

/** Both widths' screenshots, kept as this test's attachments (the files a reviewer opens). */
async function screenshotAndAttach(page: Page, testInfo: TestInfo, name: string, ready: Locator) {
  await screenshotBothWidths(page, `organizer-page-${name}`, ready, testInfo);
  for (const width of ['desktop', 'phone'])
    await testInfo.attach(`${name}-${width}`, {
      path: `${SCREENSHOT_DIR}/organizer-page-${name}-${width}.png`,
      contentType: 'image/png',
    });
}

/** A published event of the organization starting `days` from now (negative: it is over). */
async function publishEvent(page: Page, organizationId: string, title: string, days: number) {
  const startsAt = new Date(Date.now() + days * 86_400_000);
  const event = await apiCall<{ id: string; slug: string }>(
    page,
    'POST',
    `/api/organizations/${organizationId}/events`,
    {
      title,
      description: 'Music by the water and lanterns over the harbour.',
      venue: 'Old Harbour Quay, Marseille',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 4 * 3_600_000).toISOString(),
      timezone: 'Europe/Paris',
      currency: 'EUR',
    },
  );
  await apiCall(page, 'POST', `/api/events/${event.id}/ticket-types`, {
    name: 'General admission',
    priceCents: 2500,
    capacity: 300,
  });
  await apiCall(page, 'POST', `/api/events/${event.id}/publish`);
  return event;
}

async function auditBothWidths(page: Page, where: string) {
  await expectNoAxeFindings(page, `${where} (desktop)`);
  await page.setViewportSize(PHONE);
  await expectNoAxeFindings(page, `${where} (phone)`);
  await page.setViewportSize(DESKTOP);
}

test('an organizer page shows the logo, profile and events, and opens an event', async ({
  browser,
}, testInfo) => {
  // Three pages, each audited and photographed at two widths.
  test.setTimeout(180_000);
  const organizerContext = await browser.newContext();
  const page = await organizerContext.newPage();
  await signUp(page, organizer);
  const org = await apiCall<{ id: string; slug: string }>(page, 'POST', '/api/organizations', {
    name: ORG_NAME,
  });

  // The logo, uploaded as the Team page does (multipart, the CSRF cookie echoed).
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === 'zevents_csrf')?.value ?? '';
  const logo = await page.request.put(`/api/organizations/${org.id}/logo`, {
    headers: { 'X-CSRF-Token': csrf },
    multipart: { file: { name: 'logo.png', mimeType: 'image/png', buffer: await logoPng() } },
  });
  expect(logo.status(), await logo.text()).toBe(200);

  await apiCall(page, 'PATCH', `/api/organizations/${org.id}`, {
    description: DESCRIPTION,
    website: 'https://harbour-nights.example',
    links: [
      { label: 'Instagram', url: 'https://instagram.example/harbournights' },
      { label: 'Newsletter', url: 'https://news.example/harbournights' },
    ],
  });

  const event = await publishEvent(page, org.id, EVENT_TITLE, 24);
  // Last summer's edition: listed below, under past events.
  await publishEvent(page, org.id, PAST_TITLE, -120);
  // A second organization of the same organizer, with nothing on yet: the empty state.
  const quiet = await apiCall<{ id: string; slug: string }>(page, 'POST', '/api/organizations', {
    name: `Quiet Collective ${TITLE_ID}`,
  });
  await organizerContext.close();

  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();

  // Link previews: the server renders the organization's tags into the page's head.
  const html = await (await visitor.request.get(`/o/${org.slug}`)).text();
  expect(html).toContain(`<meta property="og:title" content="${ORG_NAME}" />`);
  expect(html).toMatch(/<meta property="og:image" content="[^"]*\/media\//);

  await visitor.goto(`/o/${org.slug}`);
  const name = visitor.getByRole('heading', { level: 1, name: ORG_NAME });
  await expect(name).toBeVisible();
  await expect(visitor).toHaveTitle(`${ORG_NAME} — Z-Events`);
  const header = visitor.getByRole('region', { name: ORG_NAME });
  await expectShownFromMedia(header.locator('img'));
  await expect(header.getByText('Open-air concerts by the old harbour.')).toBeVisible();
  const website = header.getByRole('link', { name: 'harbour-nights.example' });
  await expect(website).toHaveAttribute('href', /^https:\/\/harbour-nights\.example\/?$/);
  await expect(website).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(header.getByRole('link', { name: 'Instagram' })).toHaveAttribute('target', '_blank');
  const card = visitor
    .getByRole('region', { name: 'Upcoming events' })
    .getByRole('link', { name: new RegExp(EVENT_TITLE) });
  await expect(card).toBeVisible();
  await expect(
    visitor.getByRole('region', { name: 'Past events' }).getByRole('link', { name: new RegExp(PAST_TITLE) }),
  ).toBeVisible();
  await auditBothWidths(visitor, 'the organizer page');
  await screenshotAndAttach(visitor, testInfo, 'with-event', card);

  // The card opens the event page.
  await card.click();
  await expect(visitor).toHaveURL(new RegExp(`/events/${event.slug}$`));
  await expect(visitor.getByRole('heading', { level: 1, name: EVENT_TITLE })).toBeVisible();

  // Nothing on yet, no links: the empty state.
  await visitor.goto(`/o/${quiet.slug}`);
  const empty = visitor.getByText('No upcoming events', { exact: true });
  await expect(empty).toBeVisible();
  await auditBothWidths(visitor, 'an organizer page without events');
  await screenshotAndAttach(visitor, testInfo, 'empty', empty);

  // An unknown slug.
  await visitor.goto(`/o/no-such-organizer-${RUN_ID}`);
  const notFound = visitor.getByRole('heading', { name: 'Organizer not found' });
  await expect(notFound).toBeVisible();
  await auditBothWidths(visitor, 'an unknown organizer');
  await screenshotAndAttach(visitor, testInfo, 'not-found', notFound);
  await visitorContext.close();
});

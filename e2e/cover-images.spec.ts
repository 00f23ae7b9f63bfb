import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { deflateSync } from 'node:zlib';
import { expectNoAxeFindings } from './support/axe';
import { apiCall, DESKTOP, newAccount, PHONE, RUN_ID, signUp } from './support/helpers';

/**
 * Cover images and logos end to end: an organizer uploads a cover in the event editor and a logo on
 * the Team page; the storefront card and the event page show them from /media/ in a format the
 * browser picked; a text file dressed up as a JPEG is refused with the API's reason.
 */
const organizer = newAccount('cover', 'Cora Cover');
// Not RUN_ID in the titles: ticketing.spec.ts searches the storefront for it and expects its own event.
const TITLE_ID = `c${Math.random().toString(36).slice(2, 8)}`;
const COVER_TITLE = `Harbour Lights Festival ${TITLE_ID}`;
const PLAIN_TITLE = `Quiet Jazz Evening ${TITLE_ID}`;
const COVER_ALT = 'A city skyline at dusk under glowing lanterns';

// ---- PNG files made in the test, so no binary fixture has to be checked in -------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

type Pixel = readonly number[];

/** An 8-bit PNG: RGB with 3 channels, RGBA with 4. */
function encodePng(width: number, height: number, channels: 3 | 4, pixelAt: (x: number, y: number) => Pixel) {
  const rows = Buffer.alloc((width * channels + 1) * height);
  let offset = 0;
  for (let y = 0; y < height; y += 1) {
    rows[offset++] = 0; // filter: none
    for (let x = 0; x < width; x += 1) {
      const pixel = pixelAt(x, y);
      for (let channel = 0; channel < channels; channel += 1) rows[offset++] = pixel[channel] ?? 255;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, channels === 4 ? 6 : 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

const mix = (from: Pixel, to: Pixel, t: number): Pixel =>
  from.map((value, index) => Math.round(value + ((to[index] ?? value) - value) * t));

/** A dusk skyline: an indigo-to-orange sky, a few soft lanterns, dark buildings along the bottom. */
function skylinePng(width: number, height: number): Buffer {
  const sky: Pixel[] = [
    [49, 46, 129],
    [219, 39, 119],
    [245, 158, 11],
  ];
  const lanterns = [
    [0.18, 0.3, 0.06],
    [0.42, 0.2, 0.04],
    [0.7, 0.34, 0.07],
    [0.86, 0.16, 0.035],
  ].map(([x = 0, y = 0, r = 0]) => ({ x: x * width, y: y * height, r: r * width }));
  const roofAt = (x: number) => {
    const block = Math.floor(x / (width / 18));
    return height * (0.62 + ((block * 37) % 23) / 100);
  };
  return encodePng(width, height, 3, (x, y) => {
    if (y > roofAt(x)) return [30, 27, 75];
    const t = y / height;
    let pixel =
      t < 0.5 ? mix(sky[0] ?? [], sky[1] ?? [], t * 2) : mix(sky[1] ?? [], sky[2] ?? [], (t - 0.5) * 2);
    for (const lantern of lanterns) {
      const distance = Math.hypot(x - lantern.x, y - lantern.y) / lantern.r;
      if (distance < 1) pixel = mix(pixel, [255, 244, 214], 0.75 * (1 - distance * distance));
    }
    return pixel;
  });
}

/** A square logo with transparent corners: an indigo disc with a white ring. */
function logoPng(size: number): Buffer {
  const centre = size / 2;
  return encodePng(size, size, 4, (x, y) => {
    const distance = Math.hypot(x - centre, y - centre) / centre;
    if (distance > 0.96) return [0, 0, 0, 0];
    if (distance > 0.5 && distance < 0.66) return [255, 255, 255, 255];
    return [79, 70, 229, 255];
  });
}

// ---- Checks and screenshots ------------------------------------------------------------------------

/** The image the browser actually shows came from /media/ and decoded (a broken one is 0 wide). */
async function expectShownFromMedia(image: Locator): Promise<void> {
  await image.scrollIntoViewIfNeeded();
  await expect
    .poll(() =>
      image.evaluate((element) => {
        const img = element as unknown as { currentSrc: string; naturalWidth: number; complete: boolean };
        return img.complete && img.naturalWidth > 0 ? img.currentSrc : '';
      }),
    )
    .toMatch(/\/media\//);
}

/** A full-page screenshot at desktop and phone width, into this test's output folder. */
async function screenshotInOutput(page: Page, testInfo: TestInfo, name: string, ready: Locator) {
  for (const [label, size] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(size);
    await expect(ready).toBeVisible();
    await page.waitForLoadState('networkidle');
    // Stretched to the page's height: the fixed background and sidebar would stop short otherwise.
    const height = await page.evaluate<number>('document.documentElement.scrollHeight');
    if (height > size.height)
      await page.setViewportSize({ width: size.width, height: Math.min(height, 6000) });
    await page.screenshot({ path: testInfo.outputPath(`${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

async function createPublishedEvent(page: Page, organizationId: string, title: string) {
  const startsAt = new Date(Date.now() + 21 * 86_400_000);
  const event = await apiCall<{ id: string; slug: string }>(
    page,
    'POST',
    `/api/organizations/${organizationId}/events`,
    {
      title,
      description: 'Music by the water, street food and lanterns over the harbour.',
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

test('an organizer adds a cover and a logo, and the storefront and event page show them', async ({
  browser,
}, testInfo) => {
  const organizerContext = await browser.newContext();
  const page = await organizerContext.newPage();
  await signUp(page, organizer);
  const org = await apiCall<{ id: string }>(page, 'POST', '/api/organizations', {
    name: `Harbour Nights ${RUN_ID}`,
  });
  const event = await createPublishedEvent(page, org.id, COVER_TITLE);
  // Without a cover: its card keeps the usual look beside the one with a picture.
  await createPublishedEvent(page, org.id, PLAIN_TITLE);

  // The editor: no cover yet; the organizer describes and uploads one.
  await page.goto(`/organizer/events/${event.id}/edit`);
  const coverSection = page.getByRole('region', { name: 'Cover image' });
  await expect(coverSection.getByText('No cover yet')).toBeVisible();
  await coverSection.getByLabel('Alt text').fill(COVER_ALT);
  await coverSection.locator('input[type="file"]').setInputFiles({
    name: 'harbour.png',
    mimeType: 'image/png',
    buffer: skylinePng(1600, 900),
  });
  await coverSection.getByRole('button', { name: 'Upload cover' }).click();
  const editorCover = coverSection.getByRole('img', { name: COVER_ALT });
  await expect(editorCover).toBeVisible({ timeout: 30_000 });
  await expectShownFromMedia(editorCover);

  // A text file named like a photo: the server reads the bytes and refuses it, and the editor says why.
  await coverSection.locator('input[type="file"]').setInputFiles({
    name: 'not-a-photo.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from('This is a shopping list, not a picture.\n'),
  });
  await coverSection.getByRole('button', { name: 'Upload new cover' }).click();
  await expect(coverSection.getByRole('alert')).toHaveText('The file must be a JPEG, PNG or WebP image');
  // The refused file changed nothing: the cover is still there.
  await expect(editorCover).toBeVisible();
  await screenshotInOutput(page, testInfo, 'editor-cover', editorCover);

  // The logo, on the organization's Public page settings.
  await page.goto('/organizer/profile');
  const logoCard = page.locator('.ze-glass').filter({ has: page.getByRole('heading', { name: 'Logo' }) });
  await logoCard.locator('input[type="file"]').setInputFiles({
    name: 'logo.png',
    mimeType: 'image/png',
    buffer: logoPng(256),
  });
  await logoCard.getByRole('button', { name: 'Upload logo' }).click();
  await expect(logoCard.getByRole('button', { name: 'Remove logo' })).toBeVisible({ timeout: 30_000 });
  await expectShownFromMedia(logoCard.locator('img'));
  await organizerContext.close();

  // A visitor finds both events on the storefront: the card with a cover shows it.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto(`/?q=${TITLE_ID}`);
  const coverCard = visitor.getByRole('link', { name: new RegExp(COVER_TITLE) });
  await expect(coverCard).toBeVisible();
  await expect(visitor.getByRole('link', { name: new RegExp(PLAIN_TITLE) })).toBeVisible();
  await expect(visitor.getByRole('link', { name: new RegExp(PLAIN_TITLE) }).locator('img')).toHaveCount(0);
  await expectShownFromMedia(coverCard.locator('img'));
  await screenshotInOutput(visitor, testInfo, 'storefront', coverCard);

  // The event page opens with the cover (eager: it is the first thing painted) and the logo.
  await coverCard.click();
  await expect(visitor.getByRole('heading', { level: 1, name: COVER_TITLE })).toBeVisible();
  const hero = visitor.getByRole('img', { name: COVER_ALT });
  await expect(hero).toHaveAttribute('loading', 'eager');
  await expectShownFromMedia(hero);
  const logo = visitor.locator('section img[width="256"]').first();
  await expectShownFromMedia(logo);
  await expectNoAxeFindings(visitor, 'the event page with a cover (desktop)');
  await visitor.setViewportSize(PHONE);
  await expectNoAxeFindings(visitor, 'the event page with a cover (phone)');
  await visitor.setViewportSize(DESKTOP);
  await screenshotInOutput(visitor, testInfo, 'event-with-cover', hero);
  await visitorContext.close();
});

import { expect, test, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expectNoAxeFindings } from './support/axe';
import { apiCall, newAccount, PHONE, RUN_ID, screenshotBothWidths, signUp } from './support/helpers';

/**
 * The embeddable checkout end to end: an organizer allows a website of their own, that website (a
 * page this spec serves on another origin) carries the one script tag, and a buyer buys a ticket
 * through the widget without leaving it; the host page hears `zevents:order-paid`. A website not on
 * the list gets a Content-Security-Policy that forbids framing.
 */
const organizer = newAccount('embed', 'Emma Embed');
const TITLE_ID = `e${Math.random().toString(36).slice(2, 8)}`;
const EVENT_TITLE = `Rooftop Cinema ${TITLE_ID}`;

/** A tiny website on its own origin: `localhost` while the platform is `127.0.0.1`, so they differ. */
async function startHostSite(
  platform: string,
  eventSlug: string,
): Promise<{ server: Server; origin: string }> {
  const page = (mode: 'button' | 'inline') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>The Rooftop Club</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;margin:0;padding:24px;background:#fdf6ec;color:#222}</style>
</head><body><main><h1>The Rooftop Club</h1><p>Films under the stars, every Friday.</p>
<div id="tickets"><script src="${platform}/embed.js" data-event="${eventSlug}"${mode === 'inline' ? ' data-mode="inline"' : ''} async></script></div>
</main>
<script>window.zeventsPaid = []; window.addEventListener('zevents:order-paid', function (e) { window.zeventsPaid.push(e.detail); });
document.getElementById('tickets').addEventListener('zevents:order-paid', function () { window.zeventsPaidOnParent = true; });</script>
</body></html>`;
  const server = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(page(req.url?.startsWith('/inline') ? 'inline' : 'button'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://localhost:${port}` };
}

/** The sources of a response's frame-ancestors directive. */
function frameAncestors(csp: string | undefined): string[] {
  const directive = (csp ?? '').split(';').find((part) => part.trim().startsWith('frame-ancestors'));
  return directive?.trim().split(/\s+/).slice(1) ?? [];
}

async function paidOrders(page: Page): Promise<Array<{ orderId: string; eventId: string }>> {
  return page.evaluate<Array<{ orderId: string; eventId: string }>>('window.zeventsPaid');
}

test('a website the organizer allows sells a ticket through the embedded checkout', async ({
  browser,
  baseURL,
}, testInfo) => {
  test.setTimeout(120_000);
  const platform = baseURL ?? '';
  const organizerContext = await browser.newContext();
  const page = await organizerContext.newPage();
  await signUp(page, organizer);
  const org = await apiCall<{ id: string }>(page, 'POST', '/api/organizations', {
    name: `Rooftop ${RUN_ID}`,
  });
  const startsAt = new Date(Date.now() + 21 * 86_400_000);
  const event = await apiCall<{ id: string; slug: string }>(
    page,
    'POST',
    `/api/organizations/${org.id}/events`,
    {
      title: EVENT_TITLE,
      venue: 'Roof of the Old Mill',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
      timezone: 'Europe/Paris',
      currency: 'EUR',
    },
  );
  await apiCall(page, 'POST', `/api/events/${event.id}/ticket-types`, {
    name: 'Deckchair',
    priceCents: 1200,
    capacity: 50,
  });
  await apiCall(page, 'POST', `/api/events/${event.id}/publish`);

  const host = await startHostSite(platform, event.slug);
  try {
    await apiCall(page, 'PATCH', `/api/organizations/${org.id}`, { embedOrigins: [host.origin] });

    // The organizer's "Public page" shows the allowed website and the tag to paste.
    await page.goto('/organizer/profile');
    await expect(page.getByRole('heading', { name: 'Sell on your website' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Allowed websites' })).toContainText(host.origin);
    await expect(page.getByLabel('Embed tag')).toContainText(`data-event="${event.slug}"`);
    await expectNoAxeFindings(page, 'the organizer profile page');
    await screenshotBothWidths(page, 'embed-organizer-profile', page.getByLabel('Embed tag'), testInfo);

    // Only the listed website may frame the checkout: the header says so to every browser.
    const allowed = await page.request.get(`/embed/events/${event.slug}`);
    expect(frameAncestors(allowed.headers()['content-security-policy'])).toEqual(["'self'", host.origin]);
    expect(allowed.headers()['x-frame-options']).toBeUndefined();
    const elsewhere = 'http://127.0.0.1:9';
    expect(frameAncestors(allowed.headers()['content-security-policy'])).not.toContain(elsewhere);
    const unknown = await page.request.get('/embed/events/no-such-event');
    expect(frameAncestors(unknown.headers()['content-security-policy'])).toEqual(["'self'"]);
    const plainPage = await page.request.get(`/events/${event.slug}`);
    expect(frameAncestors(plainPage.headers()['content-security-policy'])).toEqual(["'self'"]);
    expect(plainPage.headers()['x-frame-options']).toBe('SAMEORIGIN');

    // A buyer on the organizer's own website.
    const buyerContext = await browser.newContext();
    const buyer = await buyerContext.newPage();
    await buyer.goto(host.origin);
    const buy = buyer.getByRole('button', { name: 'Buy tickets' });
    await buy.click();
    const dialog = buyer.getByRole('dialog', { name: 'Buy tickets' });
    await expect(dialog).toBeVisible();
    const frame = buyer.frameLocator('iframe[title="Buy tickets"]');
    await expect(frame.getByRole('heading', { level: 1, name: EVENT_TITLE })).toBeVisible();
    // Escape closes it and gives the focus back to the button.
    await buyer.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(buy).toBeFocused();

    await buy.click();
    await expect(frame.getByRole('heading', { level: 1, name: EVENT_TITLE })).toBeVisible();
    await frame.getByRole('button', { name: 'Add one Deckchair ticket' }).click();
    await frame.getByLabel('Full name').fill('Bea Buyer');
    await frame.getByLabel('Email').fill(`bea-${RUN_ID}@example.test`);
    // The frame grows with its content: no scrollbar inside the modal's frame.
    await expect
      .poll(async () => (await buyer.locator('iframe[title="Buy tickets"]').boundingBox())?.height ?? 0)
      .toBeGreaterThan(600);
    await screenshotBothWidths(buyer, 'embed-host-picker', dialog, testInfo);
    await frame.getByRole('button', { name: /^Reserve 1 ticket/ }).click();

    await expect(frame.getByRole('heading', { name: 'Order summary' })).toBeVisible();
    await frame.getByLabel('Card number').fill('4242 4242 4242 4242');
    await frame.getByRole('button', { name: 'Pay €12.00' }).click();
    await expect(frame.getByRole('heading', { name: `You're going to ${EVENT_TITLE}!` })).toBeVisible();
    await expect(frame.getByRole('link', { name: /Open your order page/ })).toHaveAttribute(
      'target',
      '_blank',
    );

    // The host page heard the sale: ids only, on window and on the tag's parent.
    await expect.poll(() => paidOrders(buyer)).toHaveLength(1);
    const [paid] = await paidOrders(buyer);
    expect(paid?.eventId).toBe(event.id);
    expect(paid?.orderId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await buyer.evaluate<boolean>('window.zeventsPaidOnParent === true')).toBe(true);
    await screenshotBothWidths(buyer, 'embed-host-paid', dialog, testInfo);

    // The inline picker sits in the page itself and sizes itself to its content.
    await buyer.goto(`${host.origin}/inline`);
    const inline = buyer.frameLocator('iframe[title="Tickets"]');
    await expect(inline.getByRole('heading', { level: 1, name: EVENT_TITLE })).toBeVisible();
    await expect
      .poll(async () => (await buyer.locator('iframe[title="Tickets"]').boundingBox())?.height ?? 0)
      .toBeGreaterThan(500);
    await screenshotBothWidths(
      buyer,
      'embed-host-inline',
      buyer.locator('iframe[title="Tickets"]'),
      testInfo,
    );

    // The embed page itself passes the audit on a phone.
    const embedPage = await buyerContext.newPage();
    await embedPage.setViewportSize(PHONE);
    await embedPage.goto(`${platform}/embed/events/${event.slug}`);
    await expect(embedPage.getByRole('heading', { level: 1, name: EVENT_TITLE })).toBeVisible();
    await expectNoAxeFindings(embedPage, 'the embedded ticket picker at phone width');
    await buyerContext.close();
  } finally {
    await new Promise((resolve) => host.server.close(resolve));
    await organizerContext.close();
  }
});

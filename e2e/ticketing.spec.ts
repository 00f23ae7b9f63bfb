import { expect, test, type Browser, type BrowserContext, type Page, type WebSocket } from '@playwright/test';
import {
  daysFromNow,
  linkFromMailbox,
  newAccount,
  pickDate,
  RUN_ID,
  screenshotBothWidths,
  signUp,
  VERIFICATION_SUBJECT,
} from './support/helpers';

/**
 * The whole story in one browser: an organizer sets up and publishes an event, a buyer in another
 * browser context buys two tickets while the organizer's dashboard watches the sale arrive live, a
 * staff member checks a ticket in at the door, and a second buyer's card is declined and their hold
 * runs out. The tests share one organizer and one event, so they run in order.
 */
test.describe.configure({ mode: 'serial' });

const organizer = newAccount('organizer', 'Olivia Organizer');
const staff = newAccount('staff', 'Sam Staff');
const buyer = { name: 'Bea Buyer', email: `buyer-${RUN_ID}@e2e.example.com` };
const EVENT_TITLE = `Harbour Lights Night Run ${RUN_ID}`;
const ORGANIZATION = `Harbour Lights Events ${RUN_ID}`;
const TYPES = {
  standard: { name: 'Standard', price: '25', formatted: '€25.00', capacity: '100' },
  vip: { name: 'VIP', price: '60', formatted: '€60.00', capacity: '20' },
} as const;

/** What the tests hand on to each other. */
const shared: {
  organizerContext?: BrowserContext;
  organizerPage?: Page;
  eventId?: string;
  eventUrl?: string;
  ticketCodes: string[];
} = { ticketCodes: [] };

async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

function organizerPage(): Page {
  if (!shared.organizerPage) throw new Error('the organizer test did not run');
  return shared.organizerPage;
}

test.afterAll(async () => {
  await shared.organizerContext?.close();
});

test('an organizer signs up, creates an organization, and publishes an event with two ticket types', async ({
  browser,
}) => {
  const { context, page } = await newPage(browser);
  shared.organizerContext = context;
  shared.organizerPage = page;

  await signUp(page, organizer);

  // A new account has no organization yet: the first screen asks for one, under a reminder to
  // confirm the address; the link in the confirmation email does it.
  await expect(page.getByRole('heading', { name: 'Create your organization' })).toBeVisible();
  const banner = page.getByRole('region', { name: 'Confirm your email' });
  await expect(banner).toContainText(`We sent a link to ${organizer.email}`);
  await screenshotBothWidths(page, 'verify-banner', banner);
  await page.goto(await linkFromMailbox(page, organizer.email, VERIFICATION_SUBJECT, 'Confirm my email'));
  await expect(page.getByRole('heading', { name: 'Your email is confirmed' })).toBeVisible();
  await screenshotBothWidths(
    page,
    'verify-email',
    page.getByRole('heading', { name: 'Your email is confirmed' }),
  );
  await page.getByRole('link', { name: 'Open your dashboard' }).click();
  await expect(page.getByRole('heading', { name: 'Create your organization' })).toBeVisible();
  await expect(banner).toBeHidden();
  await page.getByLabel('Organization name').fill(ORGANIZATION);
  await page.getByRole('button', { name: 'Create organization' }).click();
  await expect(page.getByRole('heading', { name: 'Events', exact: true })).toBeVisible();
  await expect(page.getByText('No events yet')).toBeVisible();

  // Details first: the draft.
  await page.getByRole('link', { name: 'New event' }).click();
  await expect(page.getByRole('heading', { name: 'New event', exact: true })).toBeVisible();
  await page.getByLabel('Title').fill(EVENT_TITLE);
  await page
    .getByLabel('Description')
    .fill('Ten kilometres along the harbour after dark, with lights, music and a finish-line party.');
  await page.getByLabel('Venue').fill('Waterfront Park, Harbour City');
  await pickDate(page, 'Starts', daysFromNow(30));
  await pickDate(page, 'Ends', daysFromNow(31));
  await expect(page.getByText(/^Buyers will see:/)).toBeVisible();
  await page.getByRole('button', { name: 'Create draft' }).click();

  // Then the ticket types, in the editor's modal.
  await expect(page).toHaveURL(/\/organizer\/events\/[0-9a-f-]{36}\/edit\?tab=tickets/);
  shared.eventId = /events\/([0-9a-f-]{36})/.exec(page.url())?.[1];
  await expect(page.getByText('No ticket types yet')).toBeVisible();
  for (const type of Object.values(TYPES)) {
    await page.getByRole('button', { name: 'Add ticket type' }).click();
    const dialog = page.getByRole('dialog', { name: 'New ticket type' });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Name').fill(type.name);
    await dialog.getByLabel('Price').fill(type.price);
    await dialog.getByLabel('Capacity').fill(type.capacity);
    await dialog.getByRole('button', { name: 'Add ticket type' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByLabel(`Edit ${type.name}`)).toBeVisible();
  }
  await expect(page.getByText('2 ticket types')).toBeVisible();

  // The "added" notification stays clear of the header's actions while it shows.
  const publish = page.getByRole('button', { name: 'Publish', exact: true });
  const toast = page.getByRole('alert').filter({ hasText: 'VIP added' });
  await expect(toast).toBeVisible();
  const [toastBox, publishBox] = [await toast.boundingBox(), await publish.boundingBox()];
  if (!toastBox || !publishBox) throw new Error('the notification or the Publish button is not laid out');
  const apart =
    toastBox.x >= publishBox.x + publishBox.width ||
    publishBox.x >= toastBox.x + toastBox.width ||
    toastBox.y >= publishBox.y + publishBox.height ||
    publishBox.y >= toastBox.y + toastBox.height;
  expect(apart, `notification ${JSON.stringify(toastBox)} over Publish ${JSON.stringify(publishBox)}`).toBe(
    true,
  );

  // Publish, confirmed in a dialog.
  await publish.click();
  const confirm = page.getByRole('dialog', { name: 'Publish this event?' });
  await expect(confirm).toContainText('2 ticket types: Standard, VIP.');
  await confirm.getByRole('button', { name: 'Publish now' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText('On sale', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Publish', exact: true })).toBeHidden();
});

test('a buyer in another browser buys two tickets, sees the QR codes and gets the email; the dashboard follows live', async ({
  browser,
}) => {
  // The organizer's dashboard is open before the sale, and stays open (never reloaded).
  const dashboard = organizerPage();
  const frames: string[] = [];
  dashboard.on('websocket', (socket: WebSocket) => {
    if (socket.url().endsWith(`/api/events/${shared.eventId}/live`))
      socket.on('framereceived', (frame) => frames.push(String(frame.payload)));
  });
  await dashboard.getByRole('link', { name: 'Dashboard', exact: true }).first().click();
  await expect(dashboard).toHaveURL(new RegExp(`/organizer/events/${shared.eventId}$`));
  const sold = dashboard.getByTestId('feature-sold');
  await expect(sold).toContainText('Tickets sold');
  await expect(sold).toContainText(/^Tickets sold\s*0/);
  await expect(dashboard.getByLabel('Figures update live')).toBeVisible();
  await dashboard.evaluate('window.e2eNotReloaded = true');

  const { context, page } = await newPage(browser);
  try {
    // Finds the event from the home page's search.
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Upcoming events' })).toBeVisible();
    // Not looked for on the first page: the specs running beside this one publish sooner events.
    await screenshotBothWidths(page, 'home', page.getByRole('heading', { name: 'Upcoming events' }));
    await page.getByRole('searchbox', { name: 'Search' }).fill(RUN_ID);
    const card = page.getByRole('link', { name: new RegExp(EVENT_TITLE) });
    await expect(card).toBeVisible();
    await expect(page.getByText('1 event', { exact: true })).toBeVisible();
    await card.click();

    // The event page: one Standard and one VIP ticket.
    await expect(page.getByRole('heading', { level: 1, name: EVENT_TITLE })).toBeVisible();
    shared.eventUrl = page.url();
    await expect(page.getByText(TYPES.standard.formatted).first()).toBeVisible();
    await screenshotBothWidths(page, 'event', page.getByRole('button', { name: 'Add one VIP ticket' }));
    await page.getByRole('button', { name: 'Add one Standard ticket' }).click();
    await page.getByRole('button', { name: 'Add one VIP ticket' }).click();
    await expect(page.getByTestId('selection-total')).toContainText('2 tickets');
    await expect(page.getByTestId('selection-total')).toContainText('€85.00');
    await page.getByLabel('Full name').fill(buyer.name);
    await page.getByLabel('Email').fill(buyer.email);
    await page.getByRole('button', { name: /^Reserve 2 tickets/ }).click();

    // Checkout: the hold's countdown and the test card.
    await expect(page).toHaveURL(/\/checkout\/[0-9a-f-]{36}\?token=/);
    await expect(page.getByRole('timer')).toBeVisible();
    await expect(page.getByRole('timer')).toHaveAccessibleName(/^Time left to pay: 0[01]:\d\d$/);
    await expect(page.getByRole('heading', { level: 1, name: EVENT_TITLE })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Order summary' })).toBeVisible();
    await screenshotBothWidths(page, 'checkout', page.getByRole('timer'));
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByRole('button', { name: 'Pay €85.00' }).click();

    // The order page: two tickets, each with its QR code and short code.
    await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\?token=/);
    await expect(page.getByRole('heading', { name: `You're going to ${EVENT_TITLE}!` })).toBeVisible();
    const qrCodes = page.getByRole('img', { name: /^QR code of ticket .+, to scan at the door$/ });
    await expect(qrCodes).toHaveCount(2);
    for (const qr of await qrCodes.all()) {
      // A real, decoded image (an SVG data URL drawn in the browser), with its short code under it.
      await expect
        .poll(() => qr.evaluate((img) => (img as { naturalWidth?: number }).naturalWidth))
        .toBeGreaterThan(0);
      const code = /^QR code of ticket (\S+),/.exec((await qr.getAttribute('alt')) ?? '')?.[1];
      expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      await expect(page.getByText(code ?? '', { exact: true })).toBeVisible();
      shared.ticketCodes.push(code ?? '');
    }
    await expect(page.getByRole('article', { name: 'Ticket 1 of 2' })).toContainText(/Standard|VIP/);
    await expect(page.getByRole('link', { name: 'Download PDF' })).toHaveCount(2);
    await screenshotBothWidths(page, 'order', qrCodes.first());

    // The dashboard saw the sale without a reload: pushed over its WebSocket.
    await expect(sold).toContainText(/^Tickets sold\s*2/, { timeout: 15_000 });
    await expect(dashboard.getByTestId('feature-revenue')).toContainText('€85.00');
    expect(await dashboard.evaluate('window.e2eNotReloaded')).toBe(true);
    expect(frames.some((frame) => /"type":"stats"/.test(frame) && /"ticketsSold":2\b/.test(frame))).toBe(
      true,
    );
    await expect(dashboard.getByText(buyer.name).first()).toBeVisible();
    await screenshotBothWidths(dashboard, 'dashboard', sold);

    // The confirmation email is in the development mailbox.
    await expect(async () => {
      await page.goto('/dev/mailbox');
      await expect(page.getByRole('link', { name: `Your tickets for ${EVENT_TITLE}` })).toBeVisible({
        timeout: 1_000,
      });
    }).toPass({ timeout: 30_000 });
    const row = page.getByRole('row').filter({ hasText: `Your tickets for ${EVENT_TITLE}` });
    await expect(row).toContainText(buyer.email);

    // The email lists both ticket codes, and its link finds the order again.
    await row.getByRole('link').click();
    for (const code of shared.ticketCodes) await expect(page.getByText(code).first()).toBeVisible();
    // The email's button opens a new tab; follow its address here instead.
    const orderLink = await page.getByRole('link', { name: 'View your order' }).getAttribute('href');
    expect(orderLink).toMatch(/\/orders\/[0-9a-f-]{36}\?token=/);
    await page.goto(orderLink ?? '');
    await expect(page.getByRole('heading', { name: `You're going to ${EVENT_TITLE}!` })).toBeVisible();
    await expect(qrCodes).toHaveCount(2);
  } finally {
    await context.close();
  }
});

test('staff added on the Team page checks one ticket in by its code; a second attempt is refused', async ({
  browser,
}) => {
  const [firstCode] = shared.ticketCodes;
  if (!firstCode || !shared.eventId) throw new Error('the purchase test did not run');

  // The staff member signs up on their own first: their address is not confirmed yet.
  const { context, page } = await newPage(browser);
  try {
    await signUp(page, staff);
    const banner = page.getByRole('region', { name: 'Confirm your email' });
    await expect(banner).toContainText(`We sent a link to ${staff.email}`);

    // Adding them to the team only invites them: nobody joins without accepting.
    const dashboard = organizerPage();
    await dashboard.getByRole('link', { name: 'Team', exact: true }).click();
    await expect(dashboard.getByRole('heading', { name: 'Team', exact: true })).toBeVisible();
    const form = dashboard.getByRole('form', { name: 'Add a team member' });
    await form.getByLabel('Email').fill(staff.email);
    await expect(form.getByRole('combobox', { name: 'Role' })).toHaveValue('Staff');
    await form.getByRole('button', { name: 'Add to team' }).click();
    await expect(dashboard.getByText(`Invitation sent to ${staff.email} as Staff`)).toBeVisible();
    const pending = dashboard.getByRole('table', { name: 'Pending invitations' });
    await expect(pending.getByRole('row').filter({ hasText: staff.email })).toContainText('Staff');

    // The invitation asks for a confirmed address first; the confirmation email's link gives it.
    const invitationLink = await linkFromMailbox(
      page,
      staff.email,
      `Olivia Organizer invited you to join ${ORGANIZATION} on Z-Events`,
      'Accept the invitation',
    );
    await page.goto(invitationLink);
    await expect(page.getByText('Confirm your email to join')).toBeVisible();
    await page.goto(await linkFromMailbox(page, staff.email, VERIFICATION_SUBJECT, 'Confirm my email'));
    await expect(page.getByRole('heading', { name: 'Your email is confirmed' })).toBeVisible();
    await page.goto(invitationLink);
    await page.getByRole('button', { name: `Accept and join ${ORGANIZATION}` }).click();
    await expect(page).toHaveURL(/\/organizer/);
    await expect(page.getByRole('region', { name: 'Confirm your email' })).toBeHidden();

    await dashboard.reload();
    const member = dashboard.getByRole('row').filter({ hasText: staff.email });
    await expect(member).toContainText(staff.name);
    await expect(member).toContainText('Staff');

    // At the door, on the staff member's own session.
    await page.goto(`/door/${shared.eventId}`);
    await expect(page.getByRole('heading', { level: 1, name: EVENT_TITLE })).toBeVisible();
    await expect(page.getByRole('progressbar', { name: '0 of 2 checked in' })).toBeAttached();
    const result = page.getByTestId('scan-result');
    await expect(result).toContainText('Ready');
    const code = page.getByRole('textbox', { name: 'Ticket code' });

    await code.fill(firstCode);
    await page.getByRole('button', { name: 'Check in', exact: true }).click();
    await expect(result).toContainText('Welcome in');
    await expect(result).toContainText(buyer.name);
    await expect(result).toContainText(/Standard|VIP/);
    await expect(page.getByRole('progressbar', { name: '1 of 2 checked in' })).toBeAttached();
    await expect(code).toHaveValue('');

    // A mistaken scan is taken back at once (staff: their own, within a minute), then made again.
    await page.getByRole('button', { name: new RegExp(`^Undo the check-in of ${buyer.name}`) }).click();
    await expect(result).toContainText('Check-in undone');
    await expect(page.getByRole('progressbar', { name: '0 of 2 checked in' })).toBeAttached();
    await code.fill(firstCode);
    await page.getByRole('button', { name: 'Check in', exact: true }).click();
    await expect(result).toContainText('Welcome in');
    await expect(page.getByRole('progressbar', { name: '1 of 2 checked in' })).toBeAttached();

    await code.fill(firstCode.toLowerCase());
    await page.getByRole('button', { name: 'Check in', exact: true }).click();
    await expect(result).toContainText(/Already checked in at \d{1,2}:\d{2}/);
    await expect(result).toContainText('This ticket was used before.');
    await expect(result).toContainText(buyer.name);
    await expect(page.getByRole('progressbar', { name: '1 of 2 checked in' })).toBeAttached();
    await screenshotBothWidths(page, 'door', result);
  } finally {
    await context.close();
  }
});

test('a newcomer invited by email signs up from the link, joins as admin, and the organizer sees it', async ({
  browser,
}) => {
  const newcomer = newAccount('newcomer', 'Nia Newcomer');
  const dashboard = organizerPage();
  await dashboard.getByRole('link', { name: 'Team', exact: true }).click();
  const form = dashboard.getByRole('form', { name: 'Add a team member' });
  await form.getByLabel('Email').fill(newcomer.email);
  await form.getByRole('combobox', { name: 'Role' }).click();
  await dashboard.getByRole('option', { name: 'Admin' }).click();
  await form.getByRole('button', { name: 'Add to team' }).click();
  await expect(dashboard.getByText(`Invitation sent to ${newcomer.email} as Admin`)).toBeVisible();
  const pending = dashboard.getByRole('table', { name: 'Pending invitations' });
  await expect(pending.getByRole('row').filter({ hasText: newcomer.email })).toContainText('Admin');

  const { context, page } = await newPage(browser);
  try {
    // The invitation email, and the link in it.
    const acceptLink = await linkFromMailbox(
      page,
      newcomer.email,
      `Olivia Organizer invited you to join ${ORGANIZATION} on Z-Events`,
      'Accept the invitation',
    );
    expect(acceptLink).toMatch(/\/invitations\/[\w-]+$/);
    await page.goto(acceptLink);

    // No account yet: sign up with the invited address filled in, come back, accept. The link came
    // to that mailbox, so the new account needs no separate confirmation.
    await expect(page.getByRole('heading', { level: 1 })).toContainText(ORGANIZATION);
    await page.getByRole('link', { name: 'Create your account to accept' }).click();
    await expect(page.getByLabel('Email')).toHaveValue(newcomer.email);
    await page.getByLabel('Your name').fill(newcomer.name);
    await page.getByRole('textbox', { name: 'Password' }).fill(newcomer.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('button', { name: `Accept and join ${ORGANIZATION}` }).click();
    await expect(page).toHaveURL(/\/organizer/);
    await expect(page.getByRole('heading', { name: 'Events', exact: true })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Confirm your email' })).toBeHidden();

    // The organizer's team page: a member now, no longer pending.
    await dashboard.reload();
    const member = dashboard.getByRole('row').filter({ hasText: newcomer.email });
    await expect(member).toContainText(newcomer.name);
    await expect(member).toContainText('Admin');
    await expect(dashboard.getByRole('table', { name: 'Pending invitations' })).toBeHidden();
    await screenshotBothWidths(dashboard, 'team', member);
  } finally {
    await context.close();
  }
});

test('a declined card keeps the hold; when the hold runs out the checkout says so', async ({ browser }) => {
  // The only test that waits for a hold to expire (HOLD_MINUTES=1 on the test server).
  test.setTimeout(150_000);
  if (!shared.eventUrl) throw new Error('the purchase test did not run');
  const dashboard = organizerPage();
  await dashboard.goto(`/organizer/events/${shared.eventId}`);
  const sold = dashboard.getByTestId('feature-sold');
  await expect(sold).toContainText(/^Tickets sold\s*2/);
  await expect(sold).toContainText('None on hold');
  await expect(dashboard.getByTestId('feature-checkedIn')).toContainText(/^Checked in\s*1/);

  const { context, page } = await newPage(browser);
  try {
    await page.goto(shared.eventUrl);
    await page.getByRole('button', { name: 'Add one Standard ticket' }).click();
    await page.getByLabel('Full name').fill('Dan Declined');
    await page.getByLabel('Email').fill(`declined-${RUN_ID}@e2e.example.com`);
    await page.getByRole('button', { name: /^Reserve 1 ticket/ }).click();
    await expect(page).toHaveURL(/\/checkout\//);
    await expect(page.getByRole('timer')).toBeVisible();

    await page.getByRole('button', { name: 'Use declined card' }).click();
    await expect(page.getByLabel('Card number')).toHaveValue('4000 0000 0000 0002');
    await page.getByRole('button', { name: 'Pay €25.00' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Card declined' });
    await expect(alert).toContainText(
      'Your card was declined. Your tickets are still held — try another card.',
    );
    await expect(page.getByText('This card was declined')).toBeVisible();

    // The hold stays: the countdown goes on, Pay is still there, and the organizer sees it held.
    await expect(page.getByText('Your tickets are held')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Pay €25.00' })).toBeEnabled();
    await expect(sold).toContainText('1 on hold in checkouts');
    await screenshotBothWidths(page, 'checkout-declined', alert);

    // Then the minute runs out (no payment): the checkout turns into the "expired" message.
    const expired = page.getByRole('alert').filter({ hasText: 'Your hold expired' });
    await expect(expired).toBeVisible({ timeout: 90_000 });
    await expect(expired).toContainText('you were not charged');
    await expect(page.getByRole('button', { name: /^Pay / })).toBeHidden();
    await expect(expired.getByRole('link', { name: 'Back to the event' })).toBeVisible();
    await screenshotBothWidths(page, 'checkout-expired', expired);

    // The server agrees: the tickets went back on sale, and a reload still shows the expiry.
    await expect(sold).toContainText('None on hold', { timeout: 15_000 });
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Your hold expired' })).toBeVisible();
  } finally {
    await context.close();
  }
});

test('the organizer cancels the event: it answers at once and the dashboard follows the refunds to the end', async () => {
  if (!shared.eventId) throw new Error('the organizer test did not run');
  const dashboard = organizerPage();
  await dashboard.goto(`/organizer/events/${shared.eventId}/edit`);
  await dashboard.getByRole('button', { name: 'Cancel event' }).click();
  const dialog = dashboard.getByRole('dialog', { name: 'Cancel this event?' });
  await dialog.getByLabel('Type "cancel" to confirm').fill('cancel');
  await dialog.getByRole('button', { name: 'Cancel and refund' }).click();
  await expect(dialog).toBeHidden();

  // Bea's paid order is refunded by the worker in the background; the dashboard polls until it is.
  await dashboard.goto(`/organizer/events/${shared.eventId}`);
  const progress = dashboard.getByTestId('refund-progress');
  await expect(progress).toContainText('The paid order is refunded', { timeout: 30_000 });
  await expect(progress.getByRole('progressbar', { name: 'The paid order is refunded' })).toBeVisible();
  await screenshotBothWidths(dashboard, 'event-cancelled', progress);
});

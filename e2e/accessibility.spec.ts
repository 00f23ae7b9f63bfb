import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { linkFromMailbox, RUN_ID, VERIFICATION_SUBJECT } from './support/helpers';

/**
 * Every main page checked with axe-core (WCAG 2.1 A and AA rules: names and labels, contrast, landmarks,
 * ARIA use) in Chromium, once loaded and settled. The demo organizer's event is the subject, so the
 * organizer pages show real figures, lists and charts.
 */

const DEMO = { email: 'demo@z-events.local', password: 'demo-organizer-2026' };
const EVENT_TITLE = 'Nightfall Jazz Festival';

interface Finding {
  page: string;
  rule: string;
  impact: string;
  help: string;
  /** Where it failed and why (axe's summary names the colours and the ratio for contrast). */
  nodes: Array<{ target: string; html: string; why: string }>;
}

const BEST_PRACTICE_RULES = ['landmark-one-main', 'empty-table-header'];

/** A ticket's short code as printed under its QR code. */
const TICKET_CODE = /^[0-9A-Z]{4}-[0-9A-Z]{4}$/;

async function audit(page: Page, name: string, findings: Finding[]): Promise<void> {
  // Entrance animations and lazy chunks first: axe reads colours as painted.
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(400);
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  // Best practices the platform holds to as well: a page without a main landmark, or a table header
  // without text (an actions column), went unnoticed by the WCAG rules alone.
  const practices = await new AxeBuilder({ page }).withRules(BEST_PRACTICE_RULES).analyze();
  for (const violation of [...result.violations, ...practices.violations])
    findings.push({
      page: name,
      rule: violation.id,
      impact: violation.impact ?? 'unknown',
      help: violation.help,
      nodes: violation.nodes.slice(0, 5).map((node) => ({
        target: node.target.join(' '),
        html: node.html.slice(0, 160),
        why: (node.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240),
      })),
    });
}

test('the main pages pass axe-core WCAG 2.1 AA checks', async ({ page, request }) => {
  // Two axe passes over a dozen pages: 1.8-1.9 min on the 2-core CI machine, too close to 2.
  test.setTimeout(240_000);
  const findings: Finding[] = [];
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  const events = (await (await request.get('/api/public/events')).json()) as {
    items: Array<{ id: string; title: string }>;
  };
  const eventId = events.items.find((event) => event.title === EVENT_TITLE)?.id;
  expect(eventId).toBeTruthy();

  // Attendee pages.
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Upcoming events' })).toBeVisible();
  await audit(page, 'home', findings);

  await page.goto(`/events/${eventId}`);
  await expect(page.getByRole('heading', { level: 1, name: EVENT_TITLE })).toBeVisible();
  await audit(page, 'event', findings);

  await page.getByRole('button', { name: 'Add one Early bird ticket' }).click();
  await page.getByLabel('Full name').fill('Axe Buyer');
  await page.getByLabel('Email').fill(`axe-${RUN_ID}@e2e.example.com`);
  await page.getByRole('button', { name: /^Reserve 1 ticket/ }).click();
  await expect(page.getByRole('timer')).toBeVisible();
  await audit(page, 'checkout', findings);

  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page.getByRole('heading', { name: `You're going to ${EVENT_TITLE}!` })).toBeVisible();
  await audit(page, 'order', findings);
  const orderUrl = page.url();
  const orderId = new URL(orderUrl).pathname.split('/').at(-1) ?? '';
  const ticketCode = (await page.getByText(TICKET_CODE).first().textContent()) ?? '';

  await page.goto('/signup');
  await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
  await audit(page, 'signup', findings);

  // Organizer pages, as the demo organizer.
  await page.goto('/login');
  await audit(page, 'login', findings);
  await page.getByLabel('Email').fill(DEMO.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(DEMO.password);
  await page.getByRole('button', { name: /^Log in/ }).click();
  await expect(page).toHaveURL(/\/organizer/);
  await expect(page.getByRole('heading', { name: 'Events', exact: true })).toBeVisible();
  await audit(page, 'organizer events', findings);

  for (const [name, path, ready] of [
    ['dashboard', `/organizer/events/${eventId}`, 'Tickets sold'],
    ['editor', `/organizer/events/${eventId}/edit`, 'Ticket types'],
    ['orders', `/organizer/events/${eventId}/orders`, 'Axe Buyer'],
    ['attendees', `/organizer/events/${eventId}/attendees`, 'Axe Buyer'],
    ['order desk', `/organizer/events/${eventId}/orders/${orderId}`, 'Timeline'],
    ['questions', `/organizer/events/${eventId}/edit?tab=questions`, 'Checkout questions'],
    ['team', '/organizer/team', DEMO.email],
  ] as const) {
    await page.goto(path);
    await expect(page.getByText(ready).first(), pageErrors.join('\n')).toBeVisible();
    await audit(page, name, findings);
  }

  await page.goto(`/door/${eventId}`);
  await expect(page.getByText(EVENT_TITLE).first()).toBeVisible();
  await audit(page, 'door', findings);
  await page.getByRole('textbox', { name: 'Ticket code' }).fill(ticketCode);
  await page.getByRole('button', { name: 'Check in', exact: true }).click();
  await expect(page.getByRole('button', { name: /^Undo the check-in of Axe Buyer/ })).toBeVisible();
  await audit(page, 'door after a check-in', findings);

  // A refunded order, as its buyer and its organizer see it (the red badges).
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === 'zevents_csrf')?.value ?? '';
  const refund = await page.request.post(`/api/orders/${orderId}/refund`, {
    headers: { 'X-CSRF-Token': decodeURIComponent(csrf) },
    data: {},
  });
  expect(refund.status(), await refund.text()).toBe(200);
  await page.goto(`/organizer/events/${eventId}/orders`);
  await expect(page.getByText('Refunded').first()).toBeVisible();
  await audit(page, 'orders with a refund', findings);
  await page.goto(orderUrl);
  await expect(page.getByText('Refunded', { exact: true }).first()).toBeVisible();
  await audit(page, 'order refunded', findings);

  // An invitation (with a pending row on the team page), then its page as the invitee sees it.
  const invitee = `axe-invitee-${RUN_ID}@e2e.example.com`;
  await page.goto('/organizer/team');
  const form = page.getByRole('form', { name: 'Add a team member' });
  await form.getByLabel('Email').fill(invitee);
  await form.getByRole('button', { name: 'Add to team' }).click();
  await expect(page.getByRole('table', { name: 'Pending invitations' })).toContainText(invitee);
  await audit(page, 'team with a pending invitation', findings);
  await page.context().clearCookies();
  await expect(async () => {
    await page.goto('/dev/mailbox');
    await page
      .getByRole('row')
      .filter({ hasText: invitee })
      .getByRole('link')
      .first()
      .click({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  const acceptLink = await page.getByRole('link', { name: 'Accept the invitation' }).getAttribute('href');
  await page.goto(acceptLink ?? '');
  await expect(page.getByRole('link', { name: 'Create your account to accept' })).toBeVisible();
  await audit(page, 'invitation', findings);

  // A new account: the reminder to confirm the address, then the confirmation page in each state.
  const newcomer = `axe-newcomer-${RUN_ID}@e2e.example.com`;
  await page.goto('/signup');
  await page.getByLabel('Your name').fill('Axe Newcomer');
  await page.getByLabel('Email').fill(newcomer);
  await page.getByRole('textbox', { name: 'Password' }).fill(`Correct-horse-${RUN_ID}`);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('region', { name: 'Confirm your email' })).toBeVisible();
  await audit(page, 'confirm-your-email banner', findings);
  await page.goto(`/verify-email?token=${'x'.repeat(43)}`);
  await expect(page.getByRole('heading', { name: 'This link does not work' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send me a new link' })).toBeVisible();
  await audit(page, 'verify email (broken link)', findings);
  await page.goto(await linkFromMailbox(page, newcomer, VERIFICATION_SUBJECT, 'Confirm my email'));
  await expect(page.getByRole('heading', { name: 'Your email is confirmed' })).toBeVisible();
  await audit(page, 'verify email', findings);

  expect(pageErrors).toEqual([]);
  if (findings.length > 0) console.log(JSON.stringify(findings, null, 2));
  expect(findings, 'axe-core findings (details above)').toEqual([]);
});

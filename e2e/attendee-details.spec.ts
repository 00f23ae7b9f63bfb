import { expect, test } from '@playwright/test';
import { apiCall, newAccount, RUN_ID, screenshotBothWidths, signUp } from './support/helpers';

/**
 * Checkout questions end to end: the organizer asks a name per ticket and a diet question, a buyer
 * answers for each attendee between hold and payment (refused until everything required is there),
 * the tickets carry the names, and the attendee export has the answers as columns.
 */
test.describe.configure({ mode: 'serial' });

const organizer = newAccount('questions', 'Quinn Questions');
// Event titles must not contain RUN_ID: ticketing.spec.ts searches the storefront for it and expects
// only its own event.
const TITLE_ID = `q${Math.random().toString(36).slice(2, 8)}`;
const EVENT_TITLE = `Supper Club ${TITLE_ID}`;

test('questions set up by the organizer are answered per attendee and land in the CSV', async ({
  browser,
}) => {
  const organizerContext = await browser.newContext();
  const page = await organizerContext.newPage();
  await signUp(page, organizer);
  const org = await apiCall<{ id: string }>(page, 'POST', '/api/organizations', { name: `Supper ${RUN_ID}` });
  const startsAt = new Date(Date.now() + 20 * 86_400_000);
  const event = await apiCall<{ id: string }>(page, 'POST', `/api/organizations/${org.id}/events`, {
    title: EVENT_TITLE,
    venue: 'The Long Table, Harbour City',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 4 * 3_600_000).toISOString(),
    timezone: 'Europe/Paris',
    currency: 'EUR',
  });
  await apiCall(page, 'POST', `/api/events/${event.id}/ticket-types`, {
    name: 'Seat',
    priceCents: 4000,
    capacity: 40,
  });
  await apiCall(page, 'POST', `/api/events/${event.id}/publish`);

  // The organizer asks a name on every ticket and a required diet question per ticket.
  await page.goto(`/organizer/events/${event.id}/edit?tab=questions`);
  // Saved at once (the switch follows the server's answer).
  const names = page.getByRole('switch', { name: 'Ask a name for every ticket' });
  await names.click();
  await expect(names).toBeChecked();
  await expect(page.getByText('Attendee names asked')).toBeVisible();
  await page.getByRole('button', { name: 'New question' }).click();
  const dialog = page.getByRole('dialog', { name: 'New question' });
  await dialog.getByRole('textbox', { name: 'Question', exact: true }).fill('Diet');
  await dialog.getByRole('combobox', { name: 'Answer' }).click();
  await page.getByRole('option', { name: 'One choice' }).click();
  const choices = dialog.getByRole('combobox', { name: 'Choices' });
  for (const choice of ['None', 'Vegetarian', 'Vegan']) {
    await choices.fill(choice);
    await choices.press('Enter');
  }
  await dialog.getByRole('switch', { name: 'Required' }).click();
  await expect(dialog.getByRole('switch', { name: 'Required' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Add question' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('table', { name: 'Checkout questions' })).toContainText('Diet');
  await screenshotBothWidths(
    page,
    'questions-editor',
    page.getByRole('table', { name: 'Checkout questions' }),
  );

  // A buyer reserves two seats and is asked for both attendees before paying.
  const buyerContext = await browser.newContext();
  const buyer = await buyerContext.newPage();
  await buyer.goto(`/events/${event.id}`);
  await buyer.getByRole('button', { name: 'Add one Seat ticket' }).click();
  await buyer.getByRole('button', { name: 'Add one Seat ticket' }).click();
  await buyer.getByLabel('Full name').fill('Ada Lovelace');
  await buyer.getByLabel('Email').fill(`ada-${RUN_ID}@e2e.example.com`);
  await buyer.getByRole('button', { name: /^Reserve 2 tickets/ }).click();
  await expect(buyer).toHaveURL(/\/checkout\/[0-9a-f-]{36}\?token=/);
  const details = buyer.getByRole('region', { name: 'Your details' });
  await expect(details).toBeVisible();
  await expect(buyer.getByText('Fill in your details above first.')).toBeVisible();
  const second = buyer.getByRole('region', { name: /Ticket 2/ });
  // Nothing given for the second attendee: the form says what is missing and does not move on.
  await buyer
    .getByRole('region', { name: /Ticket 1/ })
    .getByRole('combobox', { name: 'Diet' })
    .click();
  await buyer.getByRole('option', { name: 'Vegan' }).click();
  await details.getByRole('button', { name: 'Save and continue' }).click();
  await expect(second.getByText('Required').first()).toBeVisible();
  await second.getByLabel('Attendee name').fill('Charles Babbage');
  await second.getByRole('combobox', { name: 'Diet' }).click();
  await buyer.getByRole('option', { name: 'Vegetarian' }).click();
  await screenshotBothWidths(buyer, 'checkout-details', second);
  await details.getByRole('button', { name: 'Save and continue' }).click();
  await expect(details.getByText('Tickets for Ada Lovelace, Charles Babbage.')).toBeVisible();
  await buyer.getByLabel('Card number').fill('4242 4242 4242 4242');
  await buyer.getByRole('button', { name: 'Pay €80.00' }).click();
  await expect(buyer).toHaveURL(/\/orders\/[0-9a-f-]{36}\?token=/);
  await expect(buyer.getByText('Charles Babbage').first()).toBeVisible();
  await expect(buyer.getByText('Ada Lovelace').first()).toBeVisible();
  const orderUrl = new URL(buyer.url());
  const orderId = orderUrl.pathname.split('/').pop() ?? '';
  const paidOrder = (await (
    await buyer.request.get(`/api/orders/${orderId}?token=${orderUrl.searchParams.get('token') ?? ''}`)
  ).json()) as { tickets: Array<{ id: string; qr: string; code: string; attendeeName: string }> };
  const charles = paidOrder.tickets.find((ticket) => ticket.attendeeName === 'Charles Babbage');
  if (!charles) throw new Error('no ticket for Charles');

  // The answers are columns of the attendee export.
  const csv = await page.request.get(`/api/events/${event.id}/attendees.csv`);
  expect(csv.ok()).toBe(true);
  const lines = (await csv.text())
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]?.endsWith(',attendee_email,payment_method,Diet')).toBe(true);
  expect(lines.find((line) => line.includes('Charles Babbage'))?.endsWith(',Vegetarian')).toBe(true);
  expect(
    lines
      .find((line) => line.startsWith(',') === false && line.includes(',Ada Lovelace,'))
      ?.endsWith(',Vegan'),
  ).toBe(true);

  // The organizer transfers Charles's ticket from the order desk to Grace; its old QR is refused at the door.
  await page.goto(`/organizer/events/${event.id}/orders`);
  await page.getByRole('link', { name: 'Ada Lovelace' }).click();
  await expect(page.getByRole('heading', { name: 'Timeline' })).toBeVisible();
  await page.getByRole('button', { name: `Transfer ticket ${charles.code}` }).click();
  const transfer = page.getByRole('dialog', { name: 'Transfer this ticket' });
  await transfer.getByLabel('Their name').fill('Grace Hopper');
  await transfer.getByLabel('Their email').fill(`grace-${RUN_ID}@e2e.example.com`);
  await transfer.getByRole('button', { name: 'Transfer ticket' }).click();
  await expect(transfer).toBeHidden();
  await expect(page.getByRole('table', { name: 'Tickets of this order' })).toContainText('Grace Hopper');
  await expect(page.getByText(/Ticket transferred to Grace Hopper/)).toBeVisible();
  await screenshotBothWidths(page, 'order-desk', page.getByRole('heading', { name: 'Timeline' }));

  await page.goto(`/door/${event.id}`);
  const result = page.getByTestId('scan-result');
  await expect(result).toContainText('Ready');
  await page.getByRole('textbox', { name: 'Ticket code' }).fill(charles.qr);
  await page.getByRole('button', { name: 'Check in', exact: true }).click();
  await expect(result).toContainText('Ticket not found');
  await buyerContext.close();
  await organizerContext.close();
});

test('a message to the attendees arrives in their mailbox', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const sender = newAccount('messages', 'Mona Messages');
  await signUp(page, sender);
  const org = await apiCall<{ id: string }>(page, 'POST', '/api/organizations', { name: `Mona ${RUN_ID}` });
  const startsAt = new Date(Date.now() + 10 * 86_400_000);
  const event = await apiCall<{ id: string }>(page, 'POST', `/api/organizations/${org.id}/events`, {
    title: `Open Air ${TITLE_ID}`,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
    timezone: 'Europe/Paris',
    currency: 'EUR',
  });
  const type = await apiCall<{ id: string }>(page, 'POST', `/api/events/${event.id}/ticket-types`, {
    name: 'Free',
    priceCents: 0,
    capacity: 10,
  });
  await apiCall(page, 'POST', `/api/events/${event.id}/publish`);
  const attendee = `listener-${RUN_ID}@e2e.example.com`;
  await apiCall(page, 'POST', '/api/orders', {
    eventId: event.id,
    items: [{ ticketTypeId: type.id, quantity: 1 }],
    buyer: { name: 'Lena Listener', email: attendee },
  });

  await page.goto(`/organizer/events/${event.id}/edit?tab=messages`);
  const form = page.getByRole('form', { name: 'Message to attendees' });
  await form.getByLabel('Subject').fill(`Rain plan ${RUN_ID}`);
  await form.getByLabel('Message').fill('Bring a **raincoat**: we play whatever the weather.');
  await form.getByRole('button', { name: 'Send message' }).click();
  await expect(page.getByText('Sending to 1 attendee')).toBeVisible();
  // The progress follows the delivery until it is done.
  await expect(page.getByText('1 of 1 delivered')).toBeVisible({ timeout: 30_000 });
  await screenshotBothWidths(page, 'messages', page.getByText('1 of 1 delivered'));

  await expect(async () => {
    await page.goto('/dev/mailbox');
    await page
      .getByRole('row')
      .filter({ hasText: attendee })
      .getByRole('link', { name: `Rain plan ${RUN_ID}` })
      .click({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByText('raincoat').first()).toBeVisible();
  await context.close();
});

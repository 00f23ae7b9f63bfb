import { expect, type Locator, type Page, test } from '@playwright/test';
import { expectNoAxeFindings } from './support/axe';
import { addRate } from './support/billing';
import { apiCall, DESKTOP, newAccount, PHONE, RUN_ID, screenshotBothWidths, signUp } from './support/helpers';

/**
 * The organizer's billing settings end to end: a fresh organizer opens /organizer/billing from the
 * sidebar, adds VAT 19% (included in prices) and a sales tax of 7.25% (added on top), is refused a
 * rate with three decimals, edits the sales tax, retires the VAT and brings it back, deletes the
 * sales tax after confirming, fills in and saves the billing profile (its invoice number preview
 * following the prefix), and finds all of it kept after a reload. Once a ticket taxed with the VAT is
 * sold, the VAT's percentage is locked and deleting it offers to retire it instead. The page is
 * checked with axe-core at desktop and phone width, and photographed at both.
 */
const organizer = newAccount('billing', 'Bea Billing');
const YEAR = new Date().getFullYear();

const rowOf = (table: Locator, name: string) => table.getByRole('row').filter({ hasText: name });

/** A published event whose one ticket type carries `taxRateId`, with a cash order: the rate is now in use. */
async function sellTicketTaxedWith(page: Page, organizationId: string, taxRateId: string) {
  const startsAt = new Date(Date.now() + 30 * 86_400_000);
  startsAt.setUTCHours(19, 0, 0, 0);
  const event = await apiCall<{ id: string }>(page, 'POST', `/api/organizations/${organizationId}/events`, {
    // Not RUN_ID in the title: ticketing.spec.ts searches the storefront for it and expects its own event.
    title: `Old Hall Evening ${Math.random().toString(36).slice(2, 8)}`,
    venue: 'The Old Hall',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
    timezone: 'Europe/Berlin',
    currency: 'EUR',
  });
  const ticketType = await apiCall<{ id: string }>(page, 'POST', `/api/events/${event.id}/ticket-types`, {
    name: 'Standing',
    priceCents: 2500,
    capacity: 40,
    taxRateId,
  });
  await apiCall(page, 'POST', `/api/events/${event.id}/publish`);
  await apiCall(page, 'POST', `/api/events/${event.id}/orders`, {
    items: [{ ticketTypeId: ticketType.id, quantity: 1 }],
    buyer: { name: 'Cash Buyer', email: `cash-${RUN_ID}@e2e.example.com` },
    paymentMethod: 'cash',
    sendEmail: false,
  });
}

test('an organizer sets up tax rates and the billing profile, and both are kept', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  await signUp(page, organizer);
  const org = await apiCall<{ id: string }>(page, 'POST', '/api/organizations', {
    name: `Northern Festivals ${RUN_ID}`,
  });

  // From the sidebar.
  await page.goto('/organizer');
  await page.getByRole('navigation', { name: 'Organizer' }).getByRole('link', { name: 'Billing' }).click();
  await expect(page).toHaveURL(/\/organizer\/billing$/);
  const heading = page.getByRole('heading', { level: 1, name: 'Billing' });
  await expect(heading).toBeVisible();
  await expect(page.getByText('No tax rates yet')).toBeVisible();

  // Two rates: one included in prices, one added on top.
  const rates = page.getByRole('table', { name: 'Tax rates' });
  await addRate(page, { name: 'VAT 19%', percent: '19', mode: 'Included in price' });
  await expect(rowOf(rates, 'VAT 19%')).toContainText('19%');
  await expect(rowOf(rates, 'VAT 19%')).toContainText('Included in price');
  await expect(rowOf(rates, 'VAT 19%')).toContainText('Active');
  await addRate(page, { name: 'Sales tax 7.25%', percent: '7.25', mode: 'Added on top' });
  await expect(rowOf(rates, 'Sales tax 7.25%').getByRole('cell').nth(1)).toHaveText('7.25%');
  await expect(rowOf(rates, 'Sales tax 7.25%')).toContainText('Added on top');

  // Three decimals are refused before anything is sent.
  const addForm = page.getByRole('form', { name: 'Add a tax rate' });
  await addForm.getByRole('textbox', { name: 'Name', exact: true }).fill('Too precise');
  await addForm.getByRole('textbox', { name: 'Rate', exact: true }).fill('19.999');
  await addForm.getByRole('button', { name: 'Add rate' }).click();
  await expect(addForm.getByText('At most two decimals, e.g. 7.25')).toBeVisible();
  await expect(rowOf(rates, 'Too precise')).toHaveCount(0);
  await addForm.getByRole('textbox', { name: 'Name', exact: true }).fill('');
  await addForm.getByRole('textbox', { name: 'Rate', exact: true }).fill('');

  // Edit the sales tax in its dialog.
  await rates.getByRole('button', { name: 'Edit Sales tax 7.25%' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit Sales tax 7.25%' });
  await expect(dialog.getByRole('textbox', { name: 'Rate', exact: true })).toHaveValue('7.25');
  await expect(dialog.getByRole('radio', { name: 'Added on top' })).toBeChecked();
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Sales tax 7.5%');
  await dialog.getByRole('textbox', { name: 'Rate', exact: true }).fill('7.5');
  await dialog.getByRole('button', { name: 'Save rate' }).click();
  await expect(dialog).toBeHidden();
  await expect(rowOf(rates, 'Sales tax 7.5%').getByRole('cell').nth(1)).toHaveText('7.5%');

  // Retire the VAT, then bring it back.
  await rates.getByRole('button', { name: 'Retire VAT 19%' }).click();
  await expect(rowOf(rates, 'VAT 19%')).toContainText('Retired');
  await rates.getByRole('button', { name: 'Bring back VAT 19%' }).click();
  await expect(rowOf(rates, 'VAT 19%')).toContainText('Active');

  // Delete the sales tax, after confirming (no order used it: it goes for good).
  await rates.getByRole('button', { name: 'Delete Sales tax 7.5%' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete Sales tax 7.5%?' });
  await expect(confirm).toContainText('deleted for good');
  await confirm.getByRole('button', { name: 'Delete rate' }).click();
  await expect(confirm).toBeHidden();
  await expect(rowOf(rates, 'Sales tax')).toHaveCount(0);

  // The billing profile, its invoice number following the prefix as it is typed.
  const profile = page.getByRole('form', { name: 'Billing profile' });
  await profile.getByRole('textbox', { name: 'Legal name', exact: true }).fill('Northern Festivals GmbH');
  await profile
    .getByRole('textbox', { name: 'Address', exact: true })
    .fill('Hafenstraße 12\n20457 Hamburg\nGermany');
  await profile.getByRole('textbox', { name: 'Tax id', exact: true }).fill('DE123456789');
  await profile.getByRole('textbox', { name: 'Invoice prefix', exact: true }).fill('nf');
  await expect(profile.getByRole('textbox', { name: 'Invoice prefix', exact: true })).toHaveValue('NF');
  await expect(profile.getByText(`NF-${YEAR}-000123`)).toBeVisible();
  // The browser's zone is offered for the business year, rather than the API's UTC.
  await expect(profile.getByLabel('Time zone')).toHaveValue(/^Europe\/Paris/);
  await profile
    .getByRole('textbox', { name: 'Footer', exact: true })
    .fill('IBAN DE89 3704 0044 0532 0130 00');
  await profile.getByRole('button', { name: 'Save billing profile' }).click();
  await expect(profile.getByRole('status')).toHaveText('Saved. New invoices use these details.');

  // Everything kept through a reload.
  await page.reload();
  await expect(rowOf(rates, 'VAT 19%')).toContainText('Active');
  await expect(rowOf(rates, 'Sales tax')).toHaveCount(0);
  await expect(profile.getByRole('textbox', { name: 'Legal name', exact: true })).toHaveValue(
    'Northern Festivals GmbH',
  );
  await expect(profile.getByRole('textbox', { name: 'Address', exact: true })).toHaveValue(
    'Hafenstraße 12\n20457 Hamburg\nGermany',
  );
  await expect(profile.getByRole('textbox', { name: 'Tax id', exact: true })).toHaveValue('DE123456789');
  await expect(profile.getByRole('textbox', { name: 'Invoice prefix', exact: true })).toHaveValue('NF');
  await expect(profile.getByRole('textbox', { name: 'Footer', exact: true })).toHaveValue(
    'IBAN DE89 3704 0044 0532 0130 00',
  );
  await expect(profile.getByText(`NF-${YEAR}-000123`)).toBeVisible();
  await expect(profile.getByLabel('Time zone')).toHaveValue(/^Europe\/Paris/);

  // Once a ticket sold with the VAT, its money is locked and deleting it retires it instead.
  const { items } = await apiCall<{ items: Array<{ id: string; name: string }> }>(
    page,
    'GET',
    `/api/organizations/${org.id}/tax-rates`,
  );
  const vat = items.find((rate) => rate.name === 'VAT 19%');
  if (!vat) throw new Error('VAT 19% was not kept');
  await sellTicketTaxedWith(page, org.id, vat.id);
  await page.reload();
  await expect(rowOf(rates, 'VAT 19%')).toContainText('In use');
  await rates.getByRole('button', { name: 'Edit VAT 19%' }).click();
  const lockedDialog = page.getByRole('dialog', { name: 'Edit VAT 19%' });
  await expect(lockedDialog.getByRole('textbox', { name: 'Rate', exact: true })).toBeDisabled();
  await expect(lockedDialog.getByRole('radio', { name: 'Added on top' })).toBeDisabled();
  await expect(lockedDialog).toContainText('Orders were priced with it: retire it and add a new rate');
  await lockedDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(lockedDialog).toBeHidden();
  await rates.getByRole('button', { name: 'Delete VAT 19%' }).click();
  const retireInstead = page.getByRole('dialog', { name: 'Retire VAT 19% instead?' });
  await expect(retireInstead).toContainText('cannot be deleted');
  await retireInstead.getByRole('button', { name: 'Keep as is' }).click();
  await expect(retireInstead).toBeHidden();

  // A second rate, so the pictures show both kinds.
  await addRate(page, { name: 'Sales tax 7.25%', percent: '7.25', mode: 'Added on top' });
  await expect(rowOf(rates, 'Sales tax 7.25%')).toBeVisible();

  await expectNoAxeFindings(page, 'the billing settings (desktop)');
  await screenshotBothWidths(page, 'billing-settings', heading, testInfo);

  // On a phone: one card per rate instead of the table.
  await page.setViewportSize(PHONE);
  await expect(rates).toBeHidden();
  const vatCard = page.getByRole('listitem').filter({ hasText: 'VAT 19%' });
  await expect(vatCard).toContainText('19% · Included in price');
  await expect(vatCard.getByRole('button', { name: 'Retire VAT 19%' })).toBeVisible();
  await expectNoAxeFindings(page, 'the billing settings (phone)');

  // The edit dialog on a phone, photographed too.
  await vatCard.getByRole('button', { name: 'Edit VAT 19%' }).click();
  const phoneDialog = page.getByRole('dialog', { name: 'Edit VAT 19%' });
  await expect(phoneDialog.getByRole('button', { name: 'Save rate' })).toBeVisible();
  // The dialog fades in: a shot taken at once catches it half transparent.
  await page.waitForTimeout(400);
  await page.screenshot({ path: testInfo.outputPath('billing-settings-edit-phone.png') });
  await phoneDialog.getByRole('button', { name: 'Cancel' }).click();
  await page.setViewportSize(DESKTOP);

  expect(pageErrors).toEqual([]);
});

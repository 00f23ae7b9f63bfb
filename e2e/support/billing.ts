import { expect, type Page } from '@playwright/test';

/** Adds a tax rate with the Billing page's form and waits until it is saved. */
export async function addRate(
  page: Page,
  rate: { name: string; percent: string; mode: 'Included in price' | 'Added on top' },
): Promise<void> {
  const form = page.getByRole('form', { name: 'Add a tax rate' });
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill(rate.name);
  await form.getByRole('textbox', { name: 'Rate', exact: true }).fill(rate.percent);
  await form.getByRole('radio', { name: rate.mode }).check();
  await form.getByRole('button', { name: 'Add rate' }).click();
  // The form empties once the rate is saved, ready for the next one.
  await expect(form.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('');
}

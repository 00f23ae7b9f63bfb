import { expect, test } from '@playwright/test';

test('the platform answers in a real browser: home, API reference, public events', async ({
  page,
  request,
}) => {
  await page.goto('/');
  await expect(page.locator('body')).toContainText('Z-Events');

  await page.goto('/api/docs/');
  await expect(page.locator('.swagger-ui').first()).toBeVisible();
  await expect(page.getByText('Z-Events API').first()).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: 'test-results/screenshots/api-docs.png', fullPage: false });

  const events = await request.get('/api/public/events');
  expect(events.status()).toBe(200);
  const body = (await events.json()) as { items: Array<{ title: string }> };
  expect(body.items.map((e) => e.title)).toContain('Nightfall Jazz Festival');
});

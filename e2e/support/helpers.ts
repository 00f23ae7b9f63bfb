import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import { copyFileSync, mkdirSync } from 'node:fs';

export const SCREENSHOT_DIR = 'test-results/screenshots';

export const DESKTOP = { width: 1280, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;

/** A suffix that keeps accounts and events of one run apart from any other run on the same server. */
export const RUN_ID = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;

/** Waits until the browser has painted the current layout (two animation frames). */
async function settle(page: Page): Promise<void> {
  // A string, not a function: the tests' TypeScript has no DOM types.
  await page.evaluate(
    'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))',
  );
}

/**
 * Full-page screenshots of the page as it is, at desktop and at phone width (same page, resized and
 * restored), as `<name>-desktop.png` and `<name>-phone.png`. `ready` is what must be on screen at
 * each width before the shot (the layout changes between them).
 *
 * The viewport is stretched to the page's height for the shot: a plain full-page capture keeps the
 * viewport's height, so the fixed background gradient and the fixed organizer sidebar would stop
 * short, and cards below the fold would be caught mid-way through their scroll-driven reveal.
 */
/**
 * Full-page screenshots at desktop and phone width into SCREENSHOT_DIR, and, given the test's info,
 * into its output too (the artifacts a reviewer opens).
 */
export async function screenshotBothWidths(
  page: Page,
  name: string,
  ready?: Locator,
  testInfo?: TestInfo,
): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize() ?? DESKTOP;
  for (const [width, size] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(size);
    if (ready) await expect(ready).toBeVisible();
    await settle(page);
    const height = await page.evaluate<number>('document.documentElement.scrollHeight');
    if (height > size.height)
      await page.setViewportSize({ width: size.width, height: Math.min(height, 6000) });
    await settle(page);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-${width}.png`, fullPage: true });
    if (testInfo)
      copyFileSync(`${SCREENSHOT_DIR}/${name}-${width}.png`, testInfo.outputPath(`${name}-${width}.png`));
  }
  await page.setViewportSize(original);
  await settle(page);
}

export interface Account {
  name: string;
  email: string;
  password: string;
}

export function newAccount(role: string, name: string): Account {
  return {
    name,
    email: `${role}-${RUN_ID}@e2e.example.com`,
    password: `Correct-horse-${RUN_ID}`,
  };
}

/** Signs up through the form; the new account is logged in and lands on /organizer. */
export async function signUp(page: Page, account: Account): Promise<void> {
  await page.goto('/signup');
  await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
  await page.getByLabel('Your name').fill(account.name);
  await page.getByLabel('Email').fill(account.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(account.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/organizer/);
}

/**
 * Picks a date (the day only; the picker keeps its default time, midnight) in a Mantine
 * DateTimePicker: opens it from the field (a button named by its label), steps the calendar to the
 * month with its named arrows, clicks the day and confirms with the ✓ button ("Confirm date and time").
 */
export async function pickDate(page: Page, label: string, date: Date): Promise<void> {
  await page.getByRole('button', { name: label, exact: true }).click();
  const dropdown = page.locator('.mantine-Popover-dropdown').filter({ has: page.locator('table') });
  await expect(dropdown).toBeVisible();
  const month = date.toLocaleString('en-US', { month: 'long', year: 'numeric' });
  const header = dropdown.locator('.mantine-DateTimePicker-calendarHeaderLevel');
  for (let step = 0; step < 24 && (await header.innerText()).trim() !== month; step += 1) {
    const shown = Date.parse(`1 ${(await header.innerText()).trim()}`);
    // By their accessible names (the theme names every picker's controls).
    await dropdown
      .getByRole('button', { name: shown < date.getTime() ? 'Next month' : 'Previous month' })
      .click();
  }
  await expect(header).toHaveText(month);
  await dropdown
    .locator('table button:not([data-outside])')
    .getByText(String(date.getDate()), { exact: true })
    .click();
  await dropdown.getByRole('button', { name: 'Confirm date and time' }).click();
  await expect(dropdown).toBeHidden();
}

/** A date `days` from today at noon (local time), for event dates that are always in the future. */
export function daysFromNow(days: number): Date {
  const date = new Date();
  date.setHours(12, 0, 0, 0);
  date.setDate(date.getDate() + days);
  return date;
}

/**
 * Opens the latest email with `subject` to `recipient` in the development mailbox (waiting for the
 * worker to send it) and returns the address of its link named `linkName`.
 */
export async function linkFromMailbox(
  page: Page,
  recipient: string,
  subject: string,
  linkName: string,
): Promise<string> {
  await expect(async () => {
    await page.goto('/dev/mailbox');
    await page
      .getByRole('row')
      .filter({ hasText: recipient })
      .getByRole('link', { name: subject })
      .first()
      .click({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  const href = await page.getByRole('link', { name: linkName }).first().getAttribute('href');
  if (!href) throw new Error(`no "${linkName}" link in "${subject}" to ${recipient}`);
  return href;
}

export const VERIFICATION_SUBJECT = 'Confirm your email address for Z-Events';

/** A JSON call with the page's session, echoing the CSRF cookie as the web app does. */
export async function apiCall<T>(
  page: Page,
  method: 'POST' | 'GET' | 'PUT' | 'PATCH',
  path: string,
  body?: unknown,
): Promise<T> {
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === 'zevents_csrf')?.value ?? '';
  const response = await page.request.fetch(path, {
    method,
    headers: { 'X-CSRF-Token': csrf },
    ...(body === undefined ? {} : { data: body }),
  });
  expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

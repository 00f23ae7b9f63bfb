import type mjml2htmlType from 'mjml';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderEmailVerification } from './email-verification.email';

// The template is fixed MJML with escaped text, so any validation warning is a bug.
const mjmlWarnings = vi.hoisted((): string[] => []);
vi.mock('mjml', async (importOriginal) => {
  const actual = await importOriginal<{ default: typeof mjml2htmlType }>();
  return {
    default: async (...args: Parameters<typeof mjml2htmlType>) => {
      const result = await actual.default(...args);
      mjmlWarnings.push(...result.errors.map((error) => error.formattedMessage));
      return result;
    },
  };
});

afterEach(() => {
  expect(mjmlWarnings).toEqual([]);
  mjmlWarnings.length = 0;
});

describe('renderEmailVerification', () => {
  it('has the link in both parts, the address, the expiry in UTC, and escapes the name', async () => {
    const verifyUrl = 'https://tickets.example.com/verify-email?token=AbC_123-xyz';
    const email = await renderEmailVerification({
      name: 'Ada <b>Lovelace</b>',
      email: 'ada@example.com',
      expiresAt: new Date('2027-03-14T19:30:00Z'),
      verifyUrl,
    });
    expect(email.subject).toBe('Confirm your email address for Z-Events');
    expect(email.text).toContain(verifyUrl);
    expect(email.html).toContain(verifyUrl);
    expect(email.text).toContain('ada@example.com');
    expect(email.text).toContain('Sunday, 14 March 2027 at 19:30 UTC');
    expect(email.html).toContain('Ada &lt;b&gt;Lovelace&lt;/b&gt;');
    expect(email.html).not.toContain('<b>Lovelace</b>');
  });
});

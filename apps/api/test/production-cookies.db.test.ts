import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp, TEST_CONFIG } from './harness';

/** In production every cookie the API sets is Secure (HTTPS only), HttpOnly where scripts need not read it. */
describe('cookies in production', () => {
  const production = buildTestApp({ config: { ...TEST_CONFIG, isProduction: true } });
  const development = buildTestApp();

  const signup = (app: typeof production.app) =>
    request(app)
      .post('/api/auth/signup')
      .send({
        email: `cookie-${randomUUID()}@example.test`,
        password: 'long enough password',
        name: 'Cookie',
      });

  it('marks the session and CSRF cookies Secure in production', async () => {
    const res = await signup(production.app);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    expect(cookies.length).toBeGreaterThanOrEqual(2);
    for (const cookie of cookies) {
      expect(cookie, cookie).toMatch(/;\s*Secure/i);
      expect(cookie, cookie).toMatch(/;\s*SameSite=(Lax|Strict)/i);
    }
    const session = cookies.find((cookie) => !cookie.startsWith('zevents_csrf'));
    expect(session).toMatch(/;\s*HttpOnly/i);
  });

  it('leaves Secure off in development (plain http://localhost)', async () => {
    const res = await signup(development.app);
    expect(res.status).toBe(201);
    for (const cookie of ([] as string[]).concat(res.headers['set-cookie'] ?? []))
      expect(cookie).not.toMatch(/;\s*Secure/i);
  });
});

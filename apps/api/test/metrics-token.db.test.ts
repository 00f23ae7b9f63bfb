import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp, TEST_CONFIG } from './harness';

/**
 * Issue #10 (11): /metrics tells order counts and queue depths. In production it needs the bearer
 * token METRICS_TOKEN (401 for a missing or wrong one) and does not exist without the setting (404).
 * Outside production it stays open unless a token is set, and then the token is required there too.
 */

const TOKEN = 'metrics-token-0123456789abcdef';
const production = buildTestApp({ config: { ...TEST_CONFIG, isProduction: true, metricsToken: TOKEN } }).app;
const productionWithoutToken = buildTestApp({ config: { ...TEST_CONFIG, isProduction: true } }).app;
const development = buildTestApp().app;
const developmentWithToken = buildTestApp({ config: { ...TEST_CONFIG, metricsToken: TOKEN } }).app;

function expectProblem(res: request.Response, status: number, code: string): void {
  expect(res.status, res.text.slice(0, 200)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code });
  expect(res.text).not.toContain('zevents_');
}

describe('GET /metrics in production', () => {
  it('serves the metrics to the bearer of METRICS_TOKEN', async () => {
    const res = await request(production).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toContain('zevents_orders');
    // The scheme is case-insensitive (RFC 9110).
    expect((await request(production).get('/metrics').set('Authorization', `bearer ${TOKEN}`)).status).toBe(
      200,
    );
  });

  it.each([
    ['no Authorization header', undefined],
    ['a wrong token', 'Bearer metrics-token-0123456789abcdeX'],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, -1)}`],
    ['the token and more', `Bearer ${TOKEN}x`],
    ['an empty bearer', 'Bearer '],
    ['the token without the scheme', TOKEN],
    ['the token as Basic credentials', `Basic ${Buffer.from(`metrics:${TOKEN}`).toString('base64')}`],
  ])('answers 401 UNAUTHENTICATED for %s', async (_name, authorization) => {
    const req = request(production).get('/metrics');
    const res = await (authorization === undefined ? req : req.set('Authorization', authorization));
    expectProblem(res, 401, 'UNAUTHENTICATED');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('does not take the token from the query string or a cookie', async () => {
    expectProblem(await request(production).get(`/metrics?token=${TOKEN}`), 401, 'UNAUTHENTICATED');
    expectProblem(
      await request(production).get('/metrics').set('Cookie', `metrics=${TOKEN}`),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('answers 404 when METRICS_TOKEN is not set, whatever is sent', async () => {
    expectProblem(await request(productionWithoutToken).get('/metrics'), 404, 'NOT_FOUND');
    expectProblem(
      await request(productionWithoutToken)
        .get('/metrics')
        .set('Authorization', 'Bearer anything-at-all-123'),
      404,
      'NOT_FOUND',
    );
  });
});

describe('GET /metrics outside production', () => {
  it('is open without METRICS_TOKEN', async () => {
    expect((await request(development).get('/metrics')).status).toBe(200);
  });

  it('requires the token once METRICS_TOKEN is set', async () => {
    expectProblem(await request(developmentWithToken).get('/metrics'), 401, 'UNAUTHENTICATED');
    const res = await request(developmentWithToken).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
  });
});

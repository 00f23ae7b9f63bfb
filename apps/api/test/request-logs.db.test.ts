import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from './harness';

/** Request logs name the URL, but never the secrets some URLs carry (order and invitation tokens). */

const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(chunk.toString('utf8'));
    done();
  },
});
const { app } = buildTestApp({ logger: pino({ level: 'info' }, sink) });

describe('request logs', () => {
  it('leave out order access tokens and invitation tokens', async () => {
    const orderId = randomUUID();
    await request(app).get(`/api/orders/${orderId}?token=order-s3cret`);
    await request(app).get(`/api/orders/${orderId}/tickets/${randomUUID()}.pdf?token=pdf-s3cret`);
    await request(app).get('/api/invitations/invitation-s3cret');
    await request(app).post('/api/invitations/invitation-s3cret/accept').send({});
    await new Promise((resolve) => setImmediate(resolve));
    const logged = lines.join('');
    expect(logged).toContain(`/api/orders/${orderId}?token=[redacted]`);
    expect(logged).toContain('/api/invitations/[redacted]');
    expect(logged).not.toContain('s3cret');
  });
});

const quiet: string[] = [];
const quietSink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    quiet.push(chunk.toString('utf8'));
    done();
  },
});
const { app: quietApp } = buildTestApp({ logger: pino({ level: 'error' }, quietSink) });

describe('request log lines', () => {
  it('carry the request id, method, URL, status and time, one line per request', async () => {
    const res = await request(app).get('/api/nope').set('X-Request-Id', 'log-line-1');
    expect(res.status).toBe(404);
    await new Promise((resolve) => setImmediate(resolve));
    const line = lines
      .map((l) => JSON.parse(l) as { req?: { id?: string }; msg?: string })
      .filter((l) => l.req?.id === 'log-line-1');
    expect(line).toHaveLength(1);
    expect(line[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { id: 'log-line-1', method: 'GET', url: '/api/nope' },
      res: { statusCode: 404 },
      responseTime: expect.any(Number),
    });
  });

  it('write nothing for a request the log level leaves out', async () => {
    const res = await request(quietApp).get('/api/nope');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((resolve) => setImmediate(resolve));
    expect(quiet.join('')).toBe('');
  });
});

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

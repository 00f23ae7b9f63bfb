import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  constructWebhookEvent,
  signWebhookPayload,
  verifyWebhookSignature,
  WebhookSignatureError,
  type WebhookSignatureErrorCode,
} from './webhook-signature';

const SECRET = 'whsec_test_4f9c2a7b1e8d3c6a5b0f9e8d7c6b5a49';
const OTHER_SECRET = 'whsec_test_rotated_0a1b2c3d4e5f60718293a4b5c6d7';
const NOW = new Date('2025-06-01T12:00:00Z');
const T = Math.floor(NOW.getTime() / 1000);
const BODY = JSON.stringify({
  id: 'evt_01',
  type: 'order.paid',
  created: T,
  data: { orderId: '7d4f2c1e-0000-4000-8000-000000000001', totalCents: 4_000, currency: 'EUR' },
});

/** Written out from the scheme itself (not through the code under test): HMAC-SHA256 of `${t}.${body}`. */
const hmacHex = (secret: string, t: number, body: string) =>
  createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');

function expectRejected(run: () => unknown, code: WebhookSignatureErrorCode): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(WebhookSignatureError);
  expect((caught as WebhookSignatureError).code).toBe(code);
}

describe('verifyWebhookSignature', () => {
  it('accepts a body signed with the secret, as a string or as the raw bytes', () => {
    const header = `t=${T},v1=${hmacHex(SECRET, T, BODY)}`;
    expect(verifyWebhookSignature({ payload: BODY, header, secret: SECRET, now: NOW })).toEqual({
      timestamp: T,
    });
    expect(() =>
      verifyWebhookSignature({ payload: Buffer.from(BODY), header, secret: SECRET, now: NOW }),
    ).not.toThrow();
  });

  it('rejects a tampered body, even one that parses to the same JSON', () => {
    const header = `t=${T},v1=${hmacHex(SECRET, T, BODY)}`;
    const tampered = BODY.replace('4000', '1');
    expectRejected(
      () => verifyWebhookSignature({ payload: tampered, header, secret: SECRET, now: NOW }),
      'SIGNATURE_MISMATCH',
    );
    const reserialized = JSON.stringify(JSON.parse(BODY), null, 2);
    expectRejected(
      () => verifyWebhookSignature({ payload: reserialized, header, secret: SECRET, now: NOW }),
      'SIGNATURE_MISMATCH',
    );
  });

  it('rejects a signature made with another secret', () => {
    const header = `t=${T},v1=${hmacHex(OTHER_SECRET, T, BODY)}`;
    expectRejected(
      () => verifyWebhookSignature({ payload: BODY, header, secret: SECRET, now: NOW }),
      'SIGNATURE_MISMATCH',
    );
  });

  it('rejects a timestamp moved without re-signing (the timestamp is signed too)', () => {
    const header = `t=${T + 1},v1=${hmacHex(SECRET, T, BODY)}`;
    expectRejected(
      () => verifyWebhookSignature({ payload: BODY, header, secret: SECRET, now: NOW }),
      'SIGNATURE_MISMATCH',
    );
  });

  it('rejects a genuine signature older or newer than the tolerance, and accepts one at its edge', () => {
    const signedAt = (t: number) => `t=${t},v1=${hmacHex(SECRET, t, BODY)}`;
    expectRejected(
      () => verifyWebhookSignature({ payload: BODY, header: signedAt(T - 301), secret: SECRET, now: NOW }),
      'TIMESTAMP_OUT_OF_TOLERANCE',
    );
    expectRejected(
      () => verifyWebhookSignature({ payload: BODY, header: signedAt(T + 301), secret: SECRET, now: NOW }),
      'TIMESTAMP_OUT_OF_TOLERANCE',
    );
    expect(() =>
      verifyWebhookSignature({ payload: BODY, header: signedAt(T - 300), secret: SECRET, now: NOW }),
    ).not.toThrow();
    const hourOld = signedAt(T - 3_600);
    expectRejected(
      () => verifyWebhookSignature({ payload: BODY, header: hourOld, secret: SECRET, now: NOW }),
      'TIMESTAMP_OUT_OF_TOLERANCE',
    );
    expect(() =>
      verifyWebhookSignature({
        payload: BODY,
        header: hourOld,
        secret: SECRET,
        now: NOW,
        toleranceSeconds: 7_200,
      }),
    ).not.toThrow();
  });

  it('accepts any one of several v1 signatures (secret rotation), in any order, and skips unknown schemes', () => {
    const header = `t=${T}, v1=${hmacHex(OTHER_SECRET, T, BODY)}, v0=deadbeef, v1=${hmacHex(SECRET, T, BODY)}`;
    expect(() => verifyWebhookSignature({ payload: BODY, header, secret: SECRET, now: NOW })).not.toThrow();
    expect(() =>
      verifyWebhookSignature({ payload: BODY, header, secret: OTHER_SECRET, now: NOW }),
    ).not.toThrow();
    expectRejected(
      () => verifyWebhookSignature({ payload: BODY, header, secret: 'whsec_third', now: NOW }),
      'SIGNATURE_MISMATCH',
    );
  });

  it('rejects a missing or malformed header', () => {
    const v1 = hmacHex(SECRET, T, BODY);
    expectRejected(
      () => verifyWebhookSignature({ payload: BODY, header: undefined, secret: SECRET, now: NOW }),
      'MISSING_HEADER',
    );
    expectRejected(
      () => verifyWebhookSignature({ payload: BODY, header: '', secret: SECRET, now: NOW }),
      'MISSING_HEADER',
    );
    for (const header of [
      v1,
      `v1=${v1}`,
      `t=${T}`,
      `t=${T},t=${T},v1=${v1}`,
      `t=soon,v1=${v1}`,
      `t=${T}.5,v1=${v1}`,
      `t=-${T},v1=${v1}`,
      `t=${T},v1=${v1},`,
      `t=${T};v1=${v1}`,
    ])
      expectRejected(
        () => verifyWebhookSignature({ payload: BODY, header, secret: SECRET, now: NOW }),
        'MALFORMED_HEADER',
      );
  });

  it('treats a v1 that is not 64 hex digits as not matching (never a thrown Buffer error)', () => {
    const v1 = hmacHex(SECRET, T, BODY);
    for (const bad of [v1.slice(0, 62), `${v1}00`, `${v1.slice(0, 63)}g`, ''])
      expectRejected(
        () => verifyWebhookSignature({ payload: BODY, header: `t=${T},v1=${bad}`, secret: SECRET, now: NOW }),
        'SIGNATURE_MISMATCH',
      );
  });

  it('accepts an upper-case hex signature', () => {
    const header = `t=${T},v1=${hmacHex(SECRET, T, BODY).toUpperCase()}`;
    expect(() => verifyWebhookSignature({ payload: BODY, header, secret: SECRET, now: NOW })).not.toThrow();
  });
});

describe('constructWebhookEvent', () => {
  it('returns the parsed event once the signature holds', () => {
    const header = signWebhookPayload({ payload: BODY, secret: SECRET, timestamp: NOW });
    expect(header).toBe(`t=${T},v1=${hmacHex(SECRET, T, BODY)}`);
    const event = constructWebhookEvent<{ orderId: string; totalCents: number }>({
      payload: Buffer.from(BODY),
      header,
      secret: SECRET,
      now: NOW,
    });
    expect(event).toEqual({
      id: 'evt_01',
      type: 'order.paid',
      created: T,
      data: { orderId: '7d4f2c1e-0000-4000-8000-000000000001', totalCents: 4_000, currency: 'EUR' },
    });
    expect(event.data.totalCents).toBe(4_000);
  });

  it('never parses a body whose signature fails', () => {
    const header = `t=${T},v1=${hmacHex(OTHER_SECRET, T, BODY)}`;
    expectRejected(
      () => constructWebhookEvent({ payload: BODY, header, secret: SECRET, now: NOW }),
      'SIGNATURE_MISMATCH',
    );
  });

  it('rejects a signed body that is not a webhook event', () => {
    for (const payload of [
      'not json',
      '[]',
      JSON.stringify({ id: 'evt_02', type: 'x', created: '1', data: {} }),
    ]) {
      const header = signWebhookPayload({ payload, secret: SECRET, timestamp: NOW });
      expectRejected(
        () => constructWebhookEvent({ payload, header, secret: SECRET, now: NOW }),
        'INVALID_PAYLOAD',
      );
    }
  });
});

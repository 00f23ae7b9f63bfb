import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { parse, v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { generateTicketCode } from './ticket-codes';
import { createTicketSigner, TICKET_QR_PREFIX } from './ticket-qr';

const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const signer = createTicketSigner('test-secret-for-ticket-qr');

function sampleClaims() {
  return { ticketId: uuidv7(), eventId: uuidv4() };
}

function randomString(length: number, alphabet: string): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

function randomUnicode(length: number): string {
  // Any UTF-16 code unit, lone surrogates included: scanners and HTTP clients can send anything.
  return String.fromCharCode(...Array.from({ length }, () => randomInt(0x10000)));
}

describe('ticket QR signer', () => {
  it('round-trips ticket and event ids', () => {
    for (let i = 0; i < 50; i++) {
      const claims = sampleClaims();
      expect(signer.verify(signer.sign(claims))).toEqual(claims);
    }
  });

  it('produces a short, versioned, URL-safe string', () => {
    const qr = signer.sign(sampleClaims());
    expect(qr.startsWith(TICKET_QR_PREFIX)).toBe(true);
    expect(qr).toMatch(/^ZE1\.[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{22}$/);
  });

  it('is deterministic and returns ids in lower case', () => {
    const claims = sampleClaims();
    const upper = { ticketId: claims.ticketId.toUpperCase(), eventId: claims.eventId.toUpperCase() };
    expect(signer.sign(upper)).toBe(signer.sign(claims));
    expect(signer.verify(signer.sign(upper))).toEqual(claims);
  });

  it('rejects every single-character change anywhere in the string', () => {
    const qr = signer.sign(sampleClaims());
    const replacements = `${BASE64URL_ALPHABET}.=+/ `;
    let tried = 0;
    for (let index = 0; index < qr.length; index++) {
      for (const replacement of replacements) {
        if (replacement === qr[index]) continue;
        const altered = qr.slice(0, index) + replacement + qr.slice(index + 1);
        expect(signer.verify(altered), `position ${index} -> ${replacement}`).toBeUndefined();
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(qr.length * 60);
  });

  it('rejects a swapped ticket and event, and a signature moved to another ticket', () => {
    const claims = sampleClaims();
    const qr = signer.sign(claims);
    const swapped = signer.sign({ ticketId: claims.eventId, eventId: claims.ticketId });
    expect(signer.verify(`${swapped.slice(0, 48)}${qr.slice(48)}`)).toBeUndefined();
    const other = signer.sign(sampleClaims());
    expect(signer.verify(`${other.slice(0, 48)}${qr.slice(48)}`)).toBeUndefined();
  });

  it('rejects a code signed with another secret', () => {
    const other = createTicketSigner('another-secret');
    const claims = sampleClaims();
    expect(other.verify(signer.sign(claims))).toBeUndefined();
    expect(signer.verify(other.sign(claims))).toBeUndefined();
  });

  it('derives its key instead of using the secret directly', () => {
    // An HMAC keyed with the raw secret would verify; the HKDF-derived key must not.
    const claims = sampleClaims();
    const payload = Buffer.concat([parse(claims.ticketId), parse(claims.eventId)]);
    const rawMac = createHmac('sha256', 'test-secret-for-ticket-qr')
      .update(TICKET_QR_PREFIX)
      .update(payload)
      .digest()
      .subarray(0, 16);
    const forged = `${TICKET_QR_PREFIX}${payload.toString('base64url')}.${rawMac.toString('base64url')}`;
    expect(signer.verify(forged)).toBeUndefined();
  });

  it('rejects malformed input quickly and without throwing', () => {
    const qr = signer.sign(sampleClaims());
    const garbage = [
      '',
      'ZE1.',
      'ZE1..',
      'ze1' + qr.slice(3),
      'ZE2' + qr.slice(3),
      `${qr}=`,
      ` ${qr}`,
      `${qr}\n`,
      qr.replace(/\.(?=[^.]*$)/, '..'),
      qr.slice(0, -1),
      `${qr.slice(0, 47)}=${qr.slice(48)}`,
      `${TICKET_QR_PREFIX}${'A'.repeat(43)}.${'A'.repeat(22)}`,
      `${TICKET_QR_PREFIX}${'é'.repeat(43)}.${'A'.repeat(22)}`,
      `${TICKET_QR_PREFIX}${'🎟'.repeat(22)}.${'A'.repeat(21)}`,
      'x'.repeat(10_000),
      `${TICKET_QR_PREFIX}${randomBytes(7_500).toString('base64url')}`,
      '🎫'.repeat(5_000),
      '\u0000'.repeat(70),
      '\uD800'.repeat(70),
    ];
    const started = performance.now();
    for (let round = 0; round < 100; round++) {
      for (const input of garbage) expect(signer.verify(input)).toBeUndefined();
    }
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('never throws on 1,000 random strings', () => {
    for (let i = 0; i < 1_000; i++) {
      const inputs = [
        randomUnicode(randomInt(0, 200)),
        // Right prefix and length, so these reach the decoding and the MAC comparison.
        `${TICKET_QR_PREFIX}${randomString(43, BASE64URL_ALPHABET)}.${randomString(22, BASE64URL_ALPHABET)}`,
        `${TICKET_QR_PREFIX}${randomUnicode(66)}`,
      ];
      for (const input of inputs) expect(() => signer.verify(input)).not.toThrow();
      for (const input of inputs) expect(signer.verify(input)).toBeUndefined();
    }
  });

  it('refuses to sign ids that are not UUIDs, and an empty secret', () => {
    expect(() => signer.sign({ ticketId: 'not-a-uuid', eventId: uuidv4() })).toThrow();
    expect(() => signer.sign({ ticketId: uuidv4(), eventId: '' })).toThrow();
    expect(() => createTicketSigner('')).toThrow();
  });
});

describe('ticket QR bound to the short code', () => {
  const code = () => generateTicketCode();

  it('round-trips ids and code, and is a different, versioned string', () => {
    for (let i = 0; i < 200; i++) {
      const claims = { ...sampleClaims(), code: code() };
      const qr = signer.sign(claims);
      expect(qr).toMatch(/^ZE1\.[A-Za-z0-9_-]{50}\.[A-Za-z0-9_-]{22}$/);
      expect(signer.verify(qr)).toEqual(claims);
    }
  });

  it('changes with the code, and no edit of a character passes', () => {
    const claims = { ...sampleClaims(), code: code() };
    const qr = signer.sign(claims);
    expect(signer.sign({ ...claims, code: code() })).not.toBe(qr);
    for (let i = 4; i < qr.length; i++) {
      const swapped = qr[i] === 'A' ? 'B' : 'A';
      expect(signer.verify(`${qr.slice(0, i)}${swapped}${qr.slice(i + 1)}`)).toBeUndefined();
    }
    // Its MAC is not the short form's: cut to the ids alone, it does not verify.
    const [payload, mac] = qr.slice(4).split('.');
    const idsOnly = Buffer.from(payload ?? '', 'base64url')
      .subarray(0, 32)
      .toString('base64url');
    expect(signer.verify(`ZE1.${idsOnly}.${mac ?? ''}`)).toBeUndefined();
  });

  it('refuses a code that is not canonical (a caller bug)', () => {
    expect(() => signer.sign({ ...sampleClaims(), code: 'abcd-efgh' })).toThrow();
  });
});

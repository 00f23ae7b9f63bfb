import { describe, expect, it } from 'vitest';
import {
  admissionTimeOf,
  admittedThrough,
  figuresOf,
  provisionalPosition,
  DRAW_KEY_RANGE,
} from './admission';
import { browserHashOf, createPassSigner, newBrowserSecret } from './waiting-room-pass';

const EVENT = '0b7c3c9e-8d8e-4a43-9b8f-3f0f6f4b7d11';
const OTHER_EVENT = 'f4f7a3d2-1c2b-4c55-8d1e-2a9b3c4d5e6f';
const TOKEN = 'AbCdEfGhIjKlMnOpQrStUv';
const now = new Date('2030-01-01T10:00:00Z');

describe('waiting-room passes', () => {
  const signer = createPassSigner('test-secret-test-secret-test-secret-0123456789');
  const browser = newBrowserSecret();
  const pass = signer.sign({
    eventId: EVENT,
    queueToken: TOKEN,
    expiresAt: new Date(now.getTime() + 60_000),
    browserHash: browserHashOf(browser) ?? '',
  });

  it('admits the browser it was issued to, for its event, until it expires', () => {
    expect(signer.isValid(pass, EVENT, browser, now)).toBe(true);
    expect(signer.isValid(pass, EVENT.toUpperCase(), browser, now)).toBe(true);
    expect(signer.isValid(pass, EVENT, browser, new Date(now.getTime() + 60_000))).toBe(false);
    expect(signer.isValid(pass, OTHER_EVENT, browser, now)).toBe(false);
    expect(signer.isValid(pass, EVENT, newBrowserSecret(), now)).toBe(false);
    expect(signer.isValid(pass, EVENT, undefined, now)).toBe(false);
  });

  it('refuses forged, altered and malformed passes, and those of another server key', () => {
    const other = createPassSigner('another-secret-another-secret-another-secret');
    const foreign = other.sign({
      eventId: EVENT,
      queueToken: TOKEN,
      expiresAt: new Date(now.getTime() + 60_000),
      browserHash: browserHashOf(browser) ?? '',
    });
    const [token, expiry, mac] = pass.split('.');
    for (const bad of [
      foreign,
      `${token}.${expiry}.${mac?.slice(1)}A`,
      `${token}.${(parseInt(expiry ?? '', 36) + 1).toString(36)}.${mac}`,
      `BbCdEfGhIjKlMnOpQrStUv.${expiry}.${mac}`,
      `${pass}.`,
      '',
      '..',
      'x'.repeat(500),
      42,
      undefined,
    ])
      expect(signer.isValid(bad, EVENT, browser, now)).toBe(false);
  });
});

describe('lazy admission', () => {
  const opened = new Date('2030-01-01T10:00:00Z');
  const at = (ms: number) => new Date(opened.getTime() + ms);

  it('admits place 1 at the opening, then admitPerMinute places a minute', () => {
    expect(admittedThrough(null, at(0), 60)).toBe(0);
    expect(admittedThrough(opened, at(-1), 60)).toBe(0);
    expect(admittedThrough(opened, at(0), 60)).toBe(1);
    expect(admittedThrough(opened, at(999), 60)).toBe(1);
    expect(admittedThrough(opened, at(1000), 60)).toBe(2);
    expect(admittedThrough(opened, at(60_000), 600)).toBe(601);
    for (const place of [1, 2, 17, 600, 601])
      expect(admittedThrough(opened, admissionTimeOf(place, opened, 600), 600)).toBeGreaterThanOrEqual(place);
  });

  it('estimates a provisional position from the draw key, at least 1', () => {
    expect(provisionalPosition(0, 100)).toBe(1);
    expect(provisionalPosition(DRAW_KEY_RANGE / 2, 100)).toBe(50);
    expect(provisionalPosition(DRAW_KEY_RANGE - 1, 100)).toBe(100);
  });

  it('counts the waiting above the admission line', () => {
    const row = { earlyCount: 10, visitorCount: 15, nextPlace: 16, openedAt: opened };
    expect(figuresOf(row, at(2000), 60, opened)).toMatchObject({
      queueLength: 12,
      admitted: 3,
      admittedThrough: 3,
    });
    expect(figuresOf(row, at(3_600_000), 60, opened)).toMatchObject({ queueLength: 0, admitted: 15 });
    expect(figuresOf(undefined, at(0), 60, null)).toMatchObject({ queueLength: 0, isDrawPending: true });
  });
});

import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fingerprintOf, isoInEventZone, type PassContent, passContentOf } from './pass-content';
import { passImages } from './pass-images';
import { applePassTokenOf, createPassTokens } from './pass-tokens';

const SECRET = 'a-test-secret-of-at-least-32-characters!';

const content = (overrides: Partial<PassContent> = {}): PassContent => ({
  ticketId: '11111111-1111-4111-8111-111111111111',
  eventId: '22222222-2222-4222-8222-222222222222',
  eventTitle: 'Night Jazz',
  venue: 'Parc',
  startsAt: new Date('2026-07-01T18:00:00Z'),
  endsAt: new Date('2026-07-01T22:00:00Z'),
  timezone: 'Europe/Paris',
  organizationName: 'Night Owls',
  ticketTypeName: 'GA',
  attendeeName: 'Ada',
  orderId: '33333333-3333-4333-8333-333333333333',
  code: 'AB12-CD34',
  qr: 'ZE1.payload.signature',
  isVoid: false,
  ...overrides,
});

describe('pass tokens', () => {
  it('are at least 16 characters, bound to the ticket and its code, and checked in constant time', () => {
    const tokens = createPassTokens(SECRET);
    const ticket = { id: content().ticketId, code: 'AB12-CD34' };
    const token = tokens.tokenFor(ticket);
    expect(token.length).toBeGreaterThanOrEqual(16);
    expect(tokens.isValid(ticket, token)).toBe(true);
    // A transfer gives the ticket a new code: the old pass's token no longer opens it.
    expect(tokens.isValid({ ...ticket, code: 'ZZ99-YY88' }, token)).toBe(false);
    expect(tokens.isValid(ticket, undefined)).toBe(false);
    expect(tokens.isValid(ticket, `${token}x`)).toBe(false);
    expect(createPassTokens(`${SECRET}-other`).isValid(ticket, token)).toBe(false);
  });

  it('are read from `Authorization: ApplePass <token>` only', () => {
    expect(applePassTokenOf('ApplePass abc123')).toBe('abc123');
    expect(applePassTokenOf('applepass  abc123')).toBe('abc123');
    expect(applePassTokenOf('Bearer abc123')).toBeUndefined();
    expect(applePassTokenOf('ApplePass')).toBeUndefined();
    expect(applePassTokenOf(undefined)).toBeUndefined();
  });
});

describe('pass content', () => {
  it('changes its fingerprint with anything the pass shows, and only then', () => {
    const base = fingerprintOf(content());
    expect(fingerprintOf(content())).toBe(base);
    expect(fingerprintOf(content({ startsAt: new Date('2026-07-02T18:00:00Z') }))).not.toBe(base);
    expect(fingerprintOf(content({ isVoid: true }))).not.toBe(base);
    expect(fingerprintOf(content({ attendeeName: 'Grace' }))).not.toBe(base);
  });

  it('is void for a void ticket or a cancelled event, and falls back to UTC for an unknown zone', () => {
    const ticket = { id: 't', code: 'c', qr: 'q', attendeeName: 'a', ticketTypeName: 'GA' };
    const event = {
      id: 'e',
      title: 'T',
      venue: null,
      startsAt: new Date(),
      endsAt: new Date(),
      timezone: 'Mars/Olympus_Mons',
      status: 'published' as const,
    };
    const of = (status: 'valid' | 'void', eventStatus: 'published' | 'cancelled') =>
      passContentOf({
        ticket: { ...ticket, status },
        event: { ...event, status: eventStatus },
        orderId: 'o',
        organizationName: 'Org',
      });
    expect(of('valid', 'published').isVoid).toBe(false);
    expect(of('void', 'published').isVoid).toBe(true);
    expect(of('valid', 'cancelled').isVoid).toBe(true);
    expect(of('valid', 'published').timezone).toBe('UTC');
  });

  it('writes instants with the event’s own offset', () => {
    expect(isoInEventZone(new Date('2026-07-01T18:00:00Z'), 'Europe/Paris')).toBe(
      '2026-07-01T20:00:00+02:00',
    );
    expect(isoInEventZone(new Date('2026-12-01T18:00:00Z'), 'America/New_York')).toBe(
      '2026-12-01T13:00:00-05:00',
    );
  });
});

describe('pass images', () => {
  it('are PNGs of Apple’s icon and logo sizes', () => {
    const images = passImages();
    const sizes: Record<string, number> = {
      'icon.png': 29,
      'icon@2x.png': 58,
      'icon@3x.png': 87,
      'logo.png': 50,
      'logo@2x.png': 100,
      'logo@3x.png': 150,
    };
    expect(Object.keys(images).sort()).toEqual(Object.keys(sizes).sort());
    for (const [name, size] of Object.entries(sizes)) {
      const png = images[name];
      if (!png) throw new Error(`no ${name}`);
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(png.toString('ascii', 12, 16)).toBe('IHDR');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
      // The pixel data inflates to one filter byte plus RGBA per pixel, per row.
      const dataLength = png.readUInt32BE(33);
      expect(png.toString('ascii', 37, 41)).toBe('IDAT');
      expect(inflateSync(png.subarray(41, 41 + dataLength)).length).toBe(size * (size * 4 + 1));
    }
  });
});

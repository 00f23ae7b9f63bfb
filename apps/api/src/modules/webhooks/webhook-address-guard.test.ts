import { describe, expect, it } from 'vitest';
import { assertLiteralAddressAllowed, isPublicAddress, WebhookAddressRefused } from './webhook-address-guard';
import { retryDelayMs } from './webhook-dispatcher';
import { signWebhookBody } from './webhook-signature';

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.9',
    '192.168.1.1',
    '169.254.169.254', // the cloud metadata service
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '2002:7f00:1::1', // 6to4 around 127.0.0.1
    'not an address',
  ])('refuses %s', (address) => expect(isPublicAddress(address)).toBe(false));

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:93.184.216.34'])(
    'accepts %s',
    (address) => expect(isPublicAddress(address)).toBe(true),
  );

  it('judges literal addresses in URLs, bracketed IPv6 included, unless private ones are allowed', () => {
    expect(() => assertLiteralAddressAllowed('127.0.0.1', false)).toThrow(WebhookAddressRefused);
    expect(() => assertLiteralAddressAllowed('[::1]', false)).toThrow(WebhookAddressRefused);
    expect(() => assertLiteralAddressAllowed('127.0.0.1', true)).not.toThrow();
    // A name is judged after resolution, at connect time.
    expect(() => assertLiteralAddressAllowed('localhost', false)).not.toThrow();
  });
});

describe('retryDelayMs', () => {
  it('grows from 2 s to every 6 h, with at most 10% jitter either way', () => {
    expect(retryDelayMs(1, () => 0.5)).toBe(2_000);
    expect(retryDelayMs(2, () => 0.5)).toBe(10_000);
    expect(retryDelayMs(3, () => 0.5)).toBe(30_000);
    expect(retryDelayMs(9, () => 0.5)).toBe(4 * 3_600_000);
    expect(retryDelayMs(10, () => 0.5)).toBe(6 * 3_600_000);
    expect(retryDelayMs(30, () => 0.5)).toBe(6 * 3_600_000);
    expect(retryDelayMs(1, () => 0)).toBe(1_800);
    expect(retryDelayMs(1, () => 1)).toBe(2_200);
  });
});

describe('signWebhookBody', () => {
  it('signs "t.body" with HMAC-SHA256 in the Stripe layout', () => {
    // Fixed vector: echo -n '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
    expect(signWebhookBody('whsec_test', '{"a":1}', new Date(1_700_000_000_900))).toBe(
      't=1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789',
    );
  });
});

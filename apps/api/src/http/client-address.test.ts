import { describe, expect, it } from 'vitest';
import { clientAddress, isLoopback, limitKeyOf, normalizeAddress } from './client-address';

describe('isLoopback', () => {
  it.each([
    '127.0.0.1',
    '127.255.3.4',
    '::1',
    '0:0:0:0:0:0:0:1',
    '::ffff:127.0.0.1',
    '::FFFF:127.9.9.9',
    '::ffff:7f00:1',
  ])('%s is loopback', (address) => {
    expect(isLoopback(address)).toBe(true);
  });

  it.each([
    '',
    'localhost',
    '128.0.0.1',
    '126.255.255.255',
    '10.0.0.1',
    '192.168.1.1',
    '203.0.113.9',
    '::2',
    '::',
    'fe80::1',
    '::ffff:10.0.0.1',
    '::ffff:203.0.113.9',
    '127.0.0.1, 203.0.113.9',
    ' 127.0.0.1',
    '127.0.0.1.evil.example',
  ])('%j is not loopback', (address) => {
    expect(isLoopback(address)).toBe(false);
  });
});

describe('clientAddress', () => {
  const socket = (remoteAddress: string | undefined) => ({ remoteAddress }) as never;

  it('is the address Express resolved (req.ip), in IPv4 form when it came over IPv6', () => {
    expect(clientAddress({ ip: '::ffff:203.0.113.9', socket: socket('::ffff:127.0.0.1') })).toBe(
      '203.0.113.9',
    );
    expect(clientAddress({ ip: '2001:DB8::1', socket: socket('::1') })).toBe('2001:db8::1');
  });

  it('falls back on the socket, and is empty when neither is known', () => {
    expect(clientAddress({ ip: undefined, socket: socket('::ffff:198.51.100.7') })).toBe('198.51.100.7');
    expect(clientAddress({ ip: undefined, socket: socket(undefined) })).toBe('');
  });

  it('leaves other addresses alone', () => {
    expect(normalizeAddress('198.51.100.7')).toBe('198.51.100.7');
    expect(normalizeAddress('::ffff:999.1.1.1')).toBe('::ffff:999.1.1.1');
  });
});

describe('limitKeyOf', () => {
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:DB8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['not-an-address', 'not-an-address'],
  ])('%s counts as %s', (address, key) => {
    expect(limitKeyOf(address)).toBe(key);
  });

  it('puts every address of one /64 under one key, and neighbouring /64s apart', () => {
    expect(limitKeyOf('2001:db8:a:b::1')).toBe(limitKeyOf('2001:db8:a:b:ffff:ffff:ffff:ffff'));
    expect(limitKeyOf('2001:db8:a:b::1')).not.toBe(limitKeyOf('2001:db8:a:c::1'));
  });
});

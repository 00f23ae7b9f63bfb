import { BlockList, isIP } from 'node:net';
import type { Request } from 'express';

/**
 * The address of the client that sent the request: Express's `req.ip`, which reads the socket, or
 * X-Forwarded-For only as far as the proxies named by TRUST_PROXY (`app.set('trust proxy', ...)`),
 * so a client cannot choose its own address by sending the header. IPv4 addresses seen through an
 * IPv6 socket (`::ffff:203.0.113.9`) come back in their IPv4 form, so one client is one key for
 * rate limits whichever way it connected. Empty when the socket is already gone.
 */
export function clientAddress(req: Pick<Request, 'ip' | 'socket'>): string {
  return normalizeAddress(req.ip ?? req.socket.remoteAddress ?? '');
}

const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

export function normalizeAddress(address: string): string {
  const mapped = IPV4_MAPPED.exec(address)?.[1];
  return mapped && isIP(mapped) === 4 ? mapped : address.toLowerCase();
}

// Node's BlockList compares parsed addresses, so every spelling of ::1 and the IPv4-mapped forms of
// 127.0.0.0/8 (`::ffff:127.0.0.1`, `::ffff:7f00:1`) match without string tricks.
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * True for this machine's own addresses only: 127.0.0.0/8, ::1 and their IPv4-mapped forms. Anything
 * else, including an empty or malformed value, is not loopback: the answer fails closed.
 */
export function isLoopback(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return LOOPBACK.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The key a per-client limit counts under: an IPv4 address as it is, an IPv6 address by its /64
 * (one subscriber usually holds a whole /64 and could otherwise rotate through it freely).
 */
export function limitKeyOf(address: string): string {
  if (isIP(address) !== 6) return address;
  const groups = expandIpv6(address);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
}

/** The eight 16-bit groups of an IPv6 address (no zone, no embedded IPv4), lower-case hex. */
function expandIpv6(address: string): string[] | undefined {
  const [head = '', tail, ...rest] = address.toLowerCase().split('::');
  if (rest.length > 0 || address.includes('.') || address.includes('%')) return undefined;
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  return [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right].map((group) =>
    (group || '0').replace(/^0+(?=.)/, ''),
  );
}

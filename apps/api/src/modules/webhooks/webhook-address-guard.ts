import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** A delivery refused before any byte left: the address is not one we send to. */
export class WebhookAddressRefused extends Error {}

/**
 * Whether an address is on the public internet. Everything else (loopback, RFC 1918, link-local and
 * so the cloud metadata service, carrier-grade NAT, multicast, unique-local, IPv4 mapped or
 * embedded in IPv6 in any form) could reach the operator's own network from outside (SSRF).
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  // `::ffff:10.0.0.1` is 10.0.0.1: judge the IPv4 inside.
  return ipaddr.process(address).range() === 'unicast';
}

/**
 * A `lookup` for http.request that refuses, after resolution and at connect time, every address
 * that is not public: checking the name first and connecting later would let DNS answer something
 * else the second time (rebinding).
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 4);
      const usable = allowPrivate ? addresses : addresses.filter((entry) => isPublicAddress(entry.address));
      const first = usable[0];
      if (!first)
        return callback(
          new WebhookAddressRefused(`${hostname} resolves only to private or reserved addresses`),
          '',
          4,
        );
      if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, usable);
      callback(null, first.address, first.family);
    });
  };
}

/** A literal IP in the URL never goes through lookup: it is judged here. */
export function assertLiteralAddressAllowed(hostname: string, allowPrivate: boolean): void {
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  if (!allowPrivate && isIP(bare) !== 0 && !isPublicAddress(bare))
    throw new WebhookAddressRefused(`${bare} is a private or reserved address`);
}

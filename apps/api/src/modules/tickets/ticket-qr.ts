import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { parse as parseUuid, stringify as stringifyUuid } from 'uuid';

/**
 * The version travels in the string so a future format (new key, Ed25519, more fields) can be
 * introduced while tickets already printed keep scanning.
 */
export const TICKET_QR_PREFIX = 'ZE1.';
/**
 * The longer form also carries the ticket's short code: a transfer gives the ticket a new code, so
 * every QR shown before it stops matching the ticket (the door compares the code in the same
 * statement). It keeps the `ZE1.` prefix that scanners and integrations look for and is told apart
 * by its length; its MAC is computed under its own domain, so neither form passes for the other.
 */
const CODE_FORM_MAC_DOMAIN = 'ZE1.code.';

// Two raw UUIDs instead of their 36-character text keep the QR small, so it scans from a phone screen.
const PAYLOAD_BYTES = 32;
// 128 bits of HMAC is far beyond what an attacker could guess online, and keeps the QR code sparse.
const SIGNATURE_BYTES = 16;
// The short code's 8 Crockford base32 characters are 40 bits.
const CODE_BYTES = 5;
const PAYLOAD_CHARS = Math.ceil((PAYLOAD_BYTES * 8) / 6);
const PAYLOAD_V2_CHARS = Math.ceil(((PAYLOAD_BYTES + CODE_BYTES) * 8) / 6);
const SIGNATURE_CHARS = Math.ceil((SIGNATURE_BYTES * 8) / 6);
const QR_LENGTH = TICKET_QR_PREFIX.length + PAYLOAD_CHARS + 1 + SIGNATURE_CHARS;
const QR_V2_LENGTH = TICKET_QR_PREFIX.length + PAYLOAD_V2_CHARS + 1 + SIGNATURE_CHARS;
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CANONICAL_CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

// A separate key per purpose: a value signed for sessions or CSRF can never pass as a ticket.
const HKDF_INFO = 'z-events ticket qr v1';

export interface TicketQrClaims {
  ticketId: string;
  eventId: string;
  /** The ticket's current short code (`XXXX-XXXX`): signed in, the QR is the longer, code-bound form. */
  code?: string;
}

export interface TicketSigner {
  /** Throws when an id is not a UUID: that is a bug in the caller, never user input. */
  sign(ticket: TicketQrClaims): string;
  /** Pure and total: answers undefined for anything that is not a code this secret signed. */
  verify(qr: string): TicketQrClaims | undefined;
}

export function createTicketSigner(appSecret: string): TicketSigner {
  if (appSecret.length === 0) throw new Error('createTicketSigner: appSecret must not be empty');
  const key = Buffer.from(hkdfSync('sha256', appSecret, '', HKDF_INFO, 32));

  // The prefix is part of the MAC so a payload signed under one version cannot be replayed under another.
  function mac(prefix: string, payload: Buffer): Buffer {
    return createHmac('sha256', key).update(prefix).update(payload).digest().subarray(0, SIGNATURE_BYTES);
  }

  function sign(ticket: TicketQrClaims): string {
    const ids = [parseUuid(ticket.ticketId), parseUuid(ticket.eventId)];
    const domain = ticket.code === undefined ? TICKET_QR_PREFIX : CODE_FORM_MAC_DOMAIN;
    const payload = Buffer.concat(ticket.code === undefined ? ids : [...ids, packCode(ticket.code)]);
    return `${TICKET_QR_PREFIX}${payload.toString('base64url')}.${mac(domain, payload).toString('base64url')}`;
  }

  function verify(qr: string): TicketQrClaims | undefined {
    // Length first: scanners can send anything, and the cheapest rejection protects the door's latency.
    if (typeof qr !== 'string' || !qr.startsWith(TICKET_QR_PREFIX)) return undefined;
    const isV2 = qr.length === QR_V2_LENGTH;
    if (!isV2 && qr.length !== QR_LENGTH) return undefined;
    const domain = isV2 ? CODE_FORM_MAC_DOMAIN : TICKET_QR_PREFIX;
    const payloadChars = isV2 ? PAYLOAD_V2_CHARS : PAYLOAD_CHARS;
    const body = qr.slice(TICKET_QR_PREFIX.length);
    const payloadText = body.slice(0, payloadChars);
    const signatureText = body.slice(payloadChars + 1);
    if (body[payloadChars] !== '.' || !BASE64URL.test(payloadText) || !BASE64URL.test(signatureText)) {
      return undefined;
    }
    const payload = decodeCanonical(payloadText, PAYLOAD_BYTES + (isV2 ? CODE_BYTES : 0));
    const signature = decodeCanonical(signatureText, SIGNATURE_BYTES);
    if (payload === undefined || signature === undefined) return undefined;
    if (!timingSafeEqual(signature, mac(domain, payload))) return undefined;
    try {
      return {
        ticketId: stringifyUuid(payload.subarray(0, 16)),
        eventId: stringifyUuid(payload.subarray(16, 32)),
        ...(isV2 ? { code: unpackCode(payload.subarray(32)) } : {}),
      };
    } catch {
      // Only reachable if the secret signed something that was not a UUID; still never throw at the door.
      return undefined;
    }
  }

  return { sign, verify };
}

/**
 * Node's decoder ignores stray characters and the unused low bits of the last character, so several
 * strings decode to the same bytes. Requiring the one canonical spelling means any edit is rejected.
 */
function decodeCanonical(text: string, expectedBytes: number): Buffer | undefined {
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.length !== expectedBytes || bytes.toString('base64url') !== text) return undefined;
  return bytes;
}

/** `XXXX-XXXX` (Crockford base32, 8 x 5 bits) as 5 bytes. Throws for anything else: a caller bug. */
function packCode(code: string): Buffer {
  if (!CANONICAL_CODE.test(code)) throw new Error('packCode: not a canonical ticket code');
  let bits = 0n;
  for (const char of code.replace('-', '')) bits = (bits << 5n) | BigInt(CODE_ALPHABET.indexOf(char));
  const bytes = Buffer.alloc(CODE_BYTES);
  for (let i = CODE_BYTES - 1; i >= 0; i--) {
    bytes[i] = Number(bits & 0xffn);
    bits >>= 8n;
  }
  return bytes;
}

function unpackCode(bytes: Buffer): string {
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let chars = '';
  for (let i = 0; i < 8; i++) {
    chars = (CODE_ALPHABET[Number(bits & 31n)] ?? '') + chars;
    bits >>= 5n;
  }
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

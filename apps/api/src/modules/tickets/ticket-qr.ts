import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { parse as parseUuid, stringify as stringifyUuid } from 'uuid';

/**
 * The version travels in the string so a future format (new key, Ed25519, more fields) can be
 * introduced while tickets already printed keep scanning.
 */
export const TICKET_QR_PREFIX = 'ZE1.';

// Two raw UUIDs instead of their 36-character text keep the QR small, so it scans from a phone screen.
const PAYLOAD_BYTES = 32;
// 128 bits of HMAC is far beyond what an attacker could guess online, and keeps the QR code sparse.
const SIGNATURE_BYTES = 16;
const PAYLOAD_CHARS = Math.ceil((PAYLOAD_BYTES * 8) / 6);
const SIGNATURE_CHARS = Math.ceil((SIGNATURE_BYTES * 8) / 6);
const QR_LENGTH = TICKET_QR_PREFIX.length + PAYLOAD_CHARS + 1 + SIGNATURE_CHARS;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

// A separate key per purpose: a value signed for sessions or CSRF can never pass as a ticket.
const HKDF_INFO = 'z-events ticket qr v1';

export interface TicketQrClaims {
  ticketId: string;
  eventId: string;
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
  function mac(payload: Buffer): Buffer {
    return createHmac('sha256', key)
      .update(TICKET_QR_PREFIX)
      .update(payload)
      .digest()
      .subarray(0, SIGNATURE_BYTES);
  }

  function sign(ticket: TicketQrClaims): string {
    const payload = Buffer.concat([parseUuid(ticket.ticketId), parseUuid(ticket.eventId)]);
    return `${TICKET_QR_PREFIX}${payload.toString('base64url')}.${mac(payload).toString('base64url')}`;
  }

  function verify(qr: string): TicketQrClaims | undefined {
    // Length first: scanners can send anything, and the cheapest rejection protects the door's latency.
    if (typeof qr !== 'string' || qr.length !== QR_LENGTH || !qr.startsWith(TICKET_QR_PREFIX)) {
      return undefined;
    }
    const body = qr.slice(TICKET_QR_PREFIX.length);
    const payloadText = body.slice(0, PAYLOAD_CHARS);
    const signatureText = body.slice(PAYLOAD_CHARS + 1);
    if (body[PAYLOAD_CHARS] !== '.' || !BASE64URL.test(payloadText) || !BASE64URL.test(signatureText)) {
      return undefined;
    }
    const payload = decodeCanonical(payloadText, PAYLOAD_BYTES);
    const signature = decodeCanonical(signatureText, SIGNATURE_BYTES);
    if (payload === undefined || signature === undefined) return undefined;
    if (!timingSafeEqual(signature, mac(payload))) return undefined;
    try {
      return {
        ticketId: stringifyUuid(payload.subarray(0, 16)),
        eventId: stringifyUuid(payload.subarray(16, 32)),
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

import { randomBytes } from 'node:crypto';
import { TICKET_QR_PREFIX } from './ticket-qr';

/**
 * Crockford base32: no I, L, O (mistaken for 1 and 0) and no U, so a code read aloud or typed from
 * a crumpled printout at the door still resolves to the right ticket.
 */
export const TICKET_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const CODE_LENGTH = 8;
const GROUP_LENGTH = 4;
const CANONICAL_CHARS = /^[0-9A-HJKMNP-TV-Z]{8}$/;
// Anything far longer than a code is not one; cap it before doing string work on door input.
const MAX_INPUT_LENGTH = 64;
// Whitespace and every Unicode dash: phones turn "-" into "–" and people paste codes with spaces.
const SEPARATORS = /[\s\p{Pd}]/gu;
const LOOKALIKES: Readonly<Record<string, string>> = { I: '1', L: '1', O: '0' };

/**
 * 40 random bits, for typing in when a QR code does not scan. Collisions are rare but possible, so
 * the caller still relies on a unique constraint and retries.
 */
export function generateTicketCode(): string {
  const bytes = randomBytes(CODE_LENGTH);
  let code = '';
  // 256 is a multiple of 32, so masking the low five bits keeps every character equally likely.
  for (const byte of bytes) code += TICKET_CODE_ALPHABET[byte & 31];
  return formatCode(code);
}

/** The canonical `XXXX-XXXX` for what a person typed, or undefined when it cannot be a ticket code. */
export function normalizeTicketCode(input: string): string | undefined {
  if (typeof input !== 'string' || input.length > MAX_INPUT_LENGTH) return undefined;
  // NFKC folds full-width letters from East Asian keyboards into plain ASCII.
  const compact = input
    .normalize('NFKC')
    .replace(SEPARATORS, '')
    .toUpperCase()
    .replace(/[ILO]/g, (char) => LOOKALIKES[char] ?? char);
  return CANONICAL_CHARS.test(compact) ? formatCode(compact) : undefined;
}

/** Lets one input field at the door take either a scanned QR payload or a typed code. */
export function looksLikeQr(input: string): boolean {
  return typeof input === 'string' && input.startsWith(TICKET_QR_PREFIX);
}

function formatCode(code: string): string {
  return `${code.slice(0, GROUP_LENGTH)}-${code.slice(GROUP_LENGTH)}`;
}

import { describe, expect, it } from 'vitest';
import { generateTicketCode, looksLikeQr, normalizeTicketCode, TICKET_CODE_ALPHABET } from './ticket-codes';
import { createTicketSigner } from './ticket-qr';

const CODE_FORMAT = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

describe('generateTicketCode', () => {
  const codes = Array.from({ length: 10_000 }, () => generateTicketCode());

  it('is shown as XXXX-XXXX in Crockford base32', () => {
    expect(TICKET_CODE_ALPHABET).toHaveLength(32);
    expect(TICKET_CODE_ALPHABET).not.toMatch(/[ILOU]/);
    for (const code of codes) expect(code).toMatch(CODE_FORMAT);
  });

  it('uses the whole alphabet and nothing else', () => {
    const seen = new Set(codes.join('').replaceAll('-', ''));
    expect([...seen].sort().join('')).toBe(TICKET_CODE_ALPHABET);
  });

  it('has no duplicates in 10,000 codes', () => {
    // 40 random bits: the chance of any collision among 10,000 codes is about 1 in 22,000.
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('is already canonical', () => {
    for (const code of codes.slice(0, 1_000)) expect(normalizeTicketCode(code)).toBe(code);
  });
});

describe('normalizeTicketCode', () => {
  it.each([
    ['ABCD-EFGH', 'ABCD-EFGH'],
    ['abcd-efgh', 'ABCD-EFGH'],
    ['abcdefgh', 'ABCD-EFGH'],
    ['  abcd efgh  ', 'ABCD-EFGH'],
    ['a b c d e f g h', 'ABCD-EFGH'],
    ['AB-CD--EF-GH', 'ABCD-EFGH'],
    ['-ABCD-EFGH-', 'ABCD-EFGH'],
    ['abcd – efgh', 'ABCD-EFGH'],
    ['ABCD\tEFGH\n', 'ABCD-EFGH'],
    ['ＡＢＣＤ－ＥＦＧＨ', 'ABCD-EFGH'],
    ['IiLl-OoO0', '1111-0000'],
    ['7k3m-9pqz', '7K3M-9PQZ'],
  ])('%j -> %s', (input, expected) => {
    expect(normalizeTicketCode(input)).toBe(expected);
  });

  it.each([
    '',
    '   ',
    '----',
    'ABCD-EFG',
    'ABCD-EFGHJ',
    'ABCD-EFGU',
    'ABCD-EFG!',
    'ABCD_EFGH',
    'ABCD.EFGH',
    'ÀBCD-EFGH',
    'ABCD-EFG🎫',
    'ZE1.AAAA',
    'A'.repeat(1_000),
    `ABCD${' '.repeat(100)}EFGH`,
  ])('rejects %j', (input) => {
    expect(normalizeTicketCode(input)).toBeUndefined();
  });
});

describe('looksLikeQr', () => {
  it('tells a scanned QR payload from a typed code', () => {
    const qr = createTicketSigner('secret').sign({
      ticketId: '0195f7d2-5b8e-7c3a-9d41-2f6b8a1c3e57',
      eventId: '0195f7d0-1a2b-7c3d-8e4f-5a6b7c8d9e0f',
    });
    expect(looksLikeQr(qr)).toBe(true);
    expect(looksLikeQr('ZE1.anything')).toBe(true);
    expect(looksLikeQr(generateTicketCode())).toBe(false);
    expect(looksLikeQr('ze1.lowercase')).toBe(false);
    expect(looksLikeQr('')).toBe(false);
  });
});

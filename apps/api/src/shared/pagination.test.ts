import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors';
import { type Cursor, type CursorKeyKind, decodeCursor, encodeCursor, toPage } from './pagination';

function expectInvalidCursor(raw: string, kind: CursorKeyKind): void {
  let thrown: unknown;
  try {
    decodeCursor(raw, kind);
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `${kind} cursor ${JSON.stringify(raw)}`).toBeInstanceOf(AppError);
  expect((thrown as AppError).code).toBe('VALIDATION_FAILED');
  expect((thrown as AppError).errors).toEqual([expect.objectContaining({ path: 'cursor' })]);
}

const b64 = (text: string) => Buffer.from(text).toString('base64url');
const json = (value: unknown) => b64(JSON.stringify(value));
const ID = '1b4e28ba-2fa1-11d2-883f-0016d3cca427';
const KINDS: CursorKeyKind[] = ['timestamp', 'text'];

describe('cursors', () => {
  it('round-trips through encode and decode', () => {
    const cursor: Cursor = { k: '2030-01-01T00:00:00.000Z', id: ID };
    const encoded = encodeCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(encoded, 'timestamp')).toEqual(cursor);
  });

  it('round-trips text keys with unicode and quotes', () => {
    const cursor: Cursor = { k: 'Fête "de" la 🎵 \\ musique', id: ID };
    expect(decodeCursor(encodeCursor(cursor), 'text')).toEqual(cursor);
  });

  it('keeps only k and id', () => {
    expect(decodeCursor(json({ k: 'a', id: ID, extra: 1 }), 'text')).toEqual({ k: 'a', id: ID });
  });

  it.each(KINDS)('treats a missing or empty %s cursor as the first page', (kind) => {
    expect(decodeCursor(undefined, kind)).toBeUndefined();
    expect(decodeCursor('', kind)).toBeUndefined();
  });

  it.each([
    ['seconds', '2030-01-01T00:00:00Z'],
    ['milliseconds, as toISOString writes them', '2030-01-01T12:34:56.789Z'],
    ['microseconds, as to_char US writes them', '2030-01-01T12:34:56.789012Z'],
    ['a leap day', '2028-02-29T23:59:59.999999Z'],
    ['year 1000', '1000-01-01T00:00:00.000Z'],
    ['year 9999', '9999-12-31T23:59:59.999Z'],
  ])('accepts a timestamp key with %s', (_name, k) => {
    expect(decodeCursor(json({ k, id: ID }), 'timestamp')).toEqual({ k, id: ID });
  });

  it('accepts an uppercase uuid and the empty text key', () => {
    expect(decodeCursor(json({ k: '', id: ID.toUpperCase() }), 'text')).toEqual({
      k: '',
      id: ID.toUpperCase(),
    });
  });

  it.each([
    ['garbage', 'not a cursor!!'],
    ['base64 of non-JSON', b64('hello')],
    ['JSON null', b64('null')],
    ['JSON number', b64('42')],
    ['JSON string', b64('"k"')],
    ['JSON array', json(['2030-01-01T00:00:00Z', ID])],
    ['missing id', json({ k: '2030-01-01T00:00:00Z' })],
    ['missing k', json({ id: ID })],
    ['numeric k', json({ k: 1, id: ID })],
    ['object id', json({ k: '2030-01-01T00:00:00Z', id: {} })],
    ['null k', json({ k: null, id: ID })],
    ['a non-uuid id', json({ k: '2030-01-01T00:00:00Z', id: 'id-1' })],
    ['an SQL-ish id', json({ k: '2030-01-01T00:00:00Z', id: "' OR 1=1 --" })],
  ])('refuses %s for either kind with VALIDATION_FAILED', (_name, raw) => {
    for (const kind of KINDS) expectInvalidCursor(raw, kind);
  });

  it.each([
    ['a word', 'yesterday'],
    ['a date without time', '2030-01-01'],
    ['no zone', '2030-01-01T00:00:00'],
    ['an offset instead of Z', '2030-01-01T00:00:00+01:00'],
    ['seven fractional digits', '2030-01-01T00:00:00.1234567Z'],
    ['an empty fraction', '2030-01-01T00:00:00.Z'],
    ['year 0000', '0000-01-01T00:00:00Z'],
    ['an expanded year', '+275760-09-13T00:00:00.000Z'],
    ['month 13', '2030-13-01T00:00:00Z'],
    ['February 31st, which Date rolls over but PostgreSQL refuses', '2030-02-31T00:00:00Z'],
    ['February 29th of a common year', '2030-02-29T00:00:00Z'],
    ['hour 24', '2030-01-01T24:00:00Z'],
    ['second 60', '2030-01-01T23:59:60Z'],
    ['surrounding spaces', ' 2030-01-01T00:00:00Z '],
    ['epoch milliseconds', '1893456000000'],
  ])('refuses a timestamp key that is %s', (_name, k) => {
    expectInvalidCursor(json({ k, id: ID }), 'timestamp');
  });

  it.each([
    ['a NUL byte', 'Ada\u0000Lovelace'],
    ['over 1,000 characters', 'x'.repeat(1_001)],
  ])('refuses a text key with %s', (_name, k) => {
    expectInvalidCursor(json({ k, id: ID }), 'text');
  });
});

describe('toPage', () => {
  const rows = [1, 2, 3, 4, 5].map((n) => ({
    n,
    at: `2030-01-0${n}T00:00:00.000Z`,
    id: `1b4e28ba-2fa1-11d2-883f-0016d3cca42${n}`,
  }));
  const present = (row: (typeof rows)[number]) => ({ number: row.n });
  const cursorOf = (row: (typeof rows)[number]): Cursor => ({ k: row.at, id: row.id });

  it('with limit + 1 rows returns limit items and a cursor to the last one', () => {
    const page = toPage(rows.slice(0, 4), 3, present, cursorOf);
    expect(page.items).toEqual([{ number: 1 }, { number: 2 }, { number: 3 }]);
    expect(page.nextCursor).not.toBeNull();
    expect(decodeCursor(page.nextCursor ?? undefined, 'timestamp')).toEqual({
      k: rows[2]?.at,
      id: rows[2]?.id,
    });
  });

  it('with exactly limit rows has no next page', () => {
    const page = toPage(rows.slice(0, 3), 3, present, cursorOf);
    expect(page.items).toHaveLength(3);
    expect(page.nextCursor).toBeNull();
  });

  it('with fewer rows than the limit has no next page', () => {
    expect(toPage(rows.slice(0, 1), 3, present, cursorOf)).toEqual({
      items: [{ number: 1 }],
      nextCursor: null,
    });
  });

  it('with no rows is an empty page', () => {
    expect(toPage([], 50, present, cursorOf)).toEqual({ items: [], nextCursor: null });
  });

  it('with limit 1 pages one row at a time', () => {
    const page = toPage(rows.slice(0, 2), 1, present, cursorOf);
    expect(page.items).toEqual([{ number: 1 }]);
    expect(decodeCursor(page.nextCursor ?? undefined, 'timestamp')?.id).toBe(rows[0]?.id);
  });
});

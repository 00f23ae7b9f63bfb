import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors';
import { type Cursor, decodeCursor, encodeCursor, toPage } from './pagination';

function expectInvalidCursor(raw: string): void {
  let thrown: unknown;
  try {
    decodeCursor(raw);
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `cursor ${JSON.stringify(raw)}`).toBeInstanceOf(AppError);
  expect((thrown as AppError).code).toBe('VALIDATION_FAILED');
  expect((thrown as AppError).errors).toEqual([expect.objectContaining({ path: 'cursor' })]);
}

const b64 = (text: string) => Buffer.from(text).toString('base64url');

describe('cursors', () => {
  it('round-trips through encode and decode', () => {
    const cursor: Cursor = { k: '2030-01-01T00:00:00.000Z', id: '1b4e28ba-2fa1-11d2-883f-0016d3cca427' };
    const encoded = encodeCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(encoded)).toEqual(cursor);
  });

  it('round-trips keys with unicode and quotes', () => {
    const cursor: Cursor = { k: 'Fête "de" la 🎵 \\ musique', id: 'x' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it('keeps only k and id', () => {
    expect(decodeCursor(b64(JSON.stringify({ k: 'a', id: 'b', extra: 1 })))).toEqual({ k: 'a', id: 'b' });
  });

  it('treats a missing or empty cursor as the first page', () => {
    expect(decodeCursor(undefined)).toBeUndefined();
    expect(decodeCursor('')).toBeUndefined();
  });

  it.each([
    ['garbage', 'not a cursor!!'],
    ['base64 of non-JSON', b64('hello')],
    ['JSON null', b64('null')],
    ['JSON number', b64('42')],
    ['JSON string', b64('"k"')],
    ['JSON array', b64('["k","id"]')],
    ['missing id', b64('{"k":"a"}')],
    ['missing k', b64('{"id":"a"}')],
    ['numeric k', b64('{"k":1,"id":"a"}')],
    ['object id', b64('{"k":"a","id":{}}')],
    ['null k', b64('{"k":null,"id":"a"}')],
  ])('refuses %s with VALIDATION_FAILED', (_name, raw) => {
    expectInvalidCursor(raw);
  });
});

describe('toPage', () => {
  const rows = [1, 2, 3, 4, 5].map((n) => ({ n, at: `2030-01-0${n}T00:00:00.000Z`, id: `id-${n}` }));
  const present = (row: (typeof rows)[number]) => ({ number: row.n });
  const cursorOf = (row: (typeof rows)[number]): Cursor => ({ k: row.at, id: row.id });

  it('with limit + 1 rows returns limit items and a cursor to the last one', () => {
    const page = toPage(rows.slice(0, 4), 3, present, cursorOf);
    expect(page.items).toEqual([{ number: 1 }, { number: 2 }, { number: 3 }]);
    expect(page.nextCursor).not.toBeNull();
    expect(decodeCursor(page.nextCursor ?? undefined)).toEqual({ k: rows[2]?.at, id: 'id-3' });
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
    expect(decodeCursor(page.nextCursor ?? undefined)?.id).toBe('id-1');
  });
});

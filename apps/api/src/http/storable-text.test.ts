import { describe, expect, it } from 'vitest';
import { findUnstorableText, isStorableText } from './storable-text';

describe('isStorableText', () => {
  it.each(['', 'Zoë', '🎟️ 山田', '\u202Eevil', 'a\uFFFDb', '\ud83c\udf9f'])('accepts %j', (text) => {
    expect(isStorableText(text)).toBe(true);
  });

  it.each(['\ud800x', 'x\udc00', '\udfff', 'a\ud83c', 'Null\u0000Byte', '\u0000'])('refuses %j', (text) => {
    expect(isStorableText(text)).toBe(false);
  });
});

describe('findUnstorableText', () => {
  it('names every field and member name that cannot be stored', () => {
    const body = {
      buyer: { name: '\ud800x', email: 'a@example.test' },
      items: [{ ticketTypeId: 'ok' }, { ticketTypeId: 'x\u0000' }],
      ['bad\udc00key']: 1,
      count: 3,
      flag: null,
    };
    expect(findUnstorableText(body, 'body').map((problem) => problem.path)).toEqual(
      expect.arrayContaining(['buyer.name', 'items.1.ticketTypeId', 'body']),
    );
    expect(findUnstorableText(body, 'body')).toHaveLength(3);
  });

  it('names the top level by where it is', () => {
    expect(findUnstorableText('\ud800', 'body')).toEqual([
      expect.objectContaining({ path: 'body', code: 'invalid_string' }),
    ]);
    expect(findUnstorableText({ q: ['a', 'b\u0000'] }, 'query')[0]?.path).toBe('q.1');
  });

  it('finds nothing in ordinary input, however deep', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnstorableText(deep, 'body')).toEqual([]);
    expect(findUnstorableText({ name: 'Zoë 🎟️', n: 1, list: [true, null] }, 'body')).toEqual([]);
  });

  it('stops after twenty problems', () => {
    expect(findUnstorableText(Array(1000).fill('\u0000'), 'body')).toHaveLength(20);
  });
});

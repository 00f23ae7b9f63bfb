import type { Page } from '@zevents/contracts';
import { AppError } from '../http/errors';

/** A keyset cursor: the sort key and id of the last row of the previous page, base64url JSON. */
export interface Cursor {
  k: string;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(raw: string | undefined): Cursor | undefined {
  if (!raw) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (
      parsed &&
      typeof parsed === 'object' &&
      'k' in parsed &&
      'id' in parsed &&
      typeof parsed.k === 'string' &&
      typeof parsed.id === 'string'
    ) {
      return { k: parsed.k, id: parsed.id };
    }
  } catch {
    // fall through to the problem below
  }
  throw new AppError('VALIDATION_FAILED', 'The cursor is not one this API issued', {
    errors: [{ path: 'cursor', message: 'invalid cursor' }],
  });
}

/** Repositories fetch limit + 1 rows; the extra row only tells whether another page exists. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  present: (row: Row) => Item,
  cursorOf: (row: Row) => Cursor,
): Page<Item> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(present),
    nextCursor: hasMore && last ? encodeCursor(cursorOf(last)) : null,
  };
}

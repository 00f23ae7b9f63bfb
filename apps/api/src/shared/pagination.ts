import type { Page } from '@zevents/contracts';
import { AppError } from '../http/errors';
import { isUuid } from './ids';

/** A keyset cursor: the sort key and id of the last row of the previous page, base64url JSON. */
export interface Cursor {
  k: string;
  id: string;
}

/**
 * What a list sorts by, so what its cursor key may be:
 * - `timestamp`: UTC ISO 8601 with 0 to 6 fractional digits, as `toISOString()` (milliseconds) or
 *   PostgreSQL's `to_char(... 'US')` (microseconds, for lists where a JS Date would lose rows) write it;
 * - `text`: a string PostgreSQL can take as `text` (a name), up to TEXT_KEY_MAX characters.
 * Every list's id is a uuid.
 */
export type CursorKeyKind = 'timestamp' | 'text';

const TIMESTAMP_KEY = /^([1-9]\d{3}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d{1,6})?Z$/;
/** Far above any name we store; only a forged cursor gets near it. */
const TEXT_KEY_MAX = 1_000;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/**
 * A real instant, not merely a well-formed string: V8 rolls 2030-02-31 over to March 3rd while
 * PostgreSQL refuses it, so the whole-second part must survive a round trip through Date.
 */
function isTimestampKey(key: string): boolean {
  const seconds = TIMESTAMP_KEY.exec(key)?.[1];
  if (!seconds) return false;
  const ms = Date.parse(`${seconds}Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 19) === seconds;
}

/** PostgreSQL text cannot hold NUL: such a key would fail in SQL (a 500), not page. */
const isTextKey = (key: string): boolean => key.length <= TEXT_KEY_MAX && !key.includes('\u0000');

function parseCursor(raw: string): Cursor | undefined {
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
    // not base64url JSON: the caller answers the problem
  }
  return undefined;
}

/**
 * The cursor of the next page, or undefined for the first page (no or empty cursor). Anything this
 * API did not issue for a list sorted by `kind` is a 400 here, so a forged key or id never reaches
 * the query, where a bad date or a non-uuid id would be a 500.
 */
export function decodeCursor(raw: string | undefined, kind: CursorKeyKind): Cursor | undefined {
  if (!raw) return undefined;
  const cursor = parseCursor(raw);
  if (cursor && isUuid(cursor.id) && (kind === 'timestamp' ? isTimestampKey(cursor.k) : isTextKey(cursor.k)))
    return cursor;
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

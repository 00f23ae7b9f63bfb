/**
 * Raw statements (db.execute) get timestamptz as PostgreSQL's text, e.g. `2027-03-14 19:30:00.123+00`
 * or `...+05:30` (Drizzle turns pg's own date parsing off); this reads that into a Date.
 */
export function parsePgTimestamp(value: string | Date): Date;
export function parsePgTimestamp(value: string | Date | null): Date | null;
export function parsePgTimestamp(value: string | Date | null): Date | null {
  if (value === null || value instanceof Date) return value;
  const iso = value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`unreadable timestamp from PostgreSQL: ${value}`);
  return date;
}

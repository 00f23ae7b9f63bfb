import { z } from 'zod';

/** Opaque ids in paths: short strings; the server answers 404 for ones that do not exist. */
export const IdParam = z.string().min(1).max(100);

/**
 * An id in a path that names one of our rows (they are all UUIDs): anything else cannot exist, and
 * the server answers it 404 like an unknown id, before any handler looks it up.
 */
export const UuidParam = z.uuid();

/** ISO 8601 with an offset (`Z` or `+02:00`); output is always UTC `Z`. */
export const Timestamp = z.iso.datetime({ offset: true }).meta({ example: '2027-03-14T19:30:00Z' });

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const TIME_ZONES = new Set(Intl.supportedValuesOf('timeZone'));
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export const TimeZone = z
  .string()
  .refine((value) => TIME_ZONES.has(value) || value === 'UTC', {
    message: 'must be an IANA time zone such as Europe/Paris',
  })
  .meta({ example: 'Europe/Paris' });

export const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR')
  .refine((value) => CURRENCIES.has(value), { message: 'must be an ISO 4217 currency code' })
  .meta({ example: 'EUR' });

/** Money is always an integer number of minor units (cents), never a float. */
export const Cents = z.number().int().min(0).max(100_000_000);

/** An email address as people type it: trimmed, and lower-cased so one mailbox is one account. */
export const Email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email())
  .transform((email) => email.toLowerCase());

export const Slug = z
  .string()
  .min(2)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single dashes');

import { z } from 'zod';
import { Email } from './common';

export const WaitlistStatus = z
  .enum(['waiting', 'offered', 'purchased', 'expired', 'declined', 'removed', 'left'])
  .describe(
    'waiting: in line; offered: tickets held for the entry until offerExpiresAt; purchased: the offer ' +
      'was paid; expired: the offer ran out; declined, left: by the buyer; removed: by the organizer',
  );
export type WaitlistStatus = z.infer<typeof WaitlistStatus>;

export const JoinWaitlistBody = z
  .object({
    ticketTypeId: z.string().max(100),
    quantity: z.number().int().min(1).max(100),
    name: z.string().trim().min(1).max(200),
    email: Email,
    dateId: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.uuid({ error: 'dateId must be an event date id (a UUID)' }))
      .optional()
      .describe('The date to wait for, on an event with dates (required when it has more than one)'),
  })
  .strict()
  .meta({ id: 'JoinWaitlistBody' });
export type JoinWaitlistBody = z.infer<typeof JoinWaitlistBody>;

export const WaitlistJoined = z
  .object({
    id: z.string(),
    eventId: z.string(),
    ticketTypeId: z.string(),
    dateId: z.string().nullable().optional().describe('The date it waits for, on an event with dates'),
    quantity: z.number().int(),
    position: z.number().int().describe('1-based place among the entries waiting for this type (and date)'),
    status: WaitlistStatus,
    createdAt: z.string(),
  })
  .meta({ id: 'WaitlistJoined' });
export type WaitlistJoined = z.infer<typeof WaitlistJoined>;

export const WaitlistEntry = z
  .object({
    id: z.string(),
    ticketTypeId: z.string(),
    ticketTypeName: z.string(),
    dateId: z.string().nullable().optional().describe('The date it waits for, on an event with dates'),
    quantity: z.number().int(),
    name: z.string(),
    email: z.string(),
    position: z.number().int().nullable().describe('1-based place among waiting entries; null otherwise'),
    status: WaitlistStatus,
    offerOrderId: z.string().nullable(),
    offerExpiresAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'WaitlistEntry' });
export type WaitlistEntry = z.infer<typeof WaitlistEntry>;

export const WaitlistList = z
  .object({
    items: z.array(WaitlistEntry),
    counts: z.object({
      waiting: z.number().int(),
      offered: z.number().int(),
      purchased: z.number().int(),
      expired: z.number().int(),
    }),
  })
  .meta({ id: 'WaitlistList' });
export type WaitlistList = z.infer<typeof WaitlistList>;

export const MoveWaitlistEntryBody = z
  .object({
    position: z.number().int().min(1).describe("1-based new place among the type's waiting entries"),
  })
  .strict()
  .meta({ id: 'MoveWaitlistEntryBody' });
export type MoveWaitlistEntryBody = z.infer<typeof MoveWaitlistEntryBody>;

export const WaitlistTokenQuery = z.object({ token: z.string().max(200).optional() });

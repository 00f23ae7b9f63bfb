import { z } from 'zod';
import { Timestamp } from './common';

const TicketTypeIds = z
  .array(z.uuid())
  .min(1)
  .max(100)
  .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))])
  .describe('The ticket types that share the capacity (of this event)');

export const CreateCapacityPoolBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    capacity: z.number().int().min(0).max(10_000_000),
    ticketTypeIds: TicketTypeIds,
  })
  .strict()
  .meta({ id: 'CreateCapacityPoolBody' });
export type CreateCapacityPoolBody = z.infer<typeof CreateCapacityPoolBody>;

export const UpdateCapacityPoolBody = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    capacity: z.number().int().min(0).max(10_000_000).optional(),
    ticketTypeIds: TicketTypeIds.optional(),
  })
  .strict()
  .meta({ id: 'UpdateCapacityPoolBody' });
export type UpdateCapacityPoolBody = z.infer<typeof UpdateCapacityPoolBody>;

export const CapacityPool = z
  .object({
    id: z.string(),
    eventId: z.string(),
    name: z.string(),
    capacity: z.number().int(),
    ticketTypeIds: z.array(z.string()),
    sold: z.number().int().describe('Paid tickets of its ticket types'),
    held: z.number().int().describe('Tickets of its ticket types in open holds'),
    available: z.number().int().describe('capacity - sold - held, never below 0'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'CapacityPool' });
export type CapacityPool = z.infer<typeof CapacityPool>;

export const CapacityPoolList = z.object({ items: z.array(CapacityPool) }).meta({ id: 'CapacityPoolList' });
export type CapacityPoolList = z.infer<typeof CapacityPoolList>;

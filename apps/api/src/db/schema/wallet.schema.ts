import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tickets } from './orders.schema';

/**
 * Devices that added a ticket's Apple Wallet pass and asked to hear of its changes (owned by the
 * wallet module). `event_id` is the Citus distribution column (docs/scaling.md).
 */
export const walletRegistrations = pgTable(
  'wallet_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deviceLibraryId: text('device_library_id').notNull(),
    passTypeId: text('pass_type_id').notNull(),
    /** The pass's serial number: its ticket's id. */
    serialNumber: uuid('serial_number')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').notNull(),
    pushToken: text('push_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('wallet_registrations_device_pass_key').on(t.deviceLibraryId, t.passTypeId, t.serialNumber),
    // The APNs push (pass-updates.ts): every device holding a pass of an event that changed.
    index('wallet_registrations_event_idx').on(t.eventId),
    index('wallet_registrations_serial_idx').on(t.serialNumber),
  ],
);

/**
 * What each ticket's pass last looked like (a hash of its content) and since when: a pass has no
 * single "updated" column to read (a partial refund voids a ticket, an organizer renames an
 * attendee, both without a timestamp), so the wallet module notices a change when it next builds the
 * pass, and that moment is the pass's Last-Modified.
 */
export const walletPasses = pgTable('wallet_passes', {
  ticketId: uuid('ticket_id')
    .primaryKey()
    .references(() => tickets.id, { onDelete: 'cascade' }),
  eventId: uuid('event_id').notNull(),
  contentHash: text('content_hash').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

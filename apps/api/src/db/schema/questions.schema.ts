import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AnswerValue, QuestionAppliesTo, QuestionCondition, QuestionType } from '@zevents/contracts';
import { events } from './events.schema';
import { orders } from './orders.schema';

/** Checkout questions of an event (owned by the questions module). */
export const questions = pgTable(
  'questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    description: text('description'),
    type: text('type').$type<QuestionType>().notNull(),
    options: text('options')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    required: boolean('required').notNull().default(false),
    appliesTo: text('applies_to').$type<QuestionAppliesTo>().notNull().default('order'),
    // Empty means every ticket type of the event.
    ticketTypeIds: uuid('ticket_type_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    position: integer('position').notNull().default(0),
    condition: jsonb('condition').$type<QuestionCondition>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('questions_applies_to', sql`${t.appliesTo} IN ('order', 'attendee')`),
    index('questions_event_idx').on(t.eventId, t.position),
  ],
);

export interface StoredAttendeeDetails {
  ticketTypeId: string;
  name: string | null;
  email: string | null;
  answers: Record<string, AnswerValue>;
}

/**
 * What a buyer filled in between hold and payment: the order's answers and one entry per ticket.
 * Tickets are issued from it at payment; after that each ticket carries its own attendee details.
 * A row of its own so the reserve statement never writes it.
 */
export const orderAnswers = pgTable('order_answers', {
  orderId: uuid('order_id')
    .primaryKey()
    .references(() => orders.id, { onDelete: 'cascade' }),
  eventId: uuid('event_id').notNull(),
  answers: jsonb('answers').$type<Record<string, AnswerValue>>().notNull().default({}),
  attendees: jsonb('attendees').$type<StoredAttendeeDetails[]>().notNull().default([]),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

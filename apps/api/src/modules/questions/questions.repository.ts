import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { preparedQuery } from '../../db/prepared';
import { orderAnswers, questions } from '../../db/schema';

export type QuestionRow = typeof questions.$inferSelect;
export type NewQuestionRow = typeof questions.$inferInsert;
export type OrderAnswersRow = typeof orderAnswers.$inferSelect;

/** An event's questions in the order buyers see them. */
export async function listQuestions(db: DbOrTx, eventId: string): Promise<QuestionRow[]> {
  return db
    .select()
    .from(questions)
    .where(eq(questions.eventId, eventId))
    .orderBy(asc(questions.position), asc(questions.createdAt), asc(questions.id));
}

export async function countQuestions(db: DbOrTx, eventId: string): Promise<number> {
  const rows = await db.select({ n: count() }).from(questions).where(eq(questions.eventId, eventId));
  return rows[0]?.n ?? 0;
}

// Both read on every payment: prepared, so PostgreSQL plans them once per connection (planning
// was 0.07-0.14 ms a call, many times the execution).
const selectRequiredQuestion = preparedQuery('zevents_required_question', (db) =>
  db
    .select({ id: questions.id })
    .from(questions)
    .where(and(eq(questions.eventId, sql.placeholder('eventId')), eq(questions.required, true)))
    .limit(1),
);

/** Whether any question of the event must be answered (conditions and ticket types aside). */
export async function hasRequiredQuestions(db: DbOrTx, eventId: string): Promise<boolean> {
  return (await selectRequiredQuestion(db, { eventId })).length > 0;
}

export async function findQuestion(db: DbOrTx, questionId: string): Promise<QuestionRow | undefined> {
  const rows = await db.select().from(questions).where(eq(questions.id, questionId)).limit(1);
  return rows[0];
}

export async function insertQuestion(db: DbOrTx, row: NewQuestionRow): Promise<QuestionRow> {
  const rows = await db.insert(questions).values(row).returning();
  const inserted = rows[0];
  if (!inserted) throw new Error('insert into questions returned no row');
  return inserted;
}

export async function updateQuestion(
  db: DbOrTx,
  questionId: string,
  changes: Partial<NewQuestionRow>,
  now: Date,
): Promise<QuestionRow | undefined> {
  const rows = await db
    .update(questions)
    .set({ ...changes, updatedAt: now })
    .where(eq(questions.id, questionId))
    .returning();
  return rows[0];
}

export async function deleteQuestion(db: DbOrTx, questionId: string): Promise<boolean> {
  const rows = await db.delete(questions).where(eq(questions.id, questionId)).returning({ id: questions.id });
  return rows.length > 0;
}

/** The questions of an event whose condition names this one (they would lose their trigger). */
export async function findDependentQuestions(
  db: DbOrTx,
  eventId: string,
  questionId: string,
): Promise<Array<{ id: string; label: string }>> {
  return db
    .select({ id: questions.id, label: questions.label })
    .from(questions)
    .where(and(eq(questions.eventId, eventId), sql`${questions.condition}->>'questionId' = ${questionId}`));
}

const selectOrderAnswers = preparedQuery('zevents_order_answers', (db) =>
  db
    .select()
    .from(orderAnswers)
    .where(eq(orderAnswers.orderId, sql.placeholder('orderId')))
    .limit(1),
);

export async function findOrderAnswers(db: DbOrTx, orderId: string): Promise<OrderAnswersRow | undefined> {
  return (await selectOrderAnswers(db, { orderId }))[0];
}

export async function upsertOrderAnswers(
  db: DbOrTx,
  row: Pick<OrderAnswersRow, 'orderId' | 'eventId' | 'answers' | 'attendees'>,
  now: Date,
): Promise<void> {
  await db
    .insert(orderAnswers)
    .values({ ...row, updatedAt: now })
    .onConflictDoUpdate({
      target: orderAnswers.orderId,
      set: { answers: row.answers, attendees: row.attendees, updatedAt: now },
    });
}

/** The order-level answers of many orders (the CSV exports' columns). */
export async function findAnswersOfOrders(
  db: DbOrTx,
  orderIds: readonly string[],
): Promise<Map<string, OrderAnswersRow['answers']>> {
  if (orderIds.length === 0) return new Map();
  const rows = await db
    .select({ orderId: orderAnswers.orderId, answers: orderAnswers.answers })
    .from(orderAnswers)
    .where(sql`${orderAnswers.orderId} = ANY(${sql.param([...orderIds])}::uuid[])`);
  return new Map(rows.map((row) => [row.orderId, row.answers]));
}

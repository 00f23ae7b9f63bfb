import {
  type CreateQuestionBody,
  MAX_QUESTIONS_PER_EVENT,
  type Question,
  type QuestionCondition,
  type UpdateQuestionBody,
} from '@zevents/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Principal } from '../../http/auth-context';
import { AppError, notFound } from '../../http/errors';
import type { Clock } from '../../shared/clock';
import { isUuid } from '../../shared/ids';
import { recordEventAudit } from '../audit';
import { authorizeEvent, type EventRow, listTicketTypes } from '../events';
import type { Permission } from '../organizations';
import * as repo from './questions.repository';

const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', message, { errors: [{ path, message }] });

export function presentQuestion(row: repo.QuestionRow): Question {
  return {
    id: row.id,
    eventId: row.eventId,
    label: row.label,
    description: row.description,
    type: row.type,
    options: row.options,
    required: row.required,
    appliesTo: row.appliesTo,
    ticketTypeIds: row.ticketTypeIds,
    position: row.position,
    condition: row.condition ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** An event's questions, presented, in the order buyers see them (exports' columns). */
export async function listEventQuestions(db: DbOrTx, eventId: string): Promise<Question[]> {
  return (await repo.listQuestions(db, eventId)).map(presentQuestion);
}

/**
 * A question with its event, for an organizer action: 404 for unknown and foreign ids alike, 403
 * for a role too small (the same answers as the event's own routes).
 */
export async function authorizeQuestion(
  db: DbOrTx,
  auth: Principal,
  questionId: string,
  permission: Permission,
): Promise<{ question: repo.QuestionRow; event: EventRow }> {
  const question = isUuid(questionId) ? await repo.findQuestion(db, questionId) : undefined;
  if (!question) throw notFound('Question');
  try {
    const { event } = await authorizeEvent(db, auth, question.eventId, permission);
    return { question, event };
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound('Question');
    throw error;
  }
}

interface MergedQuestion {
  id?: string;
  type: Question['type'];
  options: string[];
  appliesTo: Question['appliesTo'];
  ticketTypeIds: string[];
  condition: QuestionCondition | null;
}

/** The rules a question must keep against the rest of its event. */
async function checkAgainstEvent(db: Db, event: EventRow, question: MergedQuestion): Promise<void> {
  if (question.ticketTypeIds.length > 0) {
    const types = new Set((await listTicketTypes(db, event.id)).map((type) => type.id));
    const index = question.ticketTypeIds.findIndex((id) => !types.has(id.toLowerCase()));
    if (index >= 0)
      throw new AppError('TICKET_TYPE_NOT_IN_EVENT', 'A ticket type does not belong to this event', {
        errors: [{ path: `ticketTypeIds.${index}`, message: 'not a ticket type of this event' }],
      });
  }
  if ((question.type === 'select' || question.type === 'multiselect') && question.options.length === 0)
    throw invalid('options', `a ${question.type} question needs options`);
  const all = await repo.listQuestions(db, event.id);
  if (question.id) {
    // Order questions cannot wait on an answer given per ticket: which ticket's would it be?
    const dependents = all.filter((other) => other.condition?.questionId === question.id);
    if (question.appliesTo === 'attendee' && dependents.some((other) => other.appliesTo === 'order'))
      throw invalid(
        'appliesTo',
        'an order question is shown depending on this one: it must stay an order question',
      );
  }
  const condition = question.condition;
  if (!condition) return;
  const target = all.find((other) => other.id === condition.questionId.toLowerCase());
  if (!target || target.id === question.id)
    throw invalid('condition.questionId', 'must be another question of this event');
  if (question.appliesTo === 'order' && target.appliesTo === 'attendee')
    throw invalid('condition.questionId', 'an order question can only depend on another order question');
  if (
    condition.value !== undefined &&
    (target.type === 'select' || target.type === 'multiselect') &&
    !target.options.includes(condition.value)
  )
    throw invalid('condition.value', 'must be one of the options of that question');
  // No loops: following the conditions from the target must never come back to this question
  // (a new question has no dependents yet, so it cannot close one).
  if (!question.id) return;
  const byId = new Map(all.map((row) => [row.id, row]));
  for (let at: repo.QuestionRow | undefined = target, steps = 0; at && steps <= all.length; steps++) {
    if (at.condition?.questionId === question.id)
      throw invalid('condition.questionId', 'conditions must not loop');
    at = at.condition ? byId.get(at.condition.questionId) : undefined;
  }
}

/** The organizer's side: an event's checkout questions. */
export function createQuestionsService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  return {
    async listQuestions(auth: Principal, eventId: string): Promise<{ items: Question[] }> {
      await authorizeEvent(db, auth, eventId, 'events.view');
      return { items: (await repo.listQuestions(db, eventId)).map(presentQuestion) };
    },

    async createQuestion(auth: Principal, eventId: string, input: CreateQuestionBody): Promise<Question> {
      const { event } = await authorizeEvent(db, auth, eventId, 'events.manage');
      const existing = await repo.countQuestions(db, event.id);
      if (existing >= MAX_QUESTIONS_PER_EVENT)
        throw invalid('label', `an event has at most ${MAX_QUESTIONS_PER_EVENT} questions`);
      const merged: MergedQuestion = {
        type: input.type,
        options: input.options ?? [],
        appliesTo: input.appliesTo ?? 'order',
        ticketTypeIds: (input.ticketTypeIds ?? []).map((id) => id.toLowerCase()),
        condition: input.condition
          ? { ...input.condition, questionId: input.condition.questionId.toLowerCase() }
          : null,
      };
      await checkAgainstEvent(db, event, merged);
      return db.transaction(async (tx) => {
        const row = await repo.insertQuestion(tx, {
          eventId: event.id,
          label: input.label,
          description: input.description ?? null,
          required: input.required ?? false,
          // New questions go last unless the organizer says where.
          position: input.position ?? (existing + 1) * 10,
          ...merged,
        });
        await recordEventAudit(tx, auth, event, 'question.create', { questionId: row.id, label: row.label });
        return presentQuestion(row);
      });
    },

    async updateQuestion(auth: Principal, questionId: string, input: UpdateQuestionBody): Promise<Question> {
      const { question, event } = await authorizeQuestion(db, auth, questionId, 'events.manage');
      const merged: MergedQuestion = {
        id: question.id,
        type: input.type ?? question.type,
        options: input.options ?? question.options,
        appliesTo: input.appliesTo ?? question.appliesTo,
        ticketTypeIds: input.ticketTypeIds?.map((id) => id.toLowerCase()) ?? question.ticketTypeIds,
        condition:
          input.condition === undefined
            ? (question.condition ?? null)
            : input.condition && { ...input.condition, questionId: input.condition.questionId.toLowerCase() },
      };
      await checkAgainstEvent(db, event, merged);
      return db.transaction(async (tx) => {
        const { id: _id, ...changes } = merged;
        const row = await repo.updateQuestion(
          tx,
          question.id,
          {
            ...changes,
            ...(input.label !== undefined ? { label: input.label } : {}),
            ...(input.description !== undefined ? { description: input.description } : {}),
            ...(input.required !== undefined ? { required: input.required } : {}),
            ...(input.position !== undefined ? { position: input.position } : {}),
          },
          clock.now(),
        );
        if (!row) throw notFound('Question');
        await recordEventAudit(tx, auth, event, 'question.update', {
          questionId: row.id,
          fields: Object.keys(input),
        });
        return presentQuestion(row);
      });
    },

    async deleteQuestion(auth: Principal, questionId: string): Promise<void> {
      const { question, event } = await authorizeQuestion(db, auth, questionId, 'events.manage');
      const dependents = await repo.findDependentQuestions(db, event.id, question.id);
      if (dependents.length > 0)
        throw new AppError(
          'QUESTION_IN_USE',
          `“${question.label}” decides whether ${dependents.map((other) => `“${other.label}”`).join(', ')} ` +
            'is shown: remove or change that condition first.',
        );
      // Answers already given stay with their orders and tickets (exports and history keep them).
      await db.transaction(async (tx) => {
        if (!(await repo.deleteQuestion(tx, question.id))) throw notFound('Question');
        await recordEventAudit(tx, auth, event, 'question.delete', {
          questionId: question.id,
          label: question.label,
        });
      });
    },
  };
}

export type QuestionsService = ReturnType<typeof createQuestionsService>;

import {
  type Answers,
  answerProblem,
  type AttendeeDetails,
  attendeeQuestionsFor,
  type AttendeeFields,
  type MissingDetail,
  missingDetails,
  type OrderDetails,
  type OrderDetailsBody,
  orderQuestionsFor,
  type Question,
} from '@zevents/contracts';
import { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client';
import type { AuthContext } from '../../http/auth-context';
import { AppError, type FieldProblem, notFound } from '../../http/errors';
import type { Clock } from '../../shared/clock';
import { eventOnDate, type EventRow } from '../events';
import {
  effectiveStatus,
  findOrder,
  findOrderItems,
  type OrderRow,
  type OrdersService,
  updateBillingDetails,
  updateBuyerName,
} from '../orders';
import { findTicketsOfOrder, updateTicketAttendee } from '../tickets';
import { presentQuestion } from './questions.service';
import * as repo from './questions.repository';

const EMAIL = z.email();

/** Statuses whose details can still change: a live hold, or tickets that exist. */
const EDITABLE = new Set(['reserved', 'awaiting_payment', 'paid', 'partially_refunded']);

interface DetailsState {
  order: OrderRow;
  questions: Question[];
  fields: AttendeeFields;
  answers: Answers;
  attendees: AttendeeDetails[];
  /** The order's tickets (after payment), each attendee's ticket by position. */
  ticketIds: string[];
  /** The order has its tickets (after payment): attendees are the tickets' own. */
  isIssued: boolean;
  /** Tickets passed on to someone else: no longer the buyer's to edit. */
  transferredIds: Set<string>;
}

/** The questions that concern an order with these ticket types (order-level, and per ticket of one). */
function questionsOfOrder(all: readonly Question[], ticketTypeIds: readonly string[]): Question[] {
  const asked = new Set([
    ...orderQuestionsFor(all, ticketTypeIds),
    ...ticketTypeIds.flatMap((id) => attendeeQuestionsFor(all, id)),
  ]);
  return all.filter((question) => asked.has(question));
}

async function loadState(db: DbOrTx, order: OrderRow, event: EventRow): Promise<DetailsState> {
  const [rows, items, stored, tickets] = await Promise.all([
    repo.listQuestions(db, event.id),
    findOrderItems(db, order.id),
    repo.findOrderAnswers(db, order.id),
    findTicketsOfOrder(db, order.id),
  ]);
  const fields = { names: event.attendeeNames, emails: event.attendeeEmails };
  const questions = questionsOfOrder(
    rows.map(presentQuestion),
    items.map((item) => item.ticketTypeId),
  );
  const answers = stored?.answers ?? {};
  if (tickets.length > 0) {
    // Tickets passed on to someone else are theirs: not the buyer's to read or change.
    const kept = tickets.filter(({ ticket }) => !ticket.transferredAt);
    return {
      order,
      questions,
      fields,
      answers,
      attendees: kept.map(({ ticket }) => ({
        ticketTypeId: ticket.ticketTypeId,
        ticketId: ticket.id,
        name: ticket.attendeeName,
        email: ticket.attendeeEmail,
        answers: ticket.answers,
      })),
      isIssued: true,
      ticketIds: kept.map(({ ticket }) => ticket.id),
      transferredIds: new Set(
        tickets.filter(({ ticket }) => ticket.transferredAt).map(({ ticket }) => ticket.id),
      ),
    };
  }
  // Before payment: one entry per ticket the order will get, filled from what the buyer saved.
  const saved = stored?.attendees ?? [];
  const attendees = items.flatMap((item) => {
    const ofType = saved.filter((attendee) => attendee.ticketTypeId === item.ticketTypeId);
    return Array.from({ length: item.quantity }, (_, index) => ({
      ticketTypeId: item.ticketTypeId,
      ticketId: null,
      name: ofType[index]?.name ?? '',
      email: ofType[index]?.email ?? null,
      answers: ofType[index]?.answers ?? {},
    }));
  });
  return {
    order,
    questions,
    fields,
    answers,
    attendees,
    isIssued: false,
    ticketIds: [],
    transferredIds: new Set(),
  };
}

function present(state: DetailsState): OrderDetails {
  const missing = missingDetails(state.questions, state.fields, state);
  return {
    orderId: state.order.id,
    buyer: { name: state.order.buyerName, email: state.order.buyerEmail },
    answers: state.answers,
    attendees: state.attendees,
    questions: state.questions,
    attendeeFields: state.fields,
    billing: state.order.billingDetails ?? null,
    complete: missing.length === 0,
    missing,
  };
}

/** Answers checked against the questions they answer: unknown questions and ill-fitting values refused. */
function checkAnswers(
  answers: Answers,
  asked: readonly Question[],
  path: string,
  problems: FieldProblem[],
): Answers {
  const byId = new Map(asked.map((question) => [question.id, question]));
  const kept: Answers = {};
  for (const [questionId, value] of Object.entries(answers)) {
    const question = byId.get(questionId.toLowerCase());
    if (!question) {
      problems.push({ path: `${path}.${questionId}`, message: 'not a question asked here' });
      continue;
    }
    const problem = answerProblem(question, value);
    if (problem) problems.push({ path: `${path}.${questionId}`, message: problem });
    else kept[question.id] = typeof value === 'string' ? value.trim() : value;
  }
  return kept;
}

/** The body's attendees, checked: one per ticket of each type, valid emails and answers. */
function checkAttendees(
  body: NonNullable<OrderDetailsBody['attendees']>,
  state: DetailsState,
  problems: FieldProblem[],
): AttendeeDetails[] {
  const slots = state.attendees;
  const byTicket = body.every((attendee) => attendee.ticketId !== undefined) && state.isIssued;
  if (!byTicket) {
    const expected = new Map<string, number>();
    for (const slot of slots) expected.set(slot.ticketTypeId, (expected.get(slot.ticketTypeId) ?? 0) + 1);
    const given = new Map<string, number>();
    for (const attendee of body)
      given.set(attendee.ticketTypeId, (given.get(attendee.ticketTypeId) ?? 0) + 1);
    for (const ticketTypeId of new Set([...expected.keys(), ...given.keys()])) {
      const want = expected.get(ticketTypeId) ?? 0;
      const got = given.get(ticketTypeId) ?? 0;
      if (want !== got)
        problems.push({
          path: 'attendees',
          message: `one attendee per ticket: ${want} for ticket type ${ticketTypeId}, got ${got}`,
        });
    }
  }
  const used = new Map<string, number>();
  return body.map((attendee, index) => {
    let slot: AttendeeDetails | undefined;
    if (byTicket) {
      slot = slots.find((candidate) => candidate.ticketId === attendee.ticketId?.toLowerCase());
      if (!slot || slot.ticketTypeId !== attendee.ticketTypeId)
        problems.push({
          path: `attendees.${index}.ticketId`,
          message: 'not a ticket of this type in this order',
        });
    } else {
      const position = used.get(attendee.ticketTypeId) ?? 0;
      used.set(attendee.ticketTypeId, position + 1);
      slot = slots.filter((candidate) => candidate.ticketTypeId === attendee.ticketTypeId)[position];
    }
    const email = attendee.email?.trim() ? attendee.email.trim().toLowerCase() : null;
    if (email && !EMAIL.safeParse(email).success)
      problems.push({ path: `attendees.${index}.email`, message: 'must be an email address' });
    return {
      ticketTypeId: attendee.ticketTypeId,
      ticketId: slot?.ticketId ?? null,
      name: attendee.name?.trim() ?? '',
      email,
      answers: checkAnswers(
        attendee.answers ?? {},
        attendeeQuestionsFor(state.questions, attendee.ticketTypeId),
        `attendees.${index}.answers`,
        problems,
      ),
    };
  });
}

function assertBuyerMayEdit(event: EventRow, now: Date): void {
  const hours = event.transferDeadlineHours;
  if (hours === null || now.getTime() >= event.startsAt.getTime() - hours * 3_600_000)
    throw new AppError(
      'ORDER_NOT_EDITABLE',
      'Attendee names of this event can no longer be changed here; ask the organizer',
    );
}

/** The buyer's side: answering the questions between hold and payment (and correcting names after). */
export function createOrderDetailsService(deps: { db: Db; clock: Clock; orders: OrdersService }) {
  const { db, clock, orders } = deps;

  return {
    async getDetails(auth: AuthContext, orderId: string, token: string | undefined): Promise<OrderDetails> {
      const { order, event, access } = await orders.authorize(auth, orderId, token);
      if (!access.isBuyer && !access.organizerRole) throw notFound('Order');
      return present(await loadState(db, order, event));
    },

    async putDetails(
      auth: AuthContext,
      orderId: string,
      token: string | undefined,
      body: OrderDetailsBody,
    ): Promise<OrderDetails> {
      const { event } = await orders.requireBuyer(auth, orderId, token);
      const now = clock.now();
      return db.transaction(async (tx) => {
        // Locked like a payment locks it: details and the tickets issued from them never cross.
        const order = await findOrder(tx, orderId, { forUpdate: true });
        if (!order) throw notFound('Order');
        const status = effectiveStatus(order, now);
        if (!EDITABLE.has(status))
          throw new AppError(
            'ORDER_NOT_EDITABLE',
            `The details of an order that is ${status} can no longer change`,
          );
        const state = await loadState(tx, order, event);
        // After payment buyers correct names until the event's transfer deadline; organizers use
        // PATCH /api/tickets/{ticketId} at any time.
        if (state.isIssued && body.attendees !== undefined)
          assertBuyerMayEdit(await eventOnDate(tx, event, order.dateId), now);
        const problems: FieldProblem[] = [];
        if (body.buyer?.email !== undefined && body.buyer.email.trim().toLowerCase() !== order.buyerEmail)
          problems.push({ path: 'buyer.email', message: 'the buyer email is fixed at reserve' });
        const answers =
          body.answers === undefined
            ? state.answers
            : checkAnswers(
                body.answers,
                orderQuestionsFor(
                  state.questions,
                  state.attendees.map((attendee) => attendee.ticketTypeId),
                ),
                'answers',
                problems,
              );
        const attendees =
          body.attendees === undefined ? state.attendees : checkAttendees(body.attendees, state, problems);
        if (problems.length > 0)
          throw new AppError('VALIDATION_FAILED', 'Some details do not fit their questions', {
            errors: problems,
          });

        if (body.buyer?.name !== undefined) await updateBuyerName(tx, order.id, body.buyer.name);
        // Empty optional parts are left out: the invoice prints what there is.
        if (body.billing !== undefined)
          await updateBillingDetails(
            tx,
            order.id,
            body.billing && {
              companyName: body.billing.companyName,
              ...(body.billing.address ? { address: body.billing.address } : {}),
              ...(body.billing.taxId ? { taxId: body.billing.taxId } : {}),
            },
          );
        await repo.upsertOrderAnswers(
          tx,
          {
            orderId: order.id,
            eventId: order.eventId,
            answers,
            attendees: attendees.map(({ ticketTypeId, name, email, answers: given }) => ({
              ticketTypeId,
              name,
              email,
              answers: given,
            })),
          },
          now,
        );
        // After payment each ticket carries its attendee: correct the tickets themselves.
        if (body.attendees !== undefined && state.isIssued)
          for (const attendee of attendees)
            if (attendee.ticketId)
              await updateTicketAttendee(tx, order.id, attendee.ticketId, {
                attendeeName: attendee.name || (body.buyer?.name ?? order.buyerName),
                attendeeEmail: attendee.email,
                answers: attendee.answers,
              });
        const updated = (await findOrder(tx, order.id)) ?? order;
        return present(await loadState(tx, updated, event));
      });
    },

    /** What is still missing before this order may be paid (empty: nothing). */
    async missingFor(order: OrderRow, event: EventRow): Promise<MissingDetail[]> {
      // Most events ask nothing: one cheap look at the questions answers them.
      if (!event.attendeeNames && !event.attendeeEmails && !(await repo.hasRequiredQuestions(db, event.id)))
        return [];
      return present(await loadState(db, order, event)).missing;
    },
  };
}

export type OrderDetailsService = ReturnType<typeof createOrderDetailsService>;

/** The attendees a buyer saved before payment, for the tickets issued at payment. */
export async function findAttendeesOfOrder(db: DbOrTx, orderId: string) {
  return (await repo.findOrderAnswers(db, orderId))?.attendees ?? [];
}

import {
  CreateQuestionBody,
  OrderAccessQuery,
  OrderDetails,
  OrderDetailsBody,
  Question,
  QuestionList,
  UpdateQuestionBody,
  UuidParam,
} from '@zevents/contracts';
import { z } from 'zod';
import type { ApiRouter } from '../../http/route';
import type { Permission } from '../organizations';
import type { OrderDetailsService } from './order-details.service';
import type { QuestionsService } from './questions.service';

const EventParams = z.object({ eventId: UuidParam });
const QuestionParams = z.object({ questionId: UuidParam });
const OrderParams = z.object({ orderId: UuidParam });

/** Checkout questions (organizers) and the details step of an order (its buyer). */
export function registerQuestionsRoutes(
  api: ApiRouter<Permission>,
  deps: { questions: QuestionsService; details: OrderDetailsService },
): void {
  const { questions, details } = deps;
  const tags = ['Questions'];

  api.add(
    {
      method: 'post',
      path: '/api/events/{eventId}/questions',
      summary: 'Add a checkout question, asked once per order or once per ticket',
      description:
        'select and multiselect need `options`. `condition` shows the question only when another answer ' +
        'has a value (or equals `condition.value`); an order question may only depend on an order question. ' +
        '422 TICKET_TYPE_NOT_IN_EVENT for a ticket type of another event.',
      tags,
      access: 'member',
      permission: 'events.manage',
      params: EventParams,
      body: CreateQuestionBody,
      status: 201,
      response: Question,
      errors: [403, 422],
    },
    async ({ auth, params, body }) => questions.createQuestion(auth, params.eventId, body),
  );

  api.add(
    {
      method: 'get',
      path: '/api/events/{eventId}/questions',
      summary: "An event's checkout questions, in the order buyers see them",
      tags,
      access: 'member',
      permission: 'events.view',
      params: EventParams,
      status: 200,
      response: QuestionList,
    },
    async ({ auth, params }) => questions.listQuestions(auth, params.eventId),
  );

  api.add(
    {
      method: 'patch',
      path: '/api/questions/{questionId}',
      summary: 'Edit a checkout question (answers already given stay as they were)',
      tags,
      access: 'member',
      permission: 'events.manage',
      params: QuestionParams,
      body: UpdateQuestionBody,
      status: 200,
      response: Question,
      errors: [403, 422],
    },
    async ({ auth, params, body }) => questions.updateQuestion(auth, params.questionId, body),
  );

  api.add(
    {
      method: 'delete',
      path: '/api/questions/{questionId}',
      summary: 'Delete a checkout question (answers already given are kept with their orders)',
      description: '409 QUESTION_IN_USE while another question is shown depending on this one.',
      tags,
      access: 'member',
      permission: 'events.manage',
      params: QuestionParams,
      status: 204,
      errors: [403, 409],
    },
    async ({ auth, params }) => questions.deleteQuestion(auth, params.questionId),
  );

  api.add(
    {
      method: 'get',
      path: '/api/orders/{orderId}/details',
      summary: "An order's details step: the questions it is asked, the answers so far, what is missing",
      description: 'For its buyer (session or ?token=) and the event organizers.',
      tags: ['Checkout'],
      access: 'public',
      params: OrderParams,
      query: OrderAccessQuery,
      status: 200,
      response: OrderDetails,
    },
    async ({ auth, params, query }) => details.getDetails(auth, params.orderId, query.token),
  );

  api.add(
    {
      method: 'put',
      path: '/api/orders/{orderId}/details',
      summary: 'Answer the checkout questions: buyer name, order answers, one attendee per ticket',
      description:
        'Between hold and payment (and after payment, to correct attendees). Parts left out keep their ' +
        'saved value; `attendees` lists one entry per ticket (by ticket type, or by `ticketId` after ' +
        'payment). Incomplete details are saved; `pay` answers 422 DETAILS_REQUIRED until every required ' +
        'answer is there. The buyer email is fixed at reserve. 409 ORDER_NOT_EDITABLE for an expired, ' +
        'cancelled or refunded order.',
      tags: ['Checkout'],
      access: 'public',
      params: OrderParams,
      query: OrderAccessQuery,
      body: OrderDetailsBody,
      status: 200,
      response: OrderDetails,
      errors: [409],
    },
    async ({ auth, params, query, body }) => details.putDetails(auth, params.orderId, query.token, body),
  );
}

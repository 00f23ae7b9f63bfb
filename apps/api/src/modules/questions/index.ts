// The questions module: an event's checkout questions and the answers buyers give between hold and
// payment (order answers, one attendee per ticket); tickets carry their attendee after payment.
// Owns tables: questions, order_answers.
export {
  createOrderDetailsService,
  findAttendeesOfOrder,
  type OrderDetailsService,
} from './order-details.service';
export {
  authorizeQuestion,
  createQuestionsService,
  listEventQuestions,
  type QuestionsService,
} from './questions.service';
export { findAnswersOfOrders } from './questions.repository';
export { registerQuestionsRoutes } from './questions.routes';

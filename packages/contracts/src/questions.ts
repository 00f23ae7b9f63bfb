import { z } from 'zod';

/**
 * Checkout questions and the answers to them. The rules that decide whether an answer is valid and
 * what is still missing live here, so the checkout form and the API judge an order the same way.
 */

export const QuestionType = z.enum([
  'text',
  'longtext',
  'select',
  'multiselect',
  'checkbox',
  'email',
  'phone',
  'date',
  'number',
]);
export type QuestionType = z.infer<typeof QuestionType>;

export const QuestionAppliesTo = z.enum(['order', 'attendee']);
export type QuestionAppliesTo = z.infer<typeof QuestionAppliesTo>;

const CHOICE_TYPES: ReadonlySet<QuestionType> = new Set(['select', 'multiselect']);
export const MAX_QUESTIONS_PER_EVENT = 100;

const Option = z.string().trim().min(1).max(200);

export const QuestionCondition = z
  .object({
    questionId: z.string().min(1).max(100),
    value: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe(
        'Shown only when that answer equals (or, for multiselect, contains) this; absent: whatever value',
      ),
  })
  .strict()
  .meta({ id: 'QuestionCondition' });
export type QuestionCondition = z.infer<typeof QuestionCondition>;

const questionFields = {
  label: z.string().trim().min(1).max(300),
  description: z.string().trim().max(1_000).nullable().optional(),
  type: QuestionType,
  options: z.array(Option).max(50).optional().describe('The choices of select and multiselect'),
  required: z.boolean().optional(),
  appliesTo: QuestionAppliesTo.optional().describe('order: asked once per order; attendee: once per ticket'),
  ticketTypeIds: z
    .array(z.string().max(100))
    .max(100)
    .optional()
    .describe('Asked only for these ticket types (attendee) or orders containing one (order); empty: all'),
  position: z.number().int().min(0).max(10_000).optional().describe('Lower comes first'),
  condition: QuestionCondition.nullable().optional(),
};

function checkOptions(body: { type?: QuestionType; options?: string[] }, ctx: z.RefinementCtx): void {
  if (body.options && new Set(body.options).size !== body.options.length)
    ctx.addIssue({ code: 'custom', path: ['options'], message: 'options must be distinct' });
  if (body.type && CHOICE_TYPES.has(body.type) && (body.options?.length ?? 0) === 0)
    ctx.addIssue({ code: 'custom', path: ['options'], message: `a ${body.type} question needs options` });
}

export const CreateQuestionBody = z
  .object(questionFields)
  .strict()
  .superRefine(checkOptions)
  .meta({ id: 'CreateQuestionBody' });
export type CreateQuestionBody = z.infer<typeof CreateQuestionBody>;

/** Any of the create fields; the merged question is checked again (options of a choice question). */
export const UpdateQuestionBody = z
  .object({ ...questionFields, label: questionFields.label.optional(), type: QuestionType.optional() })
  .strict()
  .superRefine(checkOptions)
  .meta({ id: 'UpdateQuestionBody' });
export type UpdateQuestionBody = z.infer<typeof UpdateQuestionBody>;

export const Question = z
  .object({
    id: z.string(),
    eventId: z.string(),
    label: z.string(),
    description: z.string().nullable(),
    type: QuestionType,
    options: z.array(z.string()),
    required: z.boolean(),
    appliesTo: QuestionAppliesTo,
    ticketTypeIds: z.array(z.string()),
    position: z.number().int(),
    condition: QuestionCondition.nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Question' });
export type Question = z.infer<typeof Question>;

export const QuestionList = z.object({ items: z.array(Question) }).meta({ id: 'QuestionList' });
export type QuestionList = z.infer<typeof QuestionList>;

/** text, a choice, a date (YYYY-MM-DD), a number, yes/no, or several choices. */
export const AnswerValue = z.union([
  z.string().max(10_000),
  z.number().finite(),
  z.boolean(),
  z.array(z.string().max(200)).max(50),
]);
export type AnswerValue = z.infer<typeof AnswerValue>;

/**
 * Answers keyed by question id. A list of `{questionId, value}` is read as well (what form builders
 * tend to send) and turned into the same map.
 */
export const Answers = z
  .union([
    z.record(z.string().max(100), AnswerValue),
    z
      .array(z.object({ questionId: z.string().max(100), value: AnswerValue }).strict())
      .max(MAX_QUESTIONS_PER_EVENT)
      .transform((list) => Object.fromEntries(list.map((answer) => [answer.questionId, answer.value]))),
  ])
  .refine((answers) => Object.keys(answers).length <= MAX_QUESTIONS_PER_EVENT, {
    message: `at most ${MAX_QUESTIONS_PER_EVENT} answers`,
  });
export type Answers = Record<string, AnswerValue>;

export const AttendeeDetailsInput = z
  .object({
    ticketTypeId: z
      .string()
      .min(1)
      .max(100)
      .transform((id) => id.toLowerCase()),
    ticketId: z.string().max(100).optional().describe('After payment: the ticket these details are for'),
    name: z.string().trim().max(200).optional(),
    email: z.string().trim().max(254).optional(),
    answers: Answers.optional(),
  })
  .strict();
export type AttendeeDetailsInput = z.infer<typeof AttendeeDetailsInput>;

/** What a buyer asks their invoice to name instead of themselves: a company, its address and tax id. */
export const BuyerBillingDetails = z
  .object({
    companyName: z.string().trim().min(1).max(200),
    address: z.string().trim().max(500).optional(),
    taxId: z.string().trim().max(50).optional().describe('VAT number or other tax id'),
  })
  .strict()
  .meta({ id: 'BuyerBillingDetails' });
export type BuyerBillingDetails = z.infer<typeof BuyerBillingDetails>;

export const OrderDetailsBody = z
  .object({
    buyer: z
      .object({
        name: z.string().trim().min(1).max(200).optional(),
        email: z.string().trim().max(254).optional().describe('Fixed at reserve: must be the same address'),
      })
      .strict()
      .optional(),
    answers: Answers.optional(),
    attendees: z.array(AttendeeDetailsInput).max(2_000).optional().describe('One per ticket'),
    billing: BuyerBillingDetails.nullable()
      .optional()
      .describe('Invoice to a company (shown on the invoice); null: to the buyer'),
  })
  .strict()
  .meta({ id: 'OrderDetailsBody' });
export type OrderDetailsBody = z.infer<typeof OrderDetailsBody>;

export const MissingDetail = z.object({
  path: z.string().describe('attendees.0.name, answers.<questionId>, attendees.1.answers.<questionId>'),
  questionId: z.string().optional(),
  message: z.string(),
});
export type MissingDetail = z.infer<typeof MissingDetail>;

export const AttendeeDetails = z.object({
  ticketTypeId: z.string(),
  ticketId: z.string().nullable(),
  name: z.string(),
  email: z.string().nullable(),
  answers: z.record(z.string(), AnswerValue),
});
export type AttendeeDetails = z.infer<typeof AttendeeDetails>;

/** Which per-ticket fields the event asks for (built in, off by default). */
export const AttendeeFields = z.object({ names: z.boolean(), emails: z.boolean() });
export type AttendeeFields = z.infer<typeof AttendeeFields>;

export const OrderDetails = z
  .object({
    orderId: z.string(),
    buyer: z.object({ name: z.string(), email: z.string() }),
    answers: z.record(z.string(), AnswerValue),
    attendees: z.array(AttendeeDetails),
    questions: z.array(Question).describe('The questions this order is asked, in order'),
    attendeeFields: AttendeeFields,
    billing: BuyerBillingDetails.nullable().describe('Whom the invoice names, when not the buyer'),
    complete: z.boolean().describe('Every required answer is there: the order can be paid'),
    missing: z.array(MissingDetail),
  })
  .meta({ id: 'OrderDetails' });
export type OrderDetails = z.infer<typeof OrderDetails>;

// ---- The rules, shared by the checkout form and the API ----

const PHONE = /^\+?[0-9][0-9 ()./-]{3,28}[0-9]$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = z.email();

/** An answer as one line of text (and a spreadsheet cell): choices joined, yes/no for a box. */
export function answerText(value: AnswerValue): string | number {
  if (Array.isArray(value)) return value.join('; ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return value;
}

/** Whether an answer counts as given: empty text, no choice and an unticked box do not. */
export function hasValue(value: AnswerValue | undefined): boolean {
  if (value === undefined) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'boolean') return value;
  return true;
}

/** Why a given answer does not fit its question, or undefined when it does. */
export function answerProblem(
  question: Pick<Question, 'type' | 'options'>,
  value: AnswerValue,
): string | undefined {
  if (!hasValue(value)) return undefined;
  switch (question.type) {
    case 'text':
      return typeof value === 'string' && value.length <= 1_000
        ? undefined
        : 'must be text of at most 1,000 characters';
    case 'longtext':
      return typeof value === 'string' ? undefined : 'must be text';
    case 'select':
      return typeof value === 'string' && question.options.includes(value)
        ? undefined
        : 'must be one of the options';
    case 'multiselect':
      return Array.isArray(value) &&
        value.every((choice) => question.options.includes(choice)) &&
        new Set(value).size === value.length
        ? undefined
        : 'must be distinct options of the list';
    case 'checkbox':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'email':
      return typeof value === 'string' && EMAIL.safeParse(value.trim()).success
        ? undefined
        : 'must be an email address';
    case 'phone':
      return typeof value === 'string' && PHONE.test(value.trim()) ? undefined : 'must be a phone number';
    case 'date':
      return typeof value === 'string' &&
        DATE.test(value) &&
        !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
        new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)
        ? undefined
        : 'must be a date (YYYY-MM-DD)';
    case 'number': {
      const number = typeof value === 'string' ? Number(value.trim()) : value;
      return typeof number === 'number' && Number.isFinite(number) ? undefined : 'must be a number';
    }
  }
}

/** A condition is met when the answer it names has a value (equal to, or containing, its value). */
function conditionMet(condition: QuestionCondition | null, answers: Answers): boolean {
  if (!condition) return true;
  const answer = answers[condition.questionId];
  if (!hasValue(answer)) return false;
  if (condition.value === undefined) return true;
  if (Array.isArray(answer)) return answer.includes(condition.value);
  return String(answer) === condition.value;
}

function appliesToType(question: Pick<Question, 'ticketTypeIds'>, ticketTypeId: string): boolean {
  return question.ticketTypeIds.length === 0 || question.ticketTypeIds.includes(ticketTypeId);
}

/** The order-level questions an order with these ticket types is asked. */
export function orderQuestionsFor(
  questions: readonly Question[],
  ticketTypeIds: readonly string[],
): Question[] {
  return questions.filter(
    (question) =>
      question.appliesTo === 'order' &&
      (question.ticketTypeIds.length === 0 ||
        question.ticketTypeIds.some((id) => ticketTypeIds.includes(id))),
  );
}

/** The per-ticket questions a ticket of this type is asked. */
export function attendeeQuestionsFor(questions: readonly Question[], ticketTypeId: string): Question[] {
  return questions.filter(
    (question) => question.appliesTo === 'attendee' && appliesToType(question, ticketTypeId),
  );
}

/**
 * Whether a question is shown: its condition looks at the answers of the same attendee first, then
 * at the order's (an attendee question may depend on an order answer).
 */
export function isShown(question: Question, answers: Answers, orderAnswers: Answers = {}): boolean {
  return conditionMet(question.condition, { ...orderAnswers, ...answers });
}

export interface DetailsToCheck {
  answers: Answers;
  attendees: ReadonlyArray<{
    ticketTypeId: string;
    name?: string | null;
    email?: string | null;
    answers: Answers;
  }>;
}

/** Every required answer that is missing (shown questions only), with where it belongs. */
export function missingDetails(
  questions: readonly Question[],
  fields: AttendeeFields,
  details: DetailsToCheck,
): MissingDetail[] {
  const missing: MissingDetail[] = [];
  const ticketTypeIds = [...new Set(details.attendees.map((attendee) => attendee.ticketTypeId))];
  for (const question of orderQuestionsFor(questions, ticketTypeIds))
    if (question.required && isShown(question, details.answers) && !hasValue(details.answers[question.id]))
      missing.push({
        path: `answers.${question.id}`,
        questionId: question.id,
        message: `${question.label}: required`,
      });
  details.attendees.forEach((attendee, index) => {
    if (fields.names && !attendee.name?.trim())
      missing.push({ path: `attendees.${index}.name`, message: 'attendee name: required' });
    if (fields.emails && !attendee.email?.trim())
      missing.push({ path: `attendees.${index}.email`, message: 'attendee email: required' });
    for (const question of attendeeQuestionsFor(questions, attendee.ticketTypeId))
      if (
        question.required &&
        isShown(question, attendee.answers, details.answers) &&
        !hasValue(attendee.answers[question.id])
      )
        missing.push({
          path: `attendees.${index}.answers.${question.id}`,
          questionId: question.id,
          message: `${question.label}: required`,
        });
  });
  return missing;
}

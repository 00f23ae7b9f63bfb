import { describe, expect, it } from 'vitest';
import {
  type Answers,
  answerProblem,
  type AnswerValue,
  hasValue,
  missingDetails,
  OrderDetailsBody,
  type Question,
} from './questions';

const question = (overrides: Partial<Question>): Question => ({
  id: 'q',
  eventId: 'e',
  label: 'Q',
  description: null,
  type: 'text',
  options: [],
  required: false,
  appliesTo: 'order',
  ticketTypeIds: [],
  position: 0,
  condition: null,
  createdAt: '',
  updatedAt: '',
  ...overrides,
});

describe('answerProblem', () => {
  it.each([
    ['select', ['a', 'b'], 'a', true],
    ['select', ['a', 'b'], 'c', false],
    ['multiselect', ['a', 'b'], ['a', 'b'], true],
    ['multiselect', ['a', 'b'], ['a', 'a'], false],
    ['checkbox', [], true, true],
    ['checkbox', [], 'yes', false],
    ['email', [], 'ada@example.test', true],
    ['email', [], 'ada', false],
    ['phone', [], '+44 20 7946 0958', true],
    ['phone', [], 'call me', false],
    ['date', [], '2027-02-28', true],
    ['date', [], '2027-02-30', false],
    ['number', [], '12.5', true],
    ['number', [], 'twelve', false],
    ['text', [], 'x'.repeat(1_001), false],
  ] as const)('%s %j: %j fits = %s', (type, options, value, fits) => {
    const answer: AnswerValue = typeof value === 'object' ? [...(value as readonly string[])] : value;
    const problem = answerProblem({ type, options: [...options] }, answer);
    expect(problem === undefined).toBe(fits);
  });

  it('never judges an empty answer (that is for "required")', () => {
    expect(answerProblem({ type: 'email', options: [] }, '')).toBeUndefined();
    expect(hasValue('  ')).toBe(false);
    expect(hasValue(false)).toBe(false);
    expect(hasValue([])).toBe(false);
    expect(hasValue(0)).toBe(true);
  });
});

describe('missingDetails', () => {
  const diet = question({
    id: 'diet',
    label: 'Diet',
    type: 'select',
    options: ['none', 'vegan'],
    required: true,
    appliesTo: 'attendee',
  });
  const vipOnly = question({
    id: 'shirt',
    label: 'Shirt',
    required: true,
    appliesTo: 'attendee',
    ticketTypeIds: ['vip'],
  });
  const invoice = question({ id: 'invoice', label: 'Invoice?', type: 'checkbox' });
  const company = question({
    id: 'company',
    label: 'Company',
    required: true,
    condition: { questionId: 'invoice' },
  });
  const questions = [diet, vipOnly, invoice, company];
  const attendee = (ticketTypeId: string, answers: Answers = {}, name = 'A') => ({
    ticketTypeId,
    name,
    email: null,
    answers,
  });

  it('lists every required answer of shown questions, where it belongs', () => {
    const missing = missingDetails(
      questions,
      { names: true, emails: false },
      {
        answers: {},
        attendees: [attendee('ga', {}, ''), attendee('vip', { diet: 'vegan' })],
      },
    );
    expect(missing.map((item) => item.path)).toEqual([
      'attendees.0.name',
      'attendees.0.answers.diet',
      'attendees.1.answers.shirt',
    ]);
  });

  it('asks a conditional question only once its condition holds', () => {
    const details = (answers: Answers) => ({ answers, attendees: [attendee('ga', { diet: 'none' })] });
    expect(missingDetails(questions, { names: false, emails: false }, details({}))).toEqual([]);
    expect(
      missingDetails(questions, { names: false, emails: false }, details({ invoice: true })).map(
        (m) => m.path,
      ),
    ).toEqual(['answers.company']);
    expect(
      missingDetails(questions, { names: false, emails: false }, details({ invoice: true, company: 'ACME' })),
    ).toEqual([]);
  });
});

describe('OrderDetailsBody', () => {
  it('reads answers as a map or as a list of {questionId, value}', () => {
    const asList = OrderDetailsBody.parse({ answers: [{ questionId: 'a', value: 'x' }] });
    const asMap = OrderDetailsBody.parse({ answers: { a: 'x' } });
    expect(asList.answers).toEqual({ a: 'x' });
    expect(asMap.answers).toEqual({ a: 'x' });
    expect(OrderDetailsBody.safeParse({ answers: { a: { nested: 1 } } }).success).toBe(false);
    expect(OrderDetailsBody.safeParse({ surprise: 1 }).success).toBe(false);
  });
});

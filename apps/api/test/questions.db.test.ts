import { randomUUID } from 'node:crypto';
import type { Question } from '@zevents/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/shared/clock';
import { buyer, GOOD_CARD, openSale, orderBody, reserveOk } from './checkout-helpers';
import { type Actor, createWorld, type World } from './factories';
import { buildTestApp, type TestApp } from './harness';

let t: TestApp;
let world: World;

beforeAll(async () => {
  t = buildTestApp();
  world = await createWorld(t.app, t.database.db);
});

async function addQuestion(eventId: string, body: Record<string, unknown>, actor: Actor = world.owner) {
  const res = await actor.post(`/api/events/${eventId}/questions`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Question;
}

/** An event with names per ticket on, a diet question per ticket and a company question per order. */
async function eventWithQuestions(options: { priceCents?: number; attendeeEmails?: boolean } = {}) {
  const sale = await openSale(t, world, [
    { name: 'GA', priceCents: options.priceCents ?? 2500, capacity: 50 },
    { name: 'VIP', priceCents: options.priceCents ?? 9000, capacity: 10 },
  ]);
  const patched = await world.owner.patch(`/api/events/${sale.event.id}`, {
    attendeeNames: true,
    ...(options.attendeeEmails ? { attendeeEmails: true } : {}),
  });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  expect(patched.body.attendeeNames).toBe(true);
  const diet = await addQuestion(sale.event.id, {
    label: 'Diet',
    type: 'select',
    options: ['none', 'vegetarian', 'vegan'],
    required: true,
    appliesTo: 'attendee',
  });
  const invoice = await addQuestion(sale.event.id, { label: 'Need an invoice?', type: 'checkbox' });
  const company = await addQuestion(sale.event.id, {
    label: 'Company',
    type: 'text',
    required: true,
    condition: { questionId: invoice.id },
  });
  const vipShirt = await addQuestion(sale.event.id, {
    label: 'Shirt size',
    type: 'select',
    options: ['S', 'M', 'L'],
    required: true,
    appliesTo: 'attendee',
    ticketTypeIds: [sale.types[1]?.id],
  });
  return { ...sale, questions: { diet, invoice, company, vipShirt } };
}

describe('checkout questions (organizer)', () => {
  it('are created, listed in order, edited and deleted by owners and admins; staff only read them', async () => {
    const { event } = await openSale(t, world, [{ name: 'GA', priceCents: 1000, capacity: 5 }]);
    const first = await addQuestion(event.id, { label: 'T-shirt', type: 'select', options: ['S', 'M'] });
    expect(first).toMatchObject({ required: false, appliesTo: 'order', ticketTypeIds: [], condition: null });
    const early = await addQuestion(event.id, { label: 'Phone', type: 'phone', position: 1 }, world.admin);
    const listed = await world.staff.get(`/api/events/${event.id}/questions`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((q: Question) => q.label)).toEqual(['Phone', 'T-shirt']);

    expect(
      (await world.staff.post(`/api/events/${event.id}/questions`, { label: 'x', type: 'text' })).status,
    ).toBe(403);
    expect((await world.staff.patch(`/api/questions/${first.id}`, { label: 'y' })).status).toBe(403);
    expect((await world.staff.delete(`/api/questions/${first.id}`)).status).toBe(403);
    expect((await world.outsider.get(`/api/events/${event.id}/questions`)).status).toBe(404);
    expect((await world.outsider.patch(`/api/questions/${first.id}`, { label: 'y' })).status).toBe(404);
    expect((await world.outsider.delete(`/api/questions/${first.id}`)).status).toBe(404);
    expect((await world.anonymous.get(`/api/events/${event.id}/questions`)).status).toBe(401);
    expect((await world.owner.patch(`/api/questions/${randomUUID()}`, { label: 'y' })).status).toBe(404);
    expect((await world.owner.patch('/api/questions/not-a-uuid', { label: 'y' })).status).toBe(404);

    const edited = await world.admin.patch(`/api/questions/${first.id}`, {
      required: true,
      options: ['S', 'M', 'L'],
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ label: 'T-shirt', required: true, options: ['S', 'M', 'L'] });

    expect((await world.owner.delete(`/api/questions/${early.id}`)).status).toBe(204);
    expect((await world.owner.delete(`/api/questions/${early.id}`)).status).toBe(404);
    const after = await world.owner.get(`/api/events/${event.id}/questions`);
    expect(after.body.items.map((q: Question) => q.id)).toEqual([first.id]);
  });

  it('refuses bad questions with a clear problem and creates nothing', async () => {
    const { event } = await openSale(t, world, [{ name: 'GA', priceCents: 1000, capacity: 5 }]);
    const other = await openSale(t, world, [{ name: 'Other', priceCents: 1000, capacity: 5 }]);
    const bad: Array<[Record<string, unknown>, number, string]> = [
      [{ label: 'Pick', type: 'select' }, 400, 'VALIDATION_FAILED'],
      [{ label: 'Pick', type: 'select', options: ['a', 'a'] }, 400, 'VALIDATION_FAILED'],
      [{ label: '', type: 'text' }, 400, 'VALIDATION_FAILED'],
      [{ label: 'x', type: 'colour' }, 400, 'VALIDATION_FAILED'],
      [{ label: 'x', type: 'text', appliesTo: 'ticket' }, 400, 'VALIDATION_FAILED'],
      [{ label: 'x', type: 'text', surprise: 1 }, 400, 'VALIDATION_FAILED'],
      [{ label: 'x', type: 'text', ticketTypeIds: [other.types[0]?.id] }, 422, 'TICKET_TYPE_NOT_IN_EVENT'],
      [{ label: 'x', type: 'text', ticketTypeIds: ['nope'] }, 422, 'TICKET_TYPE_NOT_IN_EVENT'],
      [{ label: 'x', type: 'text', condition: { questionId: randomUUID() } }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of bad) {
      const res = await world.owner.post(`/api/events/${event.id}/questions`, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe(code);
    }
    const listed = await world.owner.get(`/api/events/${event.id}/questions`);
    expect(listed.body.items).toEqual([]);
  });

  it('keeps conditions sound: no loops, order questions never wait on a per-ticket answer, no orphaned conditions', async () => {
    const { event } = await openSale(t, world, [{ name: 'GA', priceCents: 1000, capacity: 5 }]);
    const a = await addQuestion(event.id, { label: 'A', type: 'select', options: ['yes', 'no'] });
    const b = await addQuestion(event.id, {
      label: 'B',
      type: 'text',
      condition: { questionId: a.id, value: 'yes' },
    });
    const perTicket = await addQuestion(event.id, { label: 'P', type: 'text', appliesTo: 'attendee' });

    const loop = await world.owner.patch(`/api/questions/${a.id}`, { condition: { questionId: b.id } });
    expect(loop.status).toBe(400);
    expect(loop.body.errors[0].path).toBe('condition.questionId');
    const self = await world.owner.patch(`/api/questions/${a.id}`, { condition: { questionId: a.id } });
    expect(self.status).toBe(400);
    const wrongValue = await world.owner.post(`/api/events/${event.id}/questions`, {
      label: 'C',
      type: 'text',
      condition: { questionId: a.id, value: 'maybe' },
    });
    expect(wrongValue.status).toBe(400);
    const orderOnTicket = await world.owner.post(`/api/events/${event.id}/questions`, {
      label: 'D',
      type: 'text',
      condition: { questionId: perTicket.id },
    });
    expect(orderOnTicket.status).toBe(400);
    const nowPerTicket = await world.owner.patch(`/api/questions/${a.id}`, { appliesTo: 'attendee' });
    expect(nowPerTicket.status).toBe(400);

    const inUse = await world.owner.delete(`/api/questions/${a.id}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.code).toBe('QUESTION_IN_USE');
    expect((await world.owner.patch(`/api/questions/${b.id}`, { condition: null })).status).toBe(200);
    expect((await world.owner.delete(`/api/questions/${a.id}`)).status).toBe(204);
  });
});

describe('the details step between hold and payment', () => {
  it('refuses to pay until every required answer is given, then issues one ticket per named attendee', async () => {
    const { event, types, questions } = await eventWithQuestions();
    const [ga, vip] = types;
    if (!ga || !vip) throw new Error('no ticket types');
    const order = await reserveOk(
      world.anonymous,
      orderBody(
        event,
        [
          [ga, 2],
          [vip, 1],
        ],
        { buyer: { name: 'Ada Lovelace', email: 'ada@example.test' } },
      ),
    );
    const url = `/api/orders/${order.id}`;
    const token = `token=${order.accessToken}`;

    const blank = await world.anonymous.get(`${url}/details?${token}`);
    expect(blank.status, JSON.stringify(blank.body)).toBe(200);
    expect(blank.body.complete).toBe(false);
    expect(blank.body.attendeeFields).toEqual({ names: true, emails: false });
    expect(blank.body.attendees).toHaveLength(3);
    expect(blank.body.questions.map((q: Question) => q.label)).toEqual([
      'Diet',
      'Need an invoice?',
      'Company',
      'Shirt size',
    ]);

    const refused = await world.anonymous.post(`${url}/pay?${token}`, { card: GOOD_CARD });
    expect(refused.status).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.code).toBe('DETAILS_REQUIRED');
    const paths = refused.body.missing.map((m: { path: string }) => m.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'attendees.0.name',
        `attendees.0.answers.${questions.diet.id}`,
        `attendees.2.answers.${questions.vipShirt.id}`,
      ]),
    );
    // The company question is conditional: not asked while no invoice is wanted.
    expect(paths).not.toContain(`answers.${questions.company.id}`);
    expect((await world.anonymous.get(`${url}?${token}`)).body.status).toBe('reserved');

    // Bad answers change nothing.
    const badInputs: unknown[] = [
      { attendees: [{ ticketTypeId: ga.id, name: 'Only one' }] },
      { answers: { [questions.diet.id]: 'vegan' } },
      { answers: { [randomUUID()]: 'x' } },
      {
        attendees: [
          { ticketTypeId: ga.id, name: 'A', answers: { [questions.diet.id]: 'carnivore' } },
          { ticketTypeId: ga.id, name: 'B' },
          { ticketTypeId: vip.id, name: 'C' },
        ],
      },
      {
        attendees: [
          { ticketTypeId: ga.id, name: 'A', answers: { [questions.vipShirt.id]: 'M' } },
          { ticketTypeId: ga.id, name: 'B' },
          { ticketTypeId: vip.id, name: 'C' },
        ],
      },
      { buyer: { email: 'someone-else@example.test' } },
      { attendees: 'nope' },
      { answers: { [questions.invoice.id]: 'yes please' } },
    ];
    for (const body of badInputs) {
      const res = await world.anonymous.put(`${url}/details?${token}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    expect((await world.anonymous.get(`${url}/details?${token}`)).body).toEqual(blank.body);

    // Saving part of it is fine; the invoice answer now asks for the company too.
    const partial = await world.anonymous.put(`${url}/details?${token}`, {
      answers: { [questions.invoice.id]: true },
      attendees: [
        { ticketTypeId: ga.id, name: 'Ada Lovelace', answers: { [questions.diet.id]: 'vegan' } },
        { ticketTypeId: ga.id, name: 'Charles Babbage', answers: { [questions.diet.id]: 'none' } },
        { ticketTypeId: vip.id, name: 'Mary Somerville', answers: { [questions.diet.id]: 'vegetarian' } },
      ],
    });
    expect(partial.status, JSON.stringify(partial.body)).toBe(200);
    expect(partial.body.complete).toBe(false);
    expect(partial.body.missing.map((m: { path: string }) => m.path)).toEqual([
      `answers.${questions.company.id}`,
      `attendees.2.answers.${questions.vipShirt.id}`,
    ]);
    const stillRefused = await world.anonymous.post(`${url}/pay?${token}`, { card: GOOD_CARD });
    expect(stillRefused.body.code).toBe('DETAILS_REQUIRED');

    // The list form of answers is read too; parts left out keep their saved value.
    const complete = await world.anonymous.put(`${url}/details?${token}`, {
      buyer: { name: 'Ada King', email: 'ADA@example.test' },
      answers: [
        { questionId: questions.invoice.id, value: true },
        { questionId: questions.company.id, value: 'Analytical Engines Ltd' },
      ],
      attendees: [
        { ticketTypeId: ga.id, name: 'Ada Lovelace', answers: { [questions.diet.id]: 'vegan' } },
        { ticketTypeId: ga.id, name: 'Charles Babbage', answers: { [questions.diet.id]: 'none' } },
        {
          ticketTypeId: vip.id,
          name: 'Mary Somerville',
          answers: { [questions.diet.id]: 'vegetarian', [questions.vipShirt.id]: 'M' },
        },
      ],
    });
    expect(complete.status, JSON.stringify(complete.body)).toBe(200);
    expect(complete.body).toMatchObject({
      complete: true,
      missing: [],
      buyer: { name: 'Ada King', email: 'ada@example.test' },
    });

    const paid = await world.anonymous.post(`${url}/pay?${token}`, { card: GOOD_CARD });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.status).toBe('paid');
    const names = paid.body.tickets.map((ticket: { attendeeName: string }) => ticket.attendeeName).sort();
    expect(names).toEqual(['Ada Lovelace', 'Charles Babbage', 'Mary Somerville']);
    const mary = paid.body.tickets.find(
      (ticket: { attendeeName: string }) => ticket.attendeeName === 'Mary Somerville',
    );
    expect(mary.ticketTypeId).toBe(vip.id);
    expect(mary.answers).toEqual({ [questions.diet.id]: 'vegetarian', [questions.vipShirt.id]: 'M' });

    // After payment the buyer corrects a name on one ticket; the organizer sees the details but cannot PUT them.
    const fix = await world.anonymous.put(`${url}/details?${token}`, {
      attendees: [{ ticketTypeId: vip.id, ticketId: mary.id, name: 'Mary Fairfax', answers: mary.answers }],
    });
    expect(fix.status, JSON.stringify(fix.body)).toBe(200);
    expect(fix.body.attendees.find((a: { ticketId: string }) => a.ticketId === mary.id).name).toBe(
      'Mary Fairfax',
    );
    // The answers are in the attendee list and, one column per question, in both exports.
    const listed = await world.staff.get(`/api/events/${event.id}/attendees?q=Fairfax`);
    expect(listed.body.items[0]).toMatchObject({
      attendeeName: 'Mary Fairfax',
      answers: { [questions.vipShirt.id]: 'M' },
      orderAnswers: { [questions.company.id]: 'Analytical Engines Ltd', [questions.invoice.id]: true },
    });
    const attendeesCsv = (await world.staff.get(`/api/events/${event.id}/attendees.csv`)).text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(attendeesCsv[0]).toBe(
      'ticket_id,code,attendee_name,buyer_name,buyer_email,ticket_type,status,checked_in_at,order_id,' +
        'attendee_email,payment_method,Diet,Need an invoice?,Company,Shirt size',
    );
    const maryRow = attendeesCsv.find((line) => line.includes('Mary Fairfax')) ?? '';
    expect(maryRow.endsWith(',vegetarian,yes,Analytical Engines Ltd,M')).toBe(true);
    const ordersCsv = (await world.staff.get(`/api/events/${event.id}/orders.csv`)).text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(
      ordersCsv[0]?.endsWith('subtotal,discount,total,refunded,payment_method,Need an invoice?,Company'),
    ).toBe(true);
    // 2 x 25.00 + 90.00 in EUR, with times in the event's zone (Europe/Paris: +01:00 or +02:00).
    expect(ordersCsv[1]).toMatch(/,EUR,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00,/);
    expect(ordersCsv[1]?.endsWith(',140.00,0.00,140.00,0.00,online,yes,Analytical Engines Ltd')).toBe(true);

    const seen = await world.staff.get(`${url}/details`);
    expect(seen.status).toBe(200);
    expect(seen.body.answers[questions.company.id]).toBe('Analytical Engines Ltd');
    expect((await world.owner.put(`${url}/details`, { buyer: { name: 'X' } })).status).toBe(404);
    expect((await world.outsider.get(`${url}/details`)).status).toBe(404);
    expect((await world.anonymous.get(`${url}/details?token=forged`)).status).toBe(404);
    expect((await world.anonymous.put(`${url}/details?token=forged`, {})).status).toBe(404);
    expect((await world.anonymous.put(`/api/orders/${randomUUID()}/details?${token}`, {})).status).toBe(404);
  });

  it('keeps a free order with required answers reserved until they are given, then confirms it without a card', async () => {
    const { event, types, questions } = await eventWithQuestions({ priceCents: 0, attendeeEmails: true });
    const ga = types[0];
    if (!ga) throw new Error('no ticket type');
    const order = await reserveOk(world.anonymous, orderBody(event, [[ga, 1]]));
    expect(order.status).toBe('reserved');
    const token = `token=${order.accessToken}`;
    const refused = await world.anonymous.post(`/api/orders/${order.id}/pay?${token}`, {});
    expect(refused.status).toBe(422);
    expect(refused.body.missing.map((m: { path: string }) => m.path)).toEqual([
      'attendees.0.name',
      'attendees.0.email',
      `attendees.0.answers.${questions.diet.id}`,
    ]);
    const badEmail = await world.anonymous.put(`/api/orders/${order.id}/details?${token}`, {
      attendees: [
        {
          ticketTypeId: ga.id,
          name: 'Grace',
          email: 'not-an-email',
          answers: { [questions.diet.id]: 'none' },
        },
      ],
    });
    expect(badEmail.status).toBe(400);
    const saved = await world.anonymous.put(`/api/orders/${order.id}/details?${token}`, {
      attendees: [
        {
          ticketTypeId: ga.id,
          name: 'Grace Hopper',
          email: 'grace@example.test',
          answers: { [questions.diet.id]: 'none' },
        },
      ],
    });
    expect(saved.body.complete).toBe(true);
    const confirmed = await world.anonymous.post(`/api/orders/${order.id}/pay?${token}`, {});
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.status).toBe('paid');
    expect(confirmed.body.tickets[0]).toMatchObject({
      attendeeName: 'Grace Hopper',
      attendeeEmail: 'grace@example.test',
    });
  });

  it('leaves events that ask nothing as they were: a free order is paid at once, names default to the buyer', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'Free', priceCents: 0, capacity: 5 }]);
    const type = types[0];
    if (!type) throw new Error('no ticket type');
    const who = buyer();
    const order = await reserveOk(world.anonymous, orderBody(event, [[type, 2]], { buyer: who }));
    expect(order.status).toBe('paid');
    const details = await world.anonymous.get(`/api/orders/${order.id}/details?token=${order.accessToken}`);
    expect(details.body).toMatchObject({
      complete: true,
      questions: [],
      attendeeFields: { names: false, emails: false },
    });
    expect(details.body.attendees.map((a: { name: string }) => a.name)).toEqual([who.name, who.name]);
  });

  it('refuses details for a hold that expired', async () => {
    const clock = new ManualClock();
    const timed = buildTestApp({ clock });
    const timedWorld = await createWorld(timed.app, timed.database.db);
    const { event, types } = await openSale(timed, timedWorld, [
      { name: 'GA', priceCents: 1000, capacity: 5 },
    ]);
    const type = types[0];
    if (!type) throw new Error('no ticket type');
    const order = await reserveOk(timedWorld.anonymous, orderBody(event, [[type, 1]]));
    clock.advance(16 * 60_000);
    const late = await timedWorld.anonymous.put(
      `/api/orders/${order.id}/details?token=${order.accessToken}`,
      {
        buyer: { name: 'Too Late' },
      },
    );
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('ORDER_NOT_EDITABLE');
  });
});

import { describe, expect, it } from 'vitest';
import { CreateOrderBody } from './orders';

const ID = '0195f7d3-8c9d-7e0f-a1b2-c3d4e5f60718';
const body = (ids: string[]) => ({
  eventId: 'e',
  items: ids.map((ticketTypeId) => ({ ticketTypeId, quantity: 1 })),
  buyer: { name: 'Ada', email: 'ada@example.test' },
});

describe('CreateOrderBody', () => {
  it('refuses one ticket type named twice, whatever the letter case', () => {
    const parsed = CreateOrderBody.safeParse(body([ID.toUpperCase(), ID]));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['items']);
  });

  it('gives ticket type ids one spelling', () => {
    const parsed = CreateOrderBody.parse(body([ID.toUpperCase()]));
    expect(parsed.items[0]?.ticketTypeId).toBe(ID);
  });
});

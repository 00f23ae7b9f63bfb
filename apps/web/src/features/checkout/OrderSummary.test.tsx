import { screen, within } from '@testing-library/react';
import { formatMoney, type Order } from '@zevents/contracts';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { formatRate, orderMoneyLines } from './order-money';
import { OrderSummary } from './OrderSummary';

const base: Order = {
  id: '0b7c3c9e-8d8e-4a43-9b8f-3f0f6f4b7d11',
  eventId: 'f4f7a3d2-1c2b-4c55-8d1e-2a9b3c4d5e6f',
  status: 'reserved',
  buyer: { name: 'Ada Lovelace', email: 'ada@example.test' },
  items: [
    {
      ticketTypeId: 'ga',
      ticketTypeName: 'GA',
      quantity: 2,
      unitPriceCents: 2500,
      discountCents: 0,
      feeCents: 0,
      taxCents: 0,
      totalCents: 5000,
    },
  ],
  subtotalCents: 5000,
  discountCents: 0,
  feeCents: 0,
  taxCents: 0,
  totalCents: 5000,
  refundedCents: 0,
  currency: 'EUR',
  expiresAt: '2030-01-01T19:15:00Z',
  createdAt: '2030-01-01T19:00:00Z',
};

const vat = { id: 'vat', name: 'VAT', rateBasisPoints: 1900, inclusive: true };
const salesTax = { id: 'nyc', name: 'Sales tax', rateBasisPoints: 888, inclusive: false };

/** A German VAT line (inside the price) and a US sales tax line (on top), a discount and a service fee. */
const moneyed: Order = {
  ...base,
  items: [
    {
      ticketTypeId: 'ga',
      ticketTypeName: 'GA',
      quantity: 2,
      unitPriceCents: 2500,
      discountCents: 500,
      feeCents: 150,
      taxCents: 719,
      totalCents: 4650,
      taxRate: vat,
    },
    {
      ticketTypeId: 'vip',
      ticketTypeName: 'VIP',
      quantity: 1,
      unitPriceCents: 10000,
      discountCents: 1000,
      feeCents: 300,
      taxCents: 799,
      totalCents: 10099,
      taxRate: salesTax,
    },
  ],
  subtotalCents: 15000,
  discountCents: 1500,
  feeCents: 450,
  taxCents: 1518,
  totalCents: 14749,
};

const eur = (cents: number) => formatMoney(cents, 'EUR');

describe('orderMoneyLines', () => {
  it('is subtotal and total alone on a plain order', () => {
    expect(orderMoneyLines(base).map((line) => [line.label, line.amount])).toEqual([
      ['Subtotal', eur(5000)],
      ['Total', eur(5000)],
    ]);
  });

  it('shows the discount, the service fee, tax added per rate before the total and included tax after', () => {
    expect(orderMoneyLines(moneyed).map((line) => [line.label, line.amount])).toEqual([
      ['Subtotal', eur(15000)],
      ['Discount', `− ${eur(1500)}`],
      ['Service fee', eur(450)],
      ['Sales tax 8.88%', eur(799)],
      ['Total', eur(14749)],
      ['VAT 19% (included)', eur(719)],
    ]);
  });

  it('sums the lines of one rate into one line, and formats minor units by currency', () => {
    const yen: Order = {
      ...moneyed,
      currency: 'JPY',
      items: moneyed.items.map((item) => ({ ...item, taxRate: vat })),
    };
    const lines = orderMoneyLines(yen);
    expect(lines.filter((line) => line.label.startsWith('VAT'))).toEqual([
      { key: 'tax-vat', label: 'VAT 19% (included)', amount: formatMoney(1518, 'JPY'), tone: 'included' },
    ]);
    expect(lines.find((line) => line.key === 'total')?.amount).toBe(formatMoney(14749, 'JPY'));
    expect(formatMoney(14749, 'JPY')).not.toContain('.');
  });

  it('ends with what was refunded', () => {
    expect(orderMoneyLines({ ...base, refundedCents: 2500 }).at(-1)).toMatchObject({
      label: 'Refunded',
      amount: `− ${eur(2500)}`,
    });
  });

  it('names rates as people write them', () => {
    expect([formatRate(1900), formatRate(700), formatRate(888), formatRate(5)]).toEqual([
      '19%',
      '7%',
      '8.88%',
      '0.05%',
    ]);
  });
});

describe('OrderSummary', () => {
  it('shows every money line before paying', () => {
    renderWithProviders(<OrderSummary order={moneyed} />);
    const money = within(screen.getByTestId('order-money'));
    for (const text of [
      'Subtotal',
      'Discount',
      'Service fee',
      'Sales tax 8.88%',
      'Total',
      'VAT 19% (included)',
    ])
      expect(money.getByText(text)).toBeTruthy();
    expect(money.getByText(eur(14749))).toBeTruthy();
    expect(screen.getByText(/VIP/)).toBeTruthy();
  });

  it('leaves out the fee and tax lines when there are none', () => {
    renderWithProviders(<OrderSummary order={base} />);
    const money = within(screen.getByTestId('order-money'));
    expect(money.queryByText('Service fee')).toBeNull();
    expect(money.queryByText(/VAT|tax/)).toBeNull();
  });
});

describe('a rate named with its percentage', () => {
  it('is not said twice', () => {
    const named: Order = {
      ...moneyed,
      items: moneyed.items.map((item) =>
        item.taxRate?.id === 'vat' ? { ...item, taxRate: { ...vat, name: 'VAT 19%' } } : item,
      ),
    };
    expect(orderMoneyLines(named).map((line) => line.label)).toContain('VAT 19% (included)');
  });
});

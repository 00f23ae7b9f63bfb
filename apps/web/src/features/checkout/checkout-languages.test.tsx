import { act, screen, within } from '@testing-library/react';
import type { Order } from '@zevents/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { chooseLanguage, LANGUAGE_STORAGE_KEY } from '../../i18n/i18n';
import { renderWithProviders } from '../../test/render';
import { orderMoneyLines } from './order-money';
import { OrderSummary } from './OrderSummary';
import { describePayError } from './pay-errors';

afterEach(() => {
  chooseLanguage('en');
  window.localStorage.removeItem(LANGUAGE_STORAGE_KEY);
});

const order: Order = {
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
      feeCents: 150,
      taxCents: 887,
      totalCents: 5150,
      taxRate: { id: 'ust', name: 'USt', rateBasisPoints: 1950, inclusive: true },
    },
  ],
  subtotalCents: 5000,
  discountCents: 0,
  feeCents: 150,
  taxCents: 887,
  totalCents: 5150,
  refundedCents: 0,
  currency: 'EUR',
  expiresAt: '2030-01-01T19:15:00Z',
  createdAt: '2030-01-01T19:00:00Z',
};

describe('the checkout in other languages', () => {
  it('sums up an order in German, with German numbers, and follows a switch to French at once', () => {
    chooseLanguage('de');
    renderWithProviders(<OrderSummary order={order} />);
    const money = within(screen.getByTestId('order-money'));
    expect(money.getByText('Zwischensumme')).toBeInTheDocument();
    expect(money.getByText('Servicegebühr')).toBeInTheDocument();
    expect(money.getByText('Gesamt')).toBeInTheDocument();
    expect(money.getByText('USt 19,5% (enthalten)')).toBeInTheDocument();
    expect(money.getByText(/^51,50\s€$/)).toBeInTheDocument();
    expect(screen.getByText(/^\(je 25,00\s€\)$/)).toBeInTheDocument();
    expect(screen.getByText('Ada Lovelace').parentElement).toHaveTextContent(
      'Tickets für Ada Lovelace, gesendet an ada@example.test',
    );

    act(() => chooseLanguage('fr'));
    expect(money.getByText('Sous-total')).toBeInTheDocument();
    expect(money.getByText('USt 19,5% (incluse)')).toBeInTheDocument();
  });

  it.each([
    ['de', 'Karte abgelehnt', 'Gesamt'],
    ['fr', 'Carte refusée', 'Total'],
    ['es', 'Tarjeta rechazada', 'Total'],
  ] as const)(
    '%s: a declined card and the money lines read in that language',
    (language, declined, total) => {
      chooseLanguage(language);
      const error = new ApiError(402, { status: 402, code: 'PAYMENT_DECLINED', title: 'x', detail: 'x' });
      expect(describePayError(error).title).toBe(declined);
      expect(orderMoneyLines(order).find((line) => line.key === 'total')?.label).toBe(total);
    },
  );
});

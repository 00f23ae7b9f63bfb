import { screen } from '@testing-library/react';
import type { Order, PublicEvent } from '@zevents/contracts';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, serveApi } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import CheckoutPage from './CheckoutPage';

const ORDER_ID = '0b7c3c9e-8d8e-4a43-9b8f-3f0f6f4b7d11';
const EVENT_ID = 'f4f7a3d2-1c2b-4c55-8d1e-2a9b3c4d5e6f';
const TOKEN = 'secret-token';

const event: PublicEvent = {
  id: EVENT_ID,
  slug: 'night-jazz',
  title: 'Night Jazz',
  description: null,
  venue: 'Parc',
  startsAt: '2030-01-01T19:00:00Z',
  endsAt: '2030-01-01T23:00:00Z',
  timezone: 'Europe/Paris',
  currency: 'EUR',
  status: 'published',
  organizationName: 'Night Owls',
  category: null,
  kind: 'in_person',
  city: null,
  organizationSlug: 'night-owls',
  ticketTypes: [],
  accessCode: null,
  waitingRoom: null,
  dates: [],
};

const order = (overrides: Partial<Order>): Order => ({
  id: ORDER_ID,
  eventId: EVENT_ID,
  status: 'reserved',
  buyer: { name: 'Ada', email: 'ada@example.com' },
  items: [
    {
      ticketTypeId: 'tt-1',
      ticketTypeName: 'GA',
      quantity: 1,
      unitPriceCents: 2900,
      discountCents: 0,
      feeCents: 0,
      taxCents: 0,
      totalCents: 2900,
    },
  ],
  subtotalCents: 2900,
  discountCents: 0,
  feeCents: 0,
  taxCents: 0,
  totalCents: 2900,
  refundedCents: 0,
  currency: 'EUR',
  expiresAt: '2030-01-01T00:00:00Z',
  createdAt: '2029-12-31T23:45:00Z',
  ...overrides,
});

function renderCheckout(current: Order, provider: 'test' | 'stripe' = 'stripe', query = '') {
  serveApi({
    [`GET /api/orders/${ORDER_ID}?token=${TOKEN}`]: () => json(200, current),
    [`GET /api/public/events/${EVENT_ID}`]: () => json(200, event),
    'GET /api/public/payment-config': () =>
      json(
        200,
        provider === 'stripe'
          ? { provider, publishableKey: 'pk_test_x' }
          : { provider, testCards: { pays: '4242424242424242', declined: '4000000000000002' } },
      ),
  });
  return renderWithProviders(
    <Routes>
      <Route path="/checkout/:orderId" element={<CheckoutPage />} />
    </Routes>,
    { route: `/checkout/${ORDER_ID}?token=${TOKEN}${query}` },
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('CheckoutPage, closed orders', () => {
  it('a payment Stripe confirmed after the hold ran out, with the tickets gone: says it was refunded in full', async () => {
    renderCheckout(order({ status: 'expired', payment: { provider: 'stripe', status: 'refunded' } }));
    expect(await screen.findByRole('heading', { name: 'Your payment came too late' })).toBeInTheDocument();
    expect(screen.getByText(/the whole amount was refunded to your card/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to the event' })).toHaveAttribute(
      'href',
      `/events/${EVENT_ID}`,
    );
  });

  it('an expired hold without a payment: not charged, reserve again', async () => {
    renderCheckout(order({ status: 'expired' }), 'test');
    expect(await screen.findByRole('heading', { name: 'Your hold expired' })).toBeInTheDocument();
    expect(screen.getByText(/you were not charged/)).toBeInTheDocument();
  });

  it('a cancelled order says so', async () => {
    renderCheckout(order({ status: 'cancelled' }), 'test');
    expect(await screen.findByRole('heading', { name: 'Order cancelled' })).toBeInTheDocument();
  });

  it('back from the bank after the hold ran out: waits for Stripe instead of saying "not charged"', async () => {
    renderCheckout(
      order({ status: 'expired', payment: { provider: 'stripe', status: 'pending' } }),
      'stripe',
      '&payment_intent=pi_1&payment_intent_client_secret=pi_1_secret_x&redirect_status=succeeded',
    );
    expect(await screen.findByText('Payment accepted — issuing your tickets')).toBeInTheDocument();
    expect(screen.queryByText('Your hold expired')).not.toBeInTheDocument();
    expect(screen.queryByRole('timer')).not.toBeInTheDocument();
  });
});

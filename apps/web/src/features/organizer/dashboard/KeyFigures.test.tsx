import { screen, within } from '@testing-library/react';
import type { EventStats } from '@zevents/contracts';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../test/render';
import { featureFigures } from './feature-figures';
import { KeyFigures } from './KeyFigures';

const stats: EventStats = {
  ticketsSold: 1234,
  ticketsHeld: 12,
  capacity: 3300,
  revenueCents: 4_567_890,
  refundsCents: 12_050,
  checkedIn: 617,
  byTicketType: [],
  salesByDay: [],
  byChannel: [],
};

function card(key: string) {
  return within(screen.getByTestId(`feature-${key}`));
}

describe('KeyFigures', () => {
  it('says what the box office issued inside the totals', () => {
    const figures = featureFigures(
      {
        ...stats,
        byChannel: [
          { channel: 'online', orders: 400, tickets: 1200, revenueCents: 4_537_890 },
          { channel: 'comp', orders: 10, tickets: 24, revenueCents: 0 },
          { channel: 'cash', orders: 5, tickets: 10, revenueCents: 30_000 },
        ],
      },
      'EUR',
      'en-US',
    );
    expect(figures[0]?.hint).toBe('12 on hold in checkouts · incl. 24 comp, 10 cash');
    expect(figures[1]?.hint).toBe('after €120.50 refunded · incl. €300.00 in cash');
  });

  it('shows the four figures formatted for people', () => {
    renderWithProviders(<KeyFigures stats={stats} currency="EUR" locale="en-US" />);
    expect(card('sold').getByText('Tickets sold')).toBeInTheDocument();
    expect(card('sold').getByText('1,234')).toBeInTheDocument();
    expect(card('sold').getByText('12 on hold in checkouts')).toBeInTheDocument();
    expect(card('revenue').getByText('€45,678.90')).toBeInTheDocument();
    expect(card('revenue').getByText('after €120.50 refunded')).toBeInTheDocument();
    expect(card('capacity').getByText('37%')).toBeInTheDocument();
    expect(card('capacity').getByText('1,234 of 3,300 seats')).toBeInTheDocument();
    expect(card('checkedIn').getByText('617')).toBeInTheDocument();
    expect(card('checkedIn').getByText('50% of tickets sold')).toBeInTheDocument();
  });

  it('uses the locale for separators and the currency for decimals', () => {
    const figures = featureFigures({ ...stats, revenueCents: 123_456 }, 'EUR', 'de-DE');
    expect(figures.find((f) => f.key === 'sold')?.value).toBe('1.234');
    expect(figures.find((f) => f.key === 'revenue')?.value).toMatch(/^1\.234,56\s€$/);
    // Yen has no minor unit: 5000 is ¥5,000, not ¥50.
    expect(featureFigures({ ...stats, revenueCents: 5000 }, 'JPY', 'en-US')[1]?.value).toBe('¥5,000');
  });

  it('reads well for an event with nothing yet', () => {
    const empty: EventStats = {
      ...stats,
      ticketsSold: 0,
      ticketsHeld: 0,
      capacity: 0,
      revenueCents: 0,
      refundsCents: 0,
      checkedIn: 0,
    };
    const [sold, revenue, capacity, checkedIn] = featureFigures(empty, 'USD', 'en-US');
    expect(sold?.hint).toBe('None on hold');
    expect(revenue?.value).toBe('$0.00');
    expect(revenue?.hint).toBe('No refunds');
    expect(capacity?.value).toBe('—');
    expect(capacity?.progress).toBe(0);
    expect(checkedIn?.hint).toBe('Nobody yet');
  });

  it('shows a sliver of capacity with a decimal instead of rounding it to 0%', () => {
    const figures = featureFigures({ ...stats, ticketsSold: 3, capacity: 1000 }, 'EUR', 'en-US');
    expect(figures[2]?.value).toBe('0.3%');
  });
});

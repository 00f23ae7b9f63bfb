import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PublicEventDate, PublicTicketType } from '@zevents/contracts';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { EventDatePicker } from './EventDatePicker';
import { availabilityOfDate, chosenDateOf } from './event-dates';
import { normalizeSelection, type Selection } from './ticket-selection';
import { TicketSelector } from './TicketSelector';

const NOW = new Date('2027-01-10T12:00:00Z');
const TZ = 'Europe/Paris';

function ticketType(overrides: Pick<PublicTicketType, 'id' | 'name' | 'available'>): PublicTicketType {
  return {
    description: null,
    priceCents: 2500,
    salesStartAt: null,
    salesEndAt: null,
    minPerOrder: 1,
    maxPerOrder: 4,
    saleStatus: 'on_sale',
    waitingList: false,
    ...overrides,
  };
}

// The event-level `available` is the sum over the dates, as the API sends it.
const TYPES = [
  ticketType({ id: 'std', name: 'Standard', available: 52 }),
  ticketType({ id: 'vip', name: 'VIP', available: 3 }),
];

/** One date at 19:30 Paris time on day `day` of March 2027. */
function date(id: string, day: number, left: { std: number; vip: number }, hour = 18): PublicEventDate {
  const start = new Date(Date.UTC(2027, 2, day, hour, 30));
  return {
    id,
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
    ticketTypes: [
      { id: 'std', available: left.std },
      { id: 'vip', available: left.vip },
    ],
  };
}

const FRIDAY = date('fri', 12, { std: 50, vip: 3 });
const SATURDAY = date('sat', 13, { std: 2, vip: 0 });
const SUNDAY = date('sun', 14, { std: 0, vip: 0 });

/** The event page's ticket panel in small: the date picker, then the selector on that date's stock. */
function Harness({ dates }: { dates: PublicEventDate[] }) {
  const [dateId, setDateId] = useState<string | null>(null);
  const [raw, setRaw] = useState<Selection>({});
  const chosen = chosenDateOf(dates, dateId);
  const availability = chosen ? availabilityOfDate(chosen) : undefined;
  const selection = normalizeSelection(raw, TYPES, availability, NOW);
  return (
    <>
      <EventDatePicker
        dates={dates}
        timeZone={TZ}
        visibleTypeIds={TYPES.map((type) => type.id)}
        selectedId={chosen?.id ?? null}
        onSelect={setDateId}
      />
      <TicketSelector
        types={TYPES}
        currency="EUR"
        timeZone={TZ}
        availability={availability}
        selection={selection}
        onChange={(id, quantity) => setRaw((current) => ({ ...current, [id]: quantity }))}
        now={NOW}
        disabledReason={chosen ? undefined : 'Choose a date to see what is left'}
      />
    </>
  );
}

const add = (name: string) => screen.getByRole('button', { name: `Add one ${name} ticket` });
const count = (name: string) =>
  within(screen.getByRole('group', { name: `${name} quantity` })).getByRole('status');

describe('EventDatePicker', () => {
  it('offers each date as a radio in the venue’s time, with a badge on a sold-out one', () => {
    renderWithProviders(<Harness dates={[FRIDAY, SATURDAY, SUNDAY]} />);
    const group = screen.getByRole('radiogroup', { name: 'Choose a date' });
    const radios = within(group).getAllByRole('radio');
    expect(radios).toHaveLength(3);
    expect(radios.every((radio) => radio.getAttribute('aria-checked') === 'false')).toBe(true);
    // 18:30 UTC is 19:30 in Paris (the test runs in en-US: 7:30 PM).
    expect(radios[0]).toHaveTextContent(/Fri.*Mar.*12/);
    expect(radios[0]).toHaveTextContent(/0?7:30/);
    expect(within(radios[2] as HTMLElement).getByText('Sold out')).toBeInTheDocument();
    expect(within(radios[0] as HTMLElement).queryByText('Sold out')).toBeNull();
  });

  it('keeps the steppers off until a date is chosen, then uses that date’s stock', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Harness dates={[FRIDAY, SATURDAY, SUNDAY]} />);
    expect(add('Standard')).toBeDisabled();
    expect(screen.getAllByText('Choose a date to see what is left')).toHaveLength(2);

    await user.click(screen.getByRole('radio', { name: /Sat/ }));
    expect(screen.getByRole('radio', { name: /Sat/ })).toHaveAttribute('aria-checked', 'true');
    // Saturday has 2 Standard left (the event has 52 over all dates) and no VIP.
    expect(screen.getByText(/Only 2 left/)).toBeInTheDocument();
    await user.click(add('Standard'));
    await user.click(add('Standard'));
    expect(count('Standard')).toHaveTextContent('2');
    expect(add('Standard')).toBeDisabled();
    expect(add('VIP')).toBeDisabled();
    expect(within(screen.getByRole('article', { name: /^VIP/ })).getByText('Sold out')).toBeInTheDocument();

    // Another date: the quantity is checked against that date's stock.
    await user.click(screen.getByRole('radio', { name: /Fri/ }));
    expect(count('Standard')).toHaveTextContent('2');
    expect(add('VIP')).toBeEnabled();
    await user.click(screen.getByRole('radio', { name: /Sun/ }));
    expect(count('Standard')).toHaveTextContent('0');
    expect(add('Standard')).toBeDisabled();
  });

  it('past 14 dates, picks the day on a calendar and then the time slot', async () => {
    const user = userEvent.setup();
    const dates = [
      ...Array.from({ length: 14 }, (_, index) => date(`m${index}`, index + 1, { std: 5, vip: 1 })),
      date('20-early', 20, { std: 5, vip: 1 }, 9),
      date('20-late', 20, { std: 5, vip: 1 }, 15),
    ];
    const onSelect = vi.fn();
    renderWithProviders(
      <EventDatePicker
        dates={dates}
        timeZone={TZ}
        visibleTypeIds={['std']}
        selectedId={null}
        onSelect={onSelect}
      />,
    );
    expect(screen.queryByRole('radiogroup', { name: 'Choose a date' })).toBeNull();
    expect(screen.getByText('March 2027')).toBeInTheDocument();
    // A day without a date cannot be picked.
    expect(screen.getByRole('button', { name: /^17 March 2027/ })).toBeDisabled();

    // A day with one date picks it at once.
    await user.click(screen.getByRole('button', { name: /^3 March 2027/ }));
    expect(onSelect).toHaveBeenLastCalledWith('m2');

    // A day with two slots asks for the time.
    onSelect.mockClear();
    await user.click(screen.getByRole('button', { name: /^20 March 2027/ }));
    expect(onSelect).not.toHaveBeenCalled();
    const slots = screen.getByRole('radiogroup', { name: /^Times on/ });
    const radios = within(slots).getAllByRole('radio');
    expect(radios.map((radio) => radio.textContent)).toEqual([
      expect.stringMatching(/10:30/),
      expect.stringMatching(/0?4:30/),
    ]);
    await user.click(radios[1] as HTMLElement);
    expect(onSelect).toHaveBeenLastCalledWith('20-late');
  });
});

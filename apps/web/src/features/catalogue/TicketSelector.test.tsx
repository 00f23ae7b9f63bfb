import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PublicTicketType } from '@zevents/contracts';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { Availability } from '../../api/useEventAvailability';
import { renderWithProviders } from '../../test/render';
import {
  clampQuantity,
  maxSelectable,
  normalizeSelection,
  saleStateOf,
  selectionTotals,
  stepQuantity,
  type Selection,
} from './ticket-selection';
import { TicketSelector } from './TicketSelector';

const NOW = new Date('2027-01-10T12:00:00Z');

function ticketType(
  overrides: Partial<PublicTicketType> & Pick<PublicTicketType, 'id' | 'name'>,
): PublicTicketType {
  return {
    description: null,
    priceCents: 2500,
    available: 100,
    salesStartAt: null,
    salesEndAt: null,
    minPerOrder: 1,
    maxPerOrder: 4,
    saleStatus: 'on_sale',
    waitingList: true,
    ...overrides,
  };
}

const STANDARD = ticketType({ id: 'std', name: 'Standard', priceCents: 2500, maxPerOrder: 4 });
const GROUP = ticketType({
  id: 'grp',
  name: 'Group',
  priceCents: 1000,
  minPerOrder: 2,
  maxPerOrder: 6,
  available: 3,
});
const EARLY = ticketType({
  id: 'early',
  name: 'Early bird',
  salesStartAt: '2027-01-15T09:00:00Z',
  saleStatus: 'upcoming',
});
const LATE = ticketType({
  id: 'late',
  name: 'Last call',
  salesEndAt: '2027-01-01T00:00:00Z',
  saleStatus: 'ended',
});
const VIP = ticketType({ id: 'vip', name: 'VIP', available: 0, saleStatus: 'sold_out' });
const TYPES = [STANDARD, GROUP, EARLY, LATE, VIP];

/** The selector as the event page uses it: raw choices kept in state, normalized against the rules. */
function Harness({ availability }: { availability?: Availability }) {
  const [raw, setRaw] = useState<Selection>({});
  const selection = normalizeSelection(raw, TYPES, availability, NOW);
  return (
    <TicketSelector
      types={TYPES}
      currency="EUR"
      timeZone="Europe/Paris"
      availability={availability}
      selection={selection}
      onChange={(id, quantity) => setRaw((current) => ({ ...current, [id]: quantity }))}
      now={NOW}
    />
  );
}

/** Simulates live updates: each click on "Next update" applies the next availability. */
function LiveHarness({ updates }: { updates: Availability[] }) {
  const [step, setStep] = useState(0);
  return (
    <>
      <button type="button" onClick={() => setStep((current) => current + 1)}>
        Next update
      </button>
      <Harness availability={updates[step]} />
    </>
  );
}

const add = (name: string) => screen.getByRole('button', { name: `Add one ${name} ticket` });
const remove = (name: string) => screen.getByRole('button', { name: `Remove one ${name} ticket` });
const count = (name: string) =>
  within(screen.getByRole('group', { name: `${name} quantity` })).getByRole('status');
const total = () => screen.getByTestId('selection-total');

describe('ticket selection rules', () => {
  it('derives the sale state from the window and what is left', () => {
    expect(saleStateOf(STANDARD, 10, NOW)).toBe('on_sale');
    expect(saleStateOf(STANDARD, 0, NOW)).toBe('sold_out');
    expect(saleStateOf(EARLY, 100, NOW)).toBe('upcoming');
    expect(saleStateOf(EARLY, 100, new Date('2027-01-15T09:00:00Z'))).toBe('on_sale');
    expect(saleStateOf(LATE, 100, NOW)).toBe('ended');
  });

  it('caps the maximum by availability and refuses fewer left than the minimum', () => {
    expect(maxSelectable(STANDARD, 100)).toBe(4);
    expect(maxSelectable(STANDARD, 2)).toBe(2);
    expect(maxSelectable(GROUP, 3)).toBe(3);
    expect(maxSelectable(GROUP, 1)).toBe(0);
  });

  it('steps from 0 to the minimum and back to 0 below it', () => {
    expect(stepQuantity(GROUP, 3, 0, 1)).toBe(2);
    expect(stepQuantity(GROUP, 3, 2, 1)).toBe(3);
    expect(stepQuantity(GROUP, 3, 3, 1)).toBe(3);
    expect(stepQuantity(GROUP, 3, 2, -1)).toBe(0);
    expect(clampQuantity(STANDARD, 100, 9)).toBe(4);
  });

  it('normalizes a selection when availability drops and drops types that are not on sale', () => {
    const selection = normalizeSelection({ std: 4, early: 2, vip: 1 }, TYPES, { std: 2 }, NOW);
    expect(selection).toEqual({ std: 2 });
    expect(selectionTotals(selection, TYPES)).toEqual({ tickets: 2, subtotalCents: 5000 });
  });
});

describe('TicketSelector', () => {
  it('lets the quantity rise to the per-order maximum, then disables +', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Harness />);
    expect(remove('Standard')).toBeDisabled();
    for (let i = 0; i < 4; i += 1) await user.click(add('Standard'));
    expect(count('Standard')).toHaveTextContent('4');
    expect(add('Standard')).toBeDisabled();
    expect(total()).toHaveTextContent('4 tickets');
    expect(total()).toHaveTextContent('€100.00');
  });

  it('jumps to the per-order minimum and stops at what is left', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Harness />);
    await user.click(add('Group'));
    expect(count('Group')).toHaveTextContent('2');
    await user.click(add('Group'));
    expect(count('Group')).toHaveTextContent('3');
    // The type allows 6 per order, but only 3 are left.
    expect(add('Group')).toBeDisabled();
    await user.click(remove('Group'));
    await user.click(remove('Group'));
    expect(count('Group')).toHaveTextContent('0');
  });

  it('shows upcoming, ended and sold-out states with disabled steppers', () => {
    renderWithProviders(<Harness />);
    expect(screen.getByText(/^On sale /)).toBeInTheDocument();
    expect(screen.getByText('Sales ended')).toBeInTheDocument();
    expect(screen.getByText('Sold out')).toBeInTheDocument();
    for (const name of ['Early bird', 'Last call', 'VIP']) {
      expect(add(name)).toBeDisabled();
      expect(remove(name)).toBeDisabled();
    }
  });

  it('recomputes the total across ticket types', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Harness />);
    expect(total()).toHaveTextContent('No tickets selected');
    await user.click(add('Standard'));
    await user.click(add('Standard'));
    await user.click(add('Group'));
    expect(total()).toHaveTextContent('4 tickets');
    expect(total()).toHaveTextContent('€70.00');
    await user.click(remove('Standard'));
    expect(total()).toHaveTextContent('3 tickets');
    expect(total()).toHaveTextContent('€45.00');
  });

  it('follows live availability: fewer left shrinks the choice, none left means sold out', async () => {
    const user = userEvent.setup();
    renderWithProviders(<LiveHarness updates={[{ std: 100 }, { std: 2 }, { std: 0 }]} />);
    for (let i = 0; i < 3; i += 1) await user.click(add('Standard'));
    expect(count('Standard')).toHaveTextContent('3');

    await user.click(screen.getByRole('button', { name: 'Next update' }));
    expect(count('Standard')).toHaveTextContent('2');
    expect(add('Standard')).toBeDisabled();
    expect(screen.getByText(/Only 2 left/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Next update' }));
    expect(count('Standard')).toHaveTextContent('0');
    expect(screen.getAllByText('Sold out')).toHaveLength(2);
    expect(total()).toHaveTextContent('No tickets selected');
  });
});

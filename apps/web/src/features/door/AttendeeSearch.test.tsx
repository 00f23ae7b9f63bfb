import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, serveApi } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { AttendeeSearch } from './AttendeeSearch';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** One buyer's order of two tickets, both in the buyer's name: the door must still tell them apart. */
const attendee = (ticketId: string, code: string) => ({
  ticketId,
  code,
  attendeeName: 'Ada Lovelace',
  ticketTypeName: 'General admission',
  status: 'valid',
  checkedInAt: null,
  orderId: 'o-1',
  buyerName: 'Ada Lovelace',
  buyerEmail: 'ada@example.test',
});

describe('AttendeeSearch', { timeout: 20_000 }, () => {
  it('names each Check in button after its ticket, so two tickets of one name differ', async () => {
    serveApi({
      'GET /api/events/e-1/attendees?limit=8&q=Ada': () =>
        json(200, { items: [attendee('t1', 'K7QF-2M9X'), attendee('t2', 'P3RT-8WQA')], nextCursor: null }),
    });
    const onCheckIn = vi.fn();
    renderWithProviders(
      <AttendeeSearch eventId="e-1" timeZone="Europe/Paris" onCheckIn={onCheckIn} pendingCode={null} />,
    );
    const user = userEvent.setup({ delay: null });
    await user.type(screen.getByRole('textbox', { name: 'Search by name' }), 'Ada');
    const second = await screen.findByRole('button', { name: 'Check in Ada Lovelace, ticket P3RT-8WQA' });
    expect(
      screen.getByRole('button', { name: 'Check in Ada Lovelace, ticket K7QF-2M9X' }),
    ).toBeInTheDocument();
    const names = screen.getAllByRole('button').map((button) => button.getAttribute('aria-label'));
    expect(new Set(names).size).toBe(names.length);
    await user.click(second);
    expect(onCheckIn).toHaveBeenCalledWith('P3RT-8WQA');
  });
});

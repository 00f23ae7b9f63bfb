import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, serveApi } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { WaitingListJoin } from './WaitingListJoin';

const EVENT_ID = 'ev-1';
const JOIN = `POST /api/public/events/${EVENT_ID}/waiting-list`;
const VIP = { id: 'tt-vip', name: 'VIP', minPerOrder: 1, maxPerOrder: 4 };

function renderJoin(answer: () => Response, onTicketsAvailable = vi.fn()) {
  const fetchMock = serveApi({ [JOIN]: answer });
  renderWithProviders(
    <WaitingListJoin eventId={EVENT_ID} type={VIP} onTicketsAvailable={onTicketsAvailable} />,
  );
  return { fetchMock, onTicketsAvailable, user: userEvent.setup({ delay: null }) };
}

async function fillAndSend(user: ReturnType<typeof userEvent.setup>, quantity = '2') {
  await user.click(screen.getByRole('button', { name: 'Join the waiting list' }));
  await user.type(screen.getByRole('textbox', { name: /full name/i }), 'Ada Lovelace');
  await user.type(screen.getByRole('textbox', { name: /email/i }), 'ada@example.com');
  const tickets = screen.getByRole('textbox', { name: /tickets/i });
  await user.clear(tickets);
  if (quantity) await user.type(tickets, quantity);
  await user.click(screen.getByRole('button', { name: 'Join the waiting list' }));
}

afterEach(() => vi.unstubAllGlobals());

describe('WaitingListJoin', { timeout: 20_000 }, () => {
  it('opens a form, sends the details and shows the place in line', async () => {
    const { fetchMock, user } = renderJoin(() =>
      json(201, {
        id: 'wl-1',
        eventId: EVENT_ID,
        ticketTypeId: VIP.id,
        quantity: 2,
        position: 3,
        status: 'waiting',
        createdAt: '2027-01-10T12:00:00Z',
      }),
    );
    await fillAndSend(user);
    expect(
      await screen.findByText("You're number 3 on the waiting list. We'll email you if tickets come back."),
    ).toBeInTheDocument();
    const [, init] = fetchMock.mock.calls[0]!;
    expect(JSON.parse(String(init?.body))).toEqual({
      ticketTypeId: VIP.id,
      quantity: 2,
      name: 'Ada Lovelace',
      email: 'ada@example.com',
    });
  });

  it('asks for a quantity within the type’s limits before sending', async () => {
    const { fetchMock, user } = renderJoin(() => json(500, {}));
    await fillAndSend(user, '');
    expect(await screen.findByText('Choose between 1 and 4 tickets')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('says when the email is already on the list', async () => {
    const { user } = renderJoin(() =>
      json(409, { code: 'ALREADY_ON_WAITLIST', detail: 'Already on the waiting list' }),
    );
    await fillAndSend(user);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This email (ada@example.com) is already on the waiting list for VIP',
    );
  });

  it('sends the buyer back to buying when tickets are available again', async () => {
    const { onTicketsAvailable, user } = renderJoin(() =>
      json(409, { code: 'TICKETS_AVAILABLE', detail: 'Tickets are available' }),
    );
    await fillAndSend(user);
    expect(await screen.findByRole('alert')).toHaveTextContent('Tickets are available again — buy them now');
    expect(onTicketsAvailable).toHaveBeenCalled();
  });
});

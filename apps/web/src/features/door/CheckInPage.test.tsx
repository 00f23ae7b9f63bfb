import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CheckInResult, MemberRole } from '@zevents/contracts';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eventStats } from '../../test/event-stats';
import { json, serveApi } from '../../test/fake-api';
import { renderWithProviders } from '../../test/render';
import { EVENT_ID, event } from '../organizer/editor/catalogue-fixtures';
import CheckInPage from './CheckInPage';

/** The live socket never opens: the figures come from the stats request. */
class SilentSocket {
  close() {}
}

const ADMITTED: CheckInResult = {
  ticket: {
    id: 't1',
    ticketTypeId: 'tt-ga',
    ticketTypeName: 'General admission',
    attendeeName: 'Ada Lovelace',
    code: 'K7QF-2M9X',
    qr: 'ZE1.signed',
    status: 'checked_in',
    checkedInAt: '2030-06-01T18:42:00.000Z',
  },
  attendeeName: 'Ada Lovelace',
  ticketTypeName: 'General admission',
  checkedInAt: '2030-06-01T18:42:00.000Z',
};

function serveDoor(role: MemberRole, undoAnswer: () => Response) {
  return serveApi({
    'GET /api/me': () =>
      json(200, {
        user: { id: 'u-1', email: 'door@example.test', name: 'Door Staff', emailVerified: true },
        organizations: [{ id: 'org-1', name: 'Night Jazz Co', slug: 'night-jazz-co', role }],
      }),
    [`GET /api/events/${EVENT_ID}`]: () => json(200, event()),
    [`GET /api/events/${EVENT_ID}/stats`]: () => json(200, eventStats()),
    [`POST /api/events/${EVENT_ID}/check-ins`]: () => json(200, ADMITTED),
    [`DELETE /api/events/${EVENT_ID}/check-ins/t1`]: undoAnswer,
  });
}

function renderDoor() {
  renderWithProviders(
    <Routes>
      <Route path="/door/:eventId" element={<CheckInPage />} />
    </Routes>,
    { route: `/door/${EVENT_ID}` },
  );
}

async function checkInByCode() {
  const user = userEvent.setup({ delay: null });
  await user.type(await screen.findByRole('textbox', { name: 'Ticket code' }), 'K7QF-2M9X');
  await user.click(screen.getByRole('button', { name: 'Check in' }));
  expect(await screen.findByText('Welcome in')).toBeInTheDocument();
  return user;
}

beforeEach(() => {
  vi.stubGlobal('WebSocket', SilentSocket);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('CheckInPage', { timeout: 20_000 }, () => {
  it('is one main landmark, and offers Undo right after a check-in, which takes it back', async () => {
    const fetchMock = serveDoor('staff', () => new Response(null, { status: 204 }));
    renderDoor();
    expect(await screen.findByRole('main')).toBeInTheDocument();
    const user = await checkInByCode();
    await user.click(screen.getByRole('button', { name: 'Undo the check-in of Ada Lovelace (K7QF-2M9X)' }));
    expect(await screen.findByText('Check-in undone')).toBeInTheDocument();
    expect(screen.getByText('The ticket is valid again and can be scanned.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Undo the check-in/ })).not.toBeInTheDocument();
    expect(fetchMock.mock.calls.filter(([, init]) => init?.method === 'DELETE')).toHaveLength(1);
  });

  it('says why when the server refuses a late undo by staff', async () => {
    serveDoor('staff', () =>
      json(403, { status: 403, code: 'FORBIDDEN', title: 'Forbidden', detail: 'Too late' }),
    );
    renderDoor();
    const user = await checkInByCode();
    await user.click(screen.getByRole('button', { name: /^Undo the check-in of Ada Lovelace/ }));
    expect(await screen.findByText('Too late to undo')).toBeInTheDocument();
    expect(screen.getByText(/Ask an owner or admin/)).toBeInTheDocument();
  });

  it.each([
    ['staff', false],
    ['owner', true],
  ] as const)('after a minute, still offers Undo to %s: %s', async (role, isStillOffered) => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      serveDoor(role, () => new Response(null, { status: 204 }));
      renderDoor();
      await checkInByCode();
      const undo = screen.getByRole('button', { name: /^Undo the check-in/ });
      await vi.advanceTimersByTimeAsync(61_000);
      if (isStillOffered) expect(undo).toBeInTheDocument();
      else await waitFor(() => expect(undo).not.toBeInTheDocument());
    } finally {
      vi.useRealTimers();
    }
  });
});

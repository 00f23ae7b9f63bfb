import { screen } from '@testing-library/react';
import type { PublicWaitingRoom } from '@zevents/contracts';
import { describe, expect, it, vi } from 'vitest';
import type { WaitingRoom } from '../../api/useWaitingRoom';
import { renderWithProviders } from '../../test/render';
import { measuredAdmissionRate } from '../organizer/dashboard/WaitingRoomCard';
import { describeWait, WaitingRoomPanel } from './WaitingRoomPanel';

const room: PublicWaitingRoom = {
  opensAt: '2030-01-01T09:30:00Z',
  salesOpenAt: '2030-01-01T10:00:00Z',
  admitPerMinute: 60,
  passMinutes: 10,
};
const queue = (overrides: Partial<WaitingRoom>): WaitingRoom => ({
  state: 'waiting',
  isDrawPending: false,
  rejoin: vi.fn(),
  ...overrides,
});

describe('the waiting room panel', () => {
  it('says the place in line and the wait, in a polite live region', () => {
    renderWithProviders(<WaitingRoomPanel room={room} queue={queue({ position: 42, waitSeconds: 125 })} />);
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('42 in line');
    expect(status).toHaveTextContent('Estimated wait: about 2 minutes');
    expect(status).toHaveAttribute('aria-live', 'polite');
    expect(screen.getByRole('region', { name: 'Waiting room' })).toBeInTheDocument();
  });

  it('explains the draw before the opening, and offers a new place once the pass expired', () => {
    const { unmount } = renderWithProviders(
      <WaitingRoomPanel room={room} queue={queue({ position: 3, waitSeconds: 600, isDrawPending: true })} />,
    );
    expect(screen.getByRole('status')).toHaveTextContent('About 3 in line');
    expect(screen.getByRole('status')).toHaveTextContent('Places are drawn at random');
    unmount();
    const rejoin = vi.fn();
    renderWithProviders(<WaitingRoomPanel room={room} queue={queue({ state: 'expired', rejoin })} />);
    screen.getByRole('button', { name: 'Join the queue again' }).click();
    expect(rejoin).toHaveBeenCalled();
  });

  it('words waits and measures the admission rate from the pushes', () => {
    expect(describeWait(3)).toBe('a few seconds');
    expect(describeWait(42)).toBe('about 45 seconds');
    expect(describeWait(3_700)).toBe('about 1 h 2 min');
    expect(measuredAdmissionRate([])).toBeNull();
    expect(
      measuredAdmissionRate([
        { at: 0, queueLength: 100, admitted: 0 },
        { at: 30_000, queueLength: 70, admitted: 30 },
      ]),
    ).toBe(60);
  });
});

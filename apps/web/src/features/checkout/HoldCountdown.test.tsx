import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { HoldCountdown } from './HoldCountdown';
import { formatRemaining } from './useCountdown';

const START = new Date('2027-01-10T12:00:00Z');
const at = (seconds: number) => new Date(START.getTime() + seconds * 1000).toISOString();
const advance = (seconds: number) => act(() => vi.advanceTimersByTime(seconds * 1000));
const timer = () => screen.getByRole('timer');

describe('formatRemaining', () => {
  it('shows mm:ss, rounding up, and hours past an hour', () => {
    expect(formatRemaining(150_000)).toBe('02:30');
    expect(formatRemaining(119_001)).toBe('02:00');
    expect(formatRemaining(59_000)).toBe('00:59');
    expect(formatRemaining(0)).toBe('00:00');
    expect(formatRemaining(-5_000)).toBe('00:00');
    expect(formatRemaining(3_725_000)).toBe('1:02:05');
  });
});

describe('HoldCountdown', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: START });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts down in mm:ss', () => {
    renderWithProviders(<HoldCountdown expiresAt={at(15 * 60)} createdAt={START.toISOString()} />);
    expect(timer()).toHaveTextContent('15:00');
    advance(1);
    expect(timer()).toHaveTextContent('14:59');
    advance(10 * 60);
    expect(timer()).toHaveTextContent('04:59');
    expect(screen.getByText('Complete your payment before the timer runs out.')).toBeInTheDocument();
  });

  it('warns under 2 minutes, also for screen readers', () => {
    renderWithProviders(<HoldCountdown expiresAt={at(150)} />);
    expect(timer()).toHaveTextContent('02:30');
    expect(screen.queryByText(/Less than 2 minutes/)).not.toBeInTheDocument();
    advance(31);
    expect(timer()).toHaveTextContent('01:59');
    expect(screen.getByText('Less than 2 minutes left — complete your payment now.')).toBeInTheDocument();
    expect(screen.getByText('Less than 2 minutes left to complete your payment.')).toHaveAttribute(
      'aria-live',
      'polite',
    );
  });

  it('calls onExpire once when it reaches zero', () => {
    const onExpire = vi.fn();
    renderWithProviders(<HoldCountdown expiresAt={at(3)} onExpire={onExpire} />);
    advance(2);
    expect(onExpire).not.toHaveBeenCalled();
    expect(timer()).toHaveTextContent('00:01');
    advance(1);
    expect(timer()).toHaveTextContent('00:00');
    expect(onExpire).toHaveBeenCalledTimes(1);
    expect(screen.getByText('Your hold expired')).toBeInTheDocument();
    advance(30);
    expect(onExpire).toHaveBeenCalledTimes(1);
  });

  it('expires at once when the deadline is already past', () => {
    const onExpire = vi.fn();
    renderWithProviders(<HoldCountdown expiresAt={at(-10)} onExpire={onExpire} />);
    expect(timer()).toHaveTextContent('00:00');
    expect(onExpire).toHaveBeenCalledTimes(1);
  });
});

import { screen } from '@testing-library/react';
import type { CheckInResult, ErrorCode } from '@zevents/contracts';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { renderWithProviders } from '../../test/render';
import { CheckInResultView } from './CheckInResultView';
import { failureResult, formatDoorTime, successResult } from './door-result';

const TZ = 'Europe/Berlin';
const CHECKED_IN_AT = '2027-01-25T08:42:00.000Z';

const answer: CheckInResult = {
  ticket: {
    id: 't1',
    ticketTypeId: 'tt1',
    ticketTypeName: 'Conference pass',
    attendeeName: 'Ada Lovelace',
    code: 'K7QF-2M9X',
    qr: 'ZE1.signed',
    status: 'checked_in',
    checkedInAt: CHECKED_IN_AT,
  },
  attendeeName: 'Ada Lovelace',
  ticketTypeName: 'Conference pass',
  checkedInAt: CHECKED_IN_AT,
};

function problem(status: number, code: ErrorCode, extra: Record<string, unknown> = {}) {
  return new ApiError(status, { status, code, title: code, detail: `detail of ${code}`, ...extra });
}

function resultRegion() {
  return screen.getByTestId('scan-result');
}

function tone() {
  return resultRegion().querySelector('[data-tone]')?.getAttribute('data-tone');
}

describe('CheckInResultView', () => {
  it('announces each result to screen readers as soon as it changes', () => {
    renderWithProviders(<CheckInResultView result={null} />);
    expect(resultRegion()).toHaveAttribute('aria-live', 'assertive');
    expect(resultRegion()).toHaveAttribute('aria-atomic', 'true');
    expect(screen.getByText('Ready')).toBeInTheDocument();
    expect(tone()).toBe('idle');
  });

  it('shows that a scan is being checked', () => {
    renderWithProviders(<CheckInResultView result={null} pending />);
    expect(screen.getByText('Checking…')).toBeInTheDocument();
    expect(tone()).toBe('pending');
  });

  it('lets a valid ticket in: green, with the name and the ticket type', () => {
    renderWithProviders(<CheckInResultView result={successResult(answer, TZ)} />);
    expect(tone()).toBe('success');
    expect(screen.getByText('Welcome in')).toBeInTheDocument();
    expect(screen.getByText('Ada Lovelace')).toBeInTheDocument();
    expect(screen.getByText('Conference pass')).toBeInTheDocument();
    expect(screen.getByText(`Checked in at ${formatDoorTime(CHECKED_IN_AT, TZ)}`)).toBeInTheDocument();
    expect(resultRegion().querySelector('[data-tone]')).toHaveStyle({ background: '#157347' });
  });

  it('shows a ticket already used in amber with the time of the first scan', () => {
    const error = problem(409, 'ALREADY_CHECKED_IN', {
      checkedInAt: CHECKED_IN_AT,
      attendeeName: 'Ada Lovelace',
      ticketTypeName: 'Conference pass',
    });
    renderWithProviders(<CheckInResultView result={failureResult(error, TZ, 'K7QF-2M9X')} />);
    expect(tone()).toBe('warning');
    // 08:42 UTC is 09:42 in Berlin in January.
    const time = formatDoorTime(CHECKED_IN_AT, TZ);
    expect(time).toMatch(/9:42/);
    expect(screen.getByText(`Already checked in at ${time}`)).toBeInTheDocument();
    expect(screen.getByText('Ada Lovelace')).toBeInTheDocument();
    expect(screen.getByText('K7QF-2M9X')).toBeInTheDocument();
  });

  it('stops an unknown or forged code in red', () => {
    renderWithProviders(
      <CheckInResultView result={failureResult(problem(404, 'TICKET_NOT_FOUND'), TZ, 'zzzz-0000')} />,
    );
    expect(tone()).toBe('error');
    expect(screen.getByText('Ticket not found')).toBeInTheDocument();
    expect(screen.getByText(/mistyped or forged/)).toBeInTheDocument();
    expect(screen.getByText('ZZZZ-0000')).toBeInTheDocument();
  });

  it('stops a ticket of another event in red', () => {
    renderWithProviders(<CheckInResultView result={failureResult(problem(422, 'WRONG_EVENT'), TZ)} />);
    expect(tone()).toBe('error');
    expect(screen.getByText('Wrong event')).toBeInTheDocument();
    expect(screen.getByText(/for another event/)).toBeInTheDocument();
  });

  it('stops a ticket of another date in red, naming the date it is for', () => {
    const dates = [{ id: 'd2', startsAt: '2027-03-13T18:30:00.000Z' }];
    const error = problem(422, 'WRONG_DATE', { attendeeName: 'Ada Lovelace', ticketDateId: 'd2' });
    renderWithProviders(<CheckInResultView result={failureResult(error, TZ, 'K7QF-2M9X', dates)} />);
    expect(tone()).toBe('error');
    expect(screen.getByText('Wrong date')).toBeInTheDocument();
    expect(screen.getByText('Ada Lovelace')).toBeInTheDocument();
    expect(screen.getByText(/valid, but for Sat, Mar 13, 7:30/)).toBeInTheDocument();
    // Without a date it can name, the API's own sentence says which.
    const bare = failureResult(problem(422, 'WRONG_DATE'), TZ);
    expect(bare.detail).toBe('This ticket is valid, but for another date. detail of WRONG_DATE');
  });

  it('stops a refunded ticket in red, naming whose it was', () => {
    const error = problem(410, 'TICKET_VOID', { attendeeName: 'Alan Turing', ticketTypeName: 'Student' });
    renderWithProviders(<CheckInResultView result={failureResult(error, TZ)} />);
    expect(tone()).toBe('error');
    expect(screen.getByText('Ticket void')).toBeInTheDocument();
    expect(screen.getByText('Alan Turing')).toBeInTheDocument();
    expect(screen.getByText('Student')).toBeInTheDocument();
    expect(screen.getByText(/refunded or cancelled/)).toBeInTheDocument();
  });

  it('says so when the scan never reached the server', () => {
    renderWithProviders(<CheckInResultView result={failureResult(new TypeError('fetch failed'), TZ)} />);
    expect(tone()).toBe('error');
    expect(screen.getByText('No connection')).toBeInTheDocument();
  });

  it('does not print a long QR string as the code', () => {
    const qr = 'ZE1.rWonGdlKQIWSceD19rEicJFmGWdFO0PSuYjA4NiOYfo.A7KjaoDOt9oPzMUmdE_Irg';
    expect(failureResult(problem(404, 'TICKET_NOT_FOUND'), TZ, qr).code).toBeUndefined();
  });
});

describe('formatDoorTime', () => {
  it('gives the time alone on the day of the scan, and the date on another day', () => {
    const now = new Date('2027-01-25T12:00:00Z');
    expect(formatDoorTime(CHECKED_IN_AT, TZ, now)).not.toMatch(/Jan/);
    expect(formatDoorTime(CHECKED_IN_AT, TZ, new Date('2027-01-27T12:00:00Z'))).toMatch(/Jan|25/);
  });
});

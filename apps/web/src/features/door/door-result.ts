import type { CheckInResult } from '@zevents/contracts';
import { ApiError } from '../../api/client';
import { currentIntlLocale, i18n } from '../../i18n/i18n';

/** Results are made outside components: they translate through the app's instance, in its language now. */
const t = (key: string, values?: Record<string, string>) => i18n.t(key, values);

export type DoorTone = 'success' | 'warning' | 'error' | 'info';

/** What the door shows after one scan: colour, headline, who, and what to do. */
export interface DoorResult {
  tone: DoorTone;
  title: string;
  attendeeName?: string;
  ticketTypeName?: string;
  detail?: string;
  /** The code as scanned or typed, short codes only (a QR string is long and unreadable). */
  code?: string;
  /** When the ticket was (first) checked in. */
  checkedInAt?: string;
  /** The ticket this scan checked in: what an Undo right after it takes back. */
  ticketId?: string;
}

const str = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

export function formatDoorTime(iso: string, timeZone: string, now = new Date()): string {
  const date = new Date(iso);
  const sameDay =
    new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(date) ===
    new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(now);
  return new Intl.DateTimeFormat(currentIntlLocale(), {
    timeZone,
    hour: 'numeric',
    minute: '2-digit',
    ...(sameDay ? {} : { day: 'numeric', month: 'short' }),
  }).format(date);
}

function shortCode(code: string | undefined): string | undefined {
  return code && code.length <= 24 ? code.trim().toUpperCase() : undefined;
}

export function successResult(result: CheckInResult, timeZone: string): DoorResult {
  return {
    tone: 'success',
    title: t('web.door.outcome.welcome'),
    attendeeName: result.attendeeName,
    ticketTypeName: result.ticketTypeName,
    detail: t('web.door.outcome.checkedInAt', { time: formatDoorTime(result.checkedInAt, timeZone) }),
    code: result.ticket.code,
    checkedInAt: result.checkedInAt,
    ticketId: result.ticket.id,
  };
}

/** The scan was taken back: the person is not in, and their ticket scans again. */
export function undoneResult(scan: DoorResult): DoorResult {
  return {
    tone: 'info',
    title: t('web.door.outcome.undone'),
    attendeeName: scan.attendeeName,
    ticketTypeName: scan.ticketTypeName,
    detail: t('web.door.outcome.undoneDetail'),
    code: scan.code,
  };
}

/** Why an Undo did not go through, in words for the door. */
export function undoFailureResult(error: unknown, timeZone: string, scan: DoorResult): DoorResult {
  const who = { attendeeName: scan.attendeeName, ticketTypeName: scan.ticketTypeName, code: scan.code };
  if (error instanceof ApiError && error.code === 'FORBIDDEN')
    return {
      tone: 'error',
      title: t('web.door.outcome.tooLate'),
      ...who,
      detail: t('web.door.outcome.tooLateDetail'),
    };
  if (error instanceof ApiError && error.code === 'NOT_CHECKED_IN')
    return {
      tone: 'info',
      title: t('web.door.outcome.alreadyUndone'),
      ...who,
      detail: t('web.door.outcome.alreadyUndoneDetail'),
    };
  return failureResult(error, timeZone, scan.code);
}

/** `Sat 14 Mar, 19:30`: the date a ticket is for, as the door says it. */
function formatTicketDate(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(currentIntlLocale(), {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(iso));
}

/**
 * When the ticket of a WRONG_DATE answer is for: the problem's own time when it has one, else its
 * date looked up in the event's dates; undefined when neither says.
 */
function ticketDateOf(
  problem: Record<string, unknown>,
  dates: ReadonlyArray<{ id: string; startsAt: string }>,
): string | undefined {
  const startsAt = str(problem.ticketStartsAt) ?? str(problem.startsAt);
  if (startsAt) return startsAt;
  const dateId = str(problem.ticketDateId) ?? str(problem.dateId);
  return dates.find((date) => date.id === dateId)?.startsAt;
}

/**
 * Turns a refused check-in into words for the person at the door. `dates`: the event's, to name the
 * date a ticket of another date is for.
 */
export function failureResult(
  error: unknown,
  timeZone: string,
  code?: string,
  dates: ReadonlyArray<{ id: string; startsAt: string }> = [],
): DoorResult {
  const scanned = shortCode(code);
  if (!(error instanceof ApiError))
    return {
      tone: 'error',
      title: t('web.door.outcome.noConnection'),
      detail: t('web.door.outcome.noConnectionDetail'),
      code: scanned,
    };
  const problem = error.problem;
  const who = { attendeeName: str(problem.attendeeName), ticketTypeName: str(problem.ticketTypeName) };
  switch (error.code) {
    case 'ALREADY_CHECKED_IN': {
      const at = str(problem.checkedInAt);
      return {
        tone: 'warning',
        title: at
          ? t('web.door.outcome.alreadyAt', { time: formatDoorTime(at, timeZone) })
          : t('web.door.outcome.already'),
        ...who,
        detail: t('web.door.outcome.alreadyDetail'),
        code: scanned,
        checkedInAt: at,
      };
    }
    case 'TICKET_NOT_FOUND':
      return {
        tone: 'error',
        title: t('web.door.outcome.notFound'),
        detail: t('web.door.outcome.notFoundDetail'),
        code: scanned,
      };
    case 'WRONG_EVENT':
      return {
        tone: 'error',
        title: t('web.door.outcome.wrongEvent'),
        ...who,
        detail: t('web.door.outcome.wrongEventDetail'),
        code: scanned,
      };
    case 'WRONG_DATE': {
      const ticketDate = ticketDateOf(problem, dates);
      return {
        tone: 'error',
        title: t('web.door.outcome.wrongDate'),
        ...who,
        detail: ticketDate
          ? t('web.door.outcome.wrongDateFor', { date: formatTicketDate(ticketDate, timeZone) })
          : t('web.door.outcome.wrongDateOther', { message: error.message }),
        code: scanned,
      };
    }
    case 'TICKET_VOID':
      return {
        tone: 'error',
        title: t('web.door.outcome.void'),
        ...who,
        detail: t('web.door.outcome.voidDetail'),
        code: scanned,
      };
    case 'UNAUTHENTICATED':
      return {
        tone: 'error',
        title: t('web.door.outcome.loggedOut'),
        detail: t('web.door.outcome.loggedOutDetail'),
      };
    case 'FORBIDDEN':
    case 'NOT_FOUND':
      return {
        tone: 'error',
        title: t('web.door.outcome.notAllowed'),
        detail: t('web.door.outcome.notAllowedDetail'),
      };
    case 'RATE_LIMITED':
    case 'REQUEST_IN_PROGRESS':
      return {
        tone: 'error',
        title: t('web.door.outcome.scanAgain'),
        detail: t('web.door.outcome.scanAgainDetail'),
        code: scanned,
      };
    case 'VALIDATION_FAILED':
      return {
        tone: 'error',
        title: t('web.door.outcome.notACode'),
        detail: t('web.door.outcome.notACodeDetail'),
        code: scanned,
      };
    default:
      return { tone: 'error', title: t('web.door.outcome.failed'), detail: error.message, code: scanned };
  }
}

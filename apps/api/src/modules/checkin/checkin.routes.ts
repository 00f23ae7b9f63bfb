import {
  AttendeeList,
  AttendeesFilter,
  AttendeesQuery,
  CheckInBody,
  CheckInResult,
  EventOrderList,
  EventOrdersFilter,
  EventOrdersQuery,
  IdParam,
  UuidParam,
  UndoCheckInQuery,
} from '@zevents/contracts';
import type { Response } from 'express';
import { z } from 'zod';
import type { ApiRouter } from '../../http/route';
import type { Permission } from '../organizations';
import type { CheckinService } from './checkin.service';
import { writeCsv } from './csv-export';
import type { CsvExport, EventListsService } from './event-lists.service';

const EventParams = z.object({ eventId: UuidParam });

/** Headers first, then rows as they are fetched; a client that hangs up stops the export. */
async function sendCsv<Row>(res: Response, csv: CsvExport<Row>): Promise<void> {
  res
    .status(200)
    .type('text/csv; charset=utf-8')
    .setHeader('Content-Disposition', `attachment; filename="${csv.filename}"`)
    .setHeader('Cache-Control', 'private, no-store');
  try {
    await writeCsv(csv.rows, csv.columns, res);
  } catch (error) {
    if (res.destroyed && (error as { code?: unknown }).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
    throw error;
  }
}

export function registerCheckinRoutes(
  api: ApiRouter<Permission>,
  deps: { checkin: CheckinService; lists: EventListsService },
): void {
  const { checkin, lists } = deps;
  const door = ['Check-in'];
  const dashboard = ['Dashboard'];
  // An event's attendees and orders, as a page or as CSV: for its organizers and staff.
  const eventList = {
    access: 'member',
    permission: 'events.view',
    params: EventParams,
    status: 200,
    errors: [403],
  } as const;

  api.add(
    {
      method: 'post',
      path: '/api/events/{eventId}/check-ins',
      summary: 'Check a ticket in by its scanned QR code or its typed short code (organizers and staff)',
      description:
        'A forged or altered QR and an unknown code are 404 TICKET_NOT_FOUND; a valid QR of another event ' +
        "is 422 WRONG_EVENT; a refunded ticket is 410 TICKET_VOID; a second scan is 409 ALREADY_CHECKED_IN with the first scan's `checkedInAt`.",
      tags: door,
      access: 'member',
      permission: 'checkin',
      scopes: ['check-in'],
      params: EventParams,
      body: CheckInBody,
      status: 200,
      response: CheckInResult,
      errors: [403, 409, 410, 422],
    },
    async ({ auth, params, body }) => checkin.checkIn(auth, params.eventId, body),
    // Before the permission: a forged code costs no query and answers 404 TICKET_NOT_FOUND even to
    // an outsider (pinned), as the QR's signature is checked before the event is looked up.
    { precheck: ({ body }) => checkin.refuseUnreadableCode(body.code) },
  );

  api.add(
    {
      method: 'delete',
      path: '/api/events/{eventId}/check-ins/{ticketId}',
      summary: 'Undo a check-in: the ticket is valid again and can be scanned again',
      description:
        'Owners and admins undo any check-in at any time; staff only their own scan, within 60 seconds ' +
        'of it (403 FORBIDDEN otherwise). 204 when undone, with the undo logged beside the scan and in ' +
        'the audit log; 404 TICKET_NOT_FOUND for an unknown ticket or one of another event; ' +
        '409 NOT_CHECKED_IN when the ticket is not checked in; 410 TICKET_VOID when it was refunded.',
      tags: door,
      access: 'member',
      // Every door role reaches the handler; the service tells staff's own recent scans apart.
      permission: 'checkin',
      scopes: ['check-in'],
      params: z.object({ eventId: UuidParam, ticketId: IdParam }),
      query: UndoCheckInQuery,
      status: 204,
      errors: [403, 409, 410],
    },
    async ({ auth, params, query }) => checkin.undoCheckIn(auth, params.eventId, params.ticketId, query),
  );

  api.add(
    {
      method: 'get',
      path: '/api/events/{eventId}/attendees',
      summary: "An event's attendees (one per ticket) with their check-in state, by name",
      tags: door,
      ...eventList,
      // A door scanner looks attendees up by name; the CSV export stays a `read`.
      scopes: ['read', 'check-in'],
      query: AttendeesQuery,
      response: AttendeeList,
    },
    async ({ auth, params, query }) => lists.listAttendees(auth, params.eventId, query),
  );

  api.add(
    {
      method: 'get',
      path: '/api/events/{eventId}/attendees.csv',
      summary: "An event's attendees as CSV (streamed; same filters as the list)",
      tags: door,
      ...eventList,
      query: AttendeesFilter,
      responseContentType: 'text/csv',
    },
    async ({ auth, params, query, res }) =>
      sendCsv(res, await lists.exportAttendees(auth, params.eventId, query)),
  );

  api.add(
    {
      method: 'get',
      path: '/api/events/{eventId}/orders',
      summary: "An event's orders, newest first (filter by status, search buyer name or email)",
      tags: dashboard,
      ...eventList,
      query: EventOrdersQuery,
      response: EventOrderList,
    },
    async ({ auth, params, query }) => lists.listOrders(auth, params.eventId, query),
  );

  api.add(
    {
      method: 'get',
      path: '/api/events/{eventId}/orders.csv',
      summary: "An event's orders as CSV (streamed; same filters as the list)",
      tags: dashboard,
      ...eventList,
      query: EventOrdersFilter,
      responseContentType: 'text/csv',
    },
    async ({ auth, params, query, res }) =>
      sendCsv(res, await lists.exportOrders(auth, params.eventId, query)),
  );
}

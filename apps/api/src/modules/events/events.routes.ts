import {
  OrganizationEventsQuery,
  CreateEventBody,
  CreatePromoCodeBody,
  CreateReminderBody,
  CreateTicketTypeBody,
  Event,
  EventList,
  PromoCode,
  PromoCodeList,
  Reminder,
  ReminderList,
  TicketType,
  UpdateEventBody,
  UpdateTicketTypeBody,
  UuidParam,
} from '@zevents/contracts';
import { z } from 'zod';
import type { ApiRouter } from '../../http/route';
import type { ImageLookup } from '../media';
import type { Permission } from '../organizations';
import { registerCatalogueAdminRoutes } from './catalogue-admin.routes';
import type { EventsService } from './events.service';

const tags = ['Events'];
const OrgParams = z.object({ orgId: UuidParam });
const EventParams = z.object({ eventId: UuidParam });

export function registerEventsRoutes(
  api: ApiRouter<Permission>,
  deps: { events: EventsService; images?: ImageLookup },
): void {
  const { events, images } = deps;
  // The cover shown beside each event of an organizer's answer (the media module owns it).
  const withCovers = async <T extends { id: string }>(list: T[]): Promise<T[]> => {
    const covers = await images?.coversOf(list.map((event) => event.id));
    return list.map((event) => {
      const cover = covers?.get(event.id);
      return cover ? { ...event, cover } : event;
    });
  };
  const manage = { access: 'member', permission: 'events.manage', errors: [403, 409, 422] } as const;
  const view = { access: 'member', permission: 'events.view' } as const;

  api.add(
    {
      method: 'post',
      path: '/api/organizations/{orgId}/events',
      summary: 'Create an event (as a draft)',
      tags,
      ...manage,
      params: OrgParams,
      body: CreateEventBody,
      status: 201,
      response: Event,
    },
    async ({ auth, params, body }) => events.createEvent(auth, params.orgId, body),
  );

  api.add(
    {
      method: 'get',
      path: '/api/organizations/{orgId}/events',
      summary: "List an organization's events, newest first (or by event date with ?sort=startsAt)",
      tags,
      ...view,
      // A door scanner picks the event it checks in for.
      scopes: ['read', 'check-in'],
      params: OrgParams,
      query: OrganizationEventsQuery,
      status: 200,
      response: EventList,
    },
    async ({ auth, params, query }) => {
      const page = await events.listEvents(auth, params.orgId, query);
      return { ...page, items: await withCovers(page.items) };
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/events/{eventId}',
      summary: 'An event with its ticket types (organizer view, drafts included)',
      tags,
      ...view,
      // A door scanner shows the event and its ticket type names.
      scopes: ['read', 'check-in'],
      params: EventParams,
      status: 200,
      response: Event,
    },
    async ({ auth, params }) => {
      const event = await events.getEvent(auth, params.eventId);
      const cover = (await images?.coversOf([event.id]))?.get(event.id);
      return cover ? { ...event, cover } : event;
    },
  );

  api.add(
    {
      method: 'patch',
      path: '/api/events/{eventId}',
      summary: 'Edit an event',
      tags,
      ...manage,
      params: EventParams,
      body: UpdateEventBody,
      status: 200,
      response: Event,
    },
    async ({ auth, params, body }) => events.updateEvent(auth, params.eventId, body),
  );

  api.add(
    {
      method: 'post',
      path: '/api/events/{eventId}/publish',
      summary: 'Publish an event (it needs at least one ticket type)',
      tags,
      ...manage,
      params: EventParams,
      status: 200,
      response: Event,
    },
    async ({ auth, params }) => events.publishEvent(auth, params.eventId),
  );

  api.add(
    {
      method: 'post',
      path: '/api/events/{eventId}/cancel',
      summary: 'Cancel an event',
      tags,
      ...manage,
      params: EventParams,
      status: 200,
      response: Event,
    },
    async ({ auth, params }) => events.cancelEvent(auth, params.eventId),
  );

  api.add(
    {
      method: 'post',
      path: '/api/events/{eventId}/ticket-types',
      summary: 'Add a ticket type',
      tags,
      ...manage,
      params: EventParams,
      body: CreateTicketTypeBody,
      status: 201,
      response: TicketType,
    },
    async ({ auth, params, body }) => events.createTicketType(auth, params.eventId, body),
  );

  api.add(
    {
      method: 'patch',
      path: '/api/ticket-types/{ticketTypeId}',
      summary: 'Edit a ticket type; capacity may not drop below sold + held',
      tags,
      ...manage,
      params: z.object({ ticketTypeId: UuidParam }),
      body: UpdateTicketTypeBody,
      status: 200,
      response: TicketType,
    },
    async ({ auth, params, body }) => events.updateTicketType(auth, params.ticketTypeId, body),
  );

  api.add(
    {
      method: 'post',
      path: '/api/events/{eventId}/promo-codes',
      summary: 'Create a promo code (percent or fixed amount off)',
      tags,
      ...manage,
      params: EventParams,
      body: CreatePromoCodeBody,
      status: 201,
      response: PromoCode,
    },
    async ({ auth, params, body }) => events.createPromoCode(auth, params.eventId, body),
  );

  api.add(
    {
      method: 'get',
      path: '/api/events/{eventId}/promo-codes',
      summary: "List an event's promo codes with their use counts",
      tags,
      ...view,
      params: EventParams,
      status: 200,
      response: PromoCodeList,
    },
    async ({ auth, params }) => events.listPromoCodes(auth, params.eventId),
  );

  api.add(
    {
      method: 'post',
      path: '/api/events/{eventId}/reminders',
      summary: 'Add a reminder offset (minutes before the event starts)',
      tags,
      ...manage,
      params: EventParams,
      body: CreateReminderBody,
      status: 201,
      response: Reminder,
    },
    async ({ auth, params, body }) => events.addReminder(auth, params.eventId, body),
  );

  api.add(
    {
      method: 'get',
      path: '/api/events/{eventId}/reminders',
      summary: "List an event's reminder offsets",
      tags,
      ...view,
      params: EventParams,
      status: 200,
      response: ReminderList,
    },
    async ({ auth, params }) => events.listReminders(auth, params.eventId),
  );

  api.add(
    {
      method: 'delete',
      path: '/api/events/{eventId}/reminders/{offsetMinutes}',
      summary: 'Remove a reminder offset',
      tags,
      ...manage,
      params: z.object({ eventId: UuidParam, offsetMinutes: z.coerce.number().int().min(1).max(1_000_000) }),
      status: 204,
    },
    async ({ auth, params }) => events.removeReminder(auth, params.eventId, params.offsetMinutes),
  );

  registerCatalogueAdminRoutes(api, { events });
}

import { DateTime } from 'luxon';
import type { Db } from '../db/client';
import type { AuthContext } from '../http/auth-context';
import { createAccountsService } from '../modules/accounts/accounts.service';
import { hasAnyUser, markEmailVerified } from '../modules/accounts';
import { createEventsService } from '../modules/events/events.service';
import { createOrganizationsService } from '../modules/organizations/organizations.service';
import type { Clock } from '../shared/clock';

export const DEMO_LOGIN = {
  email: 'demo@z-events.local',
  password: 'demo-organizer-2026',
  name: 'Demo Organizer',
};

const HOUR = 3_600_000;

interface DemoEvent {
  title: string;
  description: string;
  venue: string;
  currency: string;
  /** Days from today, the local start hour in the event's own time zone, and how long it lasts. */
  schedule: { inDays: number; localHour: number; hours: number; timezone: string };
  ticketTypes: Array<{ name: string; priceCents: number; capacity: number; maxPerOrder?: number }>;
}

const DEMO_EVENTS: DemoEvent[] = [
  {
    title: 'Nightfall Jazz Festival',
    description: 'Three stages, twelve bands and a late-night jam session by the river.',
    venue: 'Parc de la Villette, Paris',
    currency: 'EUR',
    schedule: { inDays: 21, localHour: 18, hours: 8, timezone: 'Europe/Paris' },
    ticketTypes: [
      { name: 'Early bird', priceCents: 2900, capacity: 150 },
      { name: 'Standard', priceCents: 4500, capacity: 600 },
      { name: 'VIP lounge', priceCents: 12000, capacity: 40, maxPerOrder: 4 },
    ],
  },
  {
    title: 'TypeScript Summit',
    description: 'Two days of talks on types, runtimes and tooling, with workshops on the second day.',
    venue: 'Kulturbrauerei, Berlin',
    currency: 'EUR',
    schedule: { inDays: 60, localHour: 9, hours: 32, timezone: 'Europe/Berlin' },
    ticketTypes: [
      { name: 'Student', priceCents: 4900, capacity: 100, maxPerOrder: 1 },
      { name: 'Conference pass', priceCents: 34900, capacity: 800 },
      { name: 'Conference + workshop', priceCents: 54900, capacity: 120 },
    ],
  },
  {
    title: 'Harbour Lights 10K',
    description: 'An evening run along the harbour. Every finisher gets a medal and a warm drink.',
    venue: 'Waterfront Park, San Diego',
    currency: 'USD',
    schedule: { inDays: 9, localHour: 19, hours: 4, timezone: 'America/Los_Angeles' },
    ticketTypes: [
      { name: 'Runner', priceCents: 3500, capacity: 500 },
      { name: 'Kids 1K (free)', priceCents: 0, capacity: 200 },
    ],
  },
];

/**
 * On the first start against an empty database (never in production), creates a demo organizer and
 * three published events so a newcomer sees a living platform. Returns the login when it seeded.
 */
export async function seedDemoData(deps: { db: Db; clock: Clock }): Promise<typeof DEMO_LOGIN | undefined> {
  if (await hasAnyUser(deps.db)) return undefined;

  const accounts = createAccountsService(deps);
  const organizations = createOrganizationsService(deps);
  const events = createEventsService(deps);

  const session = await accounts.signup(DEMO_LOGIN);
  // The demo address has no mailbox: its owner is the operator who just started the platform.
  await markEmailVerified(deps.db, session.user.id, DEMO_LOGIN.email, deps.clock.now());
  const auth: AuthContext = { kind: 'session', userId: session.user.id, sessionId: session.sessionId };
  const org = await organizations.createOrganization(auth, { name: 'Demo Productions' });

  for (const demo of DEMO_EVENTS) {
    // Days or weeks out from today, at a sensible local hour, so the demo always looks current.
    const { inDays, localHour, hours, timezone } = demo.schedule;
    const startsAt = DateTime.fromJSDate(deps.clock.now(), { zone: timezone })
      .plus({ days: inDays })
      .set({ hour: localHour, minute: 0, second: 0, millisecond: 0 })
      .toJSDate();
    const event = await events.createEvent(auth, org.id, {
      title: demo.title,
      description: demo.description,
      venue: demo.venue,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + hours * HOUR).toISOString(),
      timezone,
      currency: demo.currency,
    });
    for (const type of demo.ticketTypes) await events.createTicketType(auth, event.id, type);
    await events.publishEvent(auth, event.id);
  }
  return DEMO_LOGIN;
}

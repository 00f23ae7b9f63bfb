import { paragraph, type Change } from './blocks';
import type { EmailEvent, EmailOrder, RenderedEmail } from './email-types';
import { formatEventSchedule } from './format';
import { renderEmail } from './layout';

export interface EventChangedInput {
  event: EmailEvent;
  order: EmailOrder;
  previous: { startsAt: Date; endsAt: Date; venue: string | null };
}

const NO_VENUE = 'To be announced';

export function renderEventChanged({ event, order, previous }: EventChangedInput): Promise<RenderedEmail> {
  const isTimeChanged =
    previous.startsAt.getTime() !== event.startsAt.getTime() ||
    previous.endsAt.getTime() !== event.endsAt.getTime();
  const isVenueChanged = previous.venue !== event.venue;
  const what =
    isTimeChanged && isVenueChanged
      ? 'time and venue'
      : isVenueChanged
        ? 'venue'
        : isTimeChanged
          ? 'time'
          : 'details';

  // The old time is shown in the event's current zone so both lines compare at a glance.
  const changes: Change[] = [
    {
      label: 'Date and time',
      before: formatEventSchedule({ ...previous, timezone: event.timezone }),
      after: formatEventSchedule(event),
    },
    { label: 'Venue', before: previous.venue ?? NO_VENUE, after: event.venue ?? NO_VENUE },
  ];

  return renderEmail({
    subject: `New ${what}: ${event.title}`,
    preheader: `${event.organizationName} has changed the ${what} of this event. Your tickets stay valid.`,
    badge: { text: 'Event updated', tone: 'warning' },
    event,
    blocks: [
      paragraph(`Hi ${order.buyerName},`),
      paragraph(
        `${event.organizationName} has changed the ${what} of `,
        { text: event.title, isStrong: true },
        '. Your tickets stay valid for the new arrangement; you do not need to do anything.',
      ),
      { kind: 'changes', changes },
      {
        kind: 'notice',
        tone: 'info',
        title: 'Update your calendar',
        text: 'If you added this event to your calendar, change it there too so you arrive at the right time and place.',
      },
      { kind: 'button', label: 'View your tickets', href: order.url },
    ],
    reason: `You are receiving this email because you hold tickets for this event (order ${order.id}, ${order.buyerEmail}).`,
  });
}

import { Anchor, Badge, Button, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCalendarEvent, IconClock, IconMapPin, IconTicket } from '@tabler/icons-react';
import type { PublicEvent, PublicEventDate } from '@zevents/contracts';
import type { ReactNode } from 'react';
import { formatDateRange, isSameWallClock, viewerTimeZone } from '../../components/ui/format';
import { Hero } from '../../components/ui/Hero';
import { ResponsiveImage } from '../../components/ui/ResponsiveImage';
import { ShareButton } from '../../components/ui/ShareButton';
import classes from './EventHero.module.css';

/** As wide as the page's container (Mantine's `lg`), the whole screen below it. */
const COVER_SIZES = '(min-width: 75em) 1140px, 100vw';
const LOGO_PIXELS = 28;

/** The organizer's name, after their logo when they have one (decorative: the name says who). */
function OrganizerLine({ event }: { event: PublicEvent }) {
  if (!event.organizationLogo) return event.organizationName;
  return (
    <Group gap={10} wrap="nowrap" component="span">
      <ResponsiveImage
        image={event.organizationLogo}
        sizes={`${LOGO_PIXELS}px`}
        isDecorative
        isEager
        className={classes.logo}
      />
      <span>{event.organizationName}</span>
    </Group>
  );
}

function Fact({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <ThemeIcon variant="light" radius="xl" size={34} aria-hidden>
        {icon}
      </ThemeIcon>
      <div style={{ minWidth: 0 }}>{children}</div>
    </Group>
  );
}

/** The top of the event page: what, when (in the event's zone and the viewer's), where, and actions. */
export function EventHero({
  event,
  isOver,
  date = null,
}: {
  event: PublicEvent;
  isOver: boolean;
  /** The date chosen (or the only one) of an event with dates: its time is the one that matters. */
  date?: PublicEventDate | null;
}) {
  const viewerZone = viewerTimeZone();
  const { startsAt, endsAt } = date ?? event;
  const showViewerTime = !isSameWallClock(startsAt, event.timezone, viewerZone);
  // Several dates and none chosen: the run from first to last, and how many to choose from.
  const dateCount = date ? 0 : event.dates.length;
  const url = typeof window === 'undefined' ? '' : `${window.location.origin}/events/${event.slug}`;

  return (
    <Stack gap="md">
      {/* The page's first paint: fetched at once, its space kept by its width and height. */}
      {event.cover && (
        <ResponsiveImage image={event.cover} sizes={COVER_SIZES} isEager className={classes.cover} />
      )}
      <Hero
        eyebrow={<OrganizerLine event={event} />}
        title={event.title}
        subtitle={
          event.status === 'cancelled' ? (
            <Badge color="red" size="lg" variant="filled">
              Cancelled
            </Badge>
          ) : isOver ? (
            <Badge color="gray" size="lg" variant="light">
              This event has ended
            </Badge>
          ) : undefined
        }
      >
        <Stack gap="sm" mt="xs">
          <Fact icon={<IconCalendarEvent size={18} />}>
            <Text fw={600}>{formatDateRange(startsAt, endsAt, event.timezone)}</Text>
            <Text size="sm" c="dimmed">
              {`${dateCount > 1 ? `${dateCount} dates to choose from · ` : ''}Local time at the venue (${event.timezone.replace(/_/g, ' ')})`}
            </Text>
          </Fact>
          {showViewerTime && (
            <Fact icon={<IconClock size={18} />}>
              <Text fw={600}>{formatDateRange(startsAt, endsAt, viewerZone)}</Text>
              <Text size="sm" c="dimmed">
                Your time ({viewerZone.replace(/_/g, ' ')})
              </Text>
            </Fact>
          )}
          {event.venue && (
            <Fact icon={<IconMapPin size={18} />}>
              <Text fw={600}>{event.venue}</Text>
              <Anchor
                size="sm"
                href={`https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(event.venue)}`}
                target="_blank"
                rel="noreferrer"
              >
                Open in Maps
              </Anchor>
            </Fact>
          )}
        </Stack>
        <Group gap="sm" mt="sm">
          {event.status === 'published' && !isOver && (
            <Button
              component="a"
              href="#tickets"
              leftSection={<IconTicket size={18} aria-hidden />}
              size="md"
            >
              Get tickets
            </Button>
          )}
          <ShareButton title={event.title} url={url} text={`${event.title} — tickets on Z-Events`} />
        </Group>
      </Hero>
    </Stack>
  );
}

import { Anchor, Badge, Button, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCalendarEvent, IconClock, IconMapPin, IconTicket, IconWorld } from '@tabler/icons-react';
import type { PublicEvent, PublicEventDate } from '@zevents/contracts';
import type { ReactNode } from 'react';
import { formatDateRange, isSameWallClock, viewerTimeZone } from '../../components/ui/format';
import { Hero } from '../../components/ui/Hero';
import { ResponsiveImage } from '../../components/ui/ResponsiveImage';
import { ShareButton } from '../../components/ui/ShareButton';
import classes from './EventHero.module.css';
import { EventBadges } from './EventCard';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** As wide as the page's container (Mantine's `lg`), the whole screen below it. */
const COVER_SIZES = '(min-width: 75em) 1140px, 100vw';
const LOGO_PIXELS = 28;

/** The organizer's name, after their logo when they have one (decorative: the name says who). */
function OrganizerLine({ event }: { event: PublicEvent }) {
  // The organizer's page (/o/{slug}) lists their other events.
  const name = (
    <Anchor component={Link} to={`/o/${event.organizationSlug}`} inherit c="inherit">
      {event.organizationName}
    </Anchor>
  );
  if (!event.organizationLogo) return name;
  return (
    <Group gap={10} wrap="nowrap" component="span">
      <ResponsiveImage
        image={event.organizationLogo}
        sizes={`${LOGO_PIXELS}px`}
        isDecorative
        isEager
        className={classes.logo}
      />
      {name}
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
  const { t } = useTranslation();
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
              {t('web.store.hero.cancelled')}
            </Badge>
          ) : isOver ? (
            <Badge color="gray" size="lg" variant="light">
              {t('web.store.hero.ended')}
            </Badge>
          ) : undefined
        }
      >
        <Stack gap="sm" mt="xs">
          <Fact icon={<IconCalendarEvent size={18} />}>
            <Text fw={600}>{formatDateRange(startsAt, endsAt, event.timezone)}</Text>
            <Text size="sm" c="dimmed">
              {`${dateCount > 1 ? `${t('web.store.hero.datesToChoose', { count: dateCount })} · ` : ''}${t(
                'web.store.hero.venueTime',
                { zone: event.timezone.replace(/_/g, ' ') },
              )}`}
            </Text>
          </Fact>
          {showViewerTime && (
            <Fact icon={<IconClock size={18} />}>
              <Text fw={600}>{formatDateRange(startsAt, endsAt, viewerZone)}</Text>
              <Text size="sm" c="dimmed">
                {t('web.store.hero.yourTime', { zone: viewerZone.replace(/_/g, ' ') })}
              </Text>
            </Fact>
          )}
          <EventBadges event={event} size="md" />
          {event.kind !== 'in_person' && (
            <Fact icon={<IconWorld size={18} />}>
              <Text fw={600}>
                {event.kind === 'online' ? t('web.store.hero.onlineEvent') : t('web.store.hero.hybridEvent')}
              </Text>
              <Text size="sm" c="dimmed">
                {t('web.store.hero.joinLink')}
              </Text>
            </Fact>
          )}
          {event.venue && (
            <Fact icon={<IconMapPin size={18} />}>
              <Text fw={600}>{event.venue}</Text>
              {event.city && !event.venue.toLowerCase().includes(event.city.toLowerCase()) && (
                <Text size="sm">{event.city}</Text>
              )}
              <Anchor
                size="sm"
                href={`https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(
                  event.city ? `${event.venue}, ${event.city}` : event.venue,
                )}`}
                target="_blank"
                rel="noreferrer"
              >
                {t('web.store.hero.openInMaps')}
              </Anchor>
            </Fact>
          )}
          {!event.venue && event.city && (
            <Fact icon={<IconMapPin size={18} />}>
              <Text fw={600}>{event.city}</Text>
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
              {t('web.store.hero.getTickets')}
            </Button>
          )}
          <ShareButton
            title={event.title}
            url={url}
            text={t('web.store.hero.shareText', { title: event.title })}
          />
        </Group>
      </Hero>
    </Stack>
  );
}

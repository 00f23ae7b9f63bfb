import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import { IconClock, IconMapPin, IconWorld } from '@tabler/icons-react';
import { formatMoney, type PublicEventSummary } from '@zevents/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentIntlLocale, i18n } from '../../i18n/i18n';
import { dateTileParts, formatDateTime } from '../../components/ui/format';
import { ResponsiveImage } from '../../components/ui/ResponsiveImage';
import { useScrollAnimation } from '../../components/ui/useScrollAnimation';
import classes from './EventCard.module.css';
import { formatPrice } from '../../components/ui/money';
import { CATEGORY_LABELS, KIND_LABELS } from './event-labels';

/** Where it happens, in one line: the venue and its city (an online event's, if it names one). */
export function placeLabel(event: Pick<PublicEventSummary, 'venue' | 'city' | 'kind'>): string | null {
  const venue = event.venue?.trim() || null;
  const city = event.city?.trim() || null;
  const place =
    venue && city && !venue.toLowerCase().includes(city.toLowerCase())
      ? `${venue} · ${city}`
      : (venue ?? city);
  // Without a place, the "Online" badge above the title already says where.
  if (event.kind === 'online') return place ? `${i18n.t('web.store.kind.online')} · ${place}` : null;
  return place;
}

/** The category and, for an event with a join link, "Online" or "Hybrid". */
export function EventBadges({
  event,
  size = 'sm',
}: {
  event: Pick<PublicEventSummary, 'category' | 'kind'>;
  size?: 'sm' | 'md' | 'lg';
}) {
  // Subscribes to the language: the labels below are read in the current one.
  useTranslation();
  if (!event.category && event.kind === 'in_person') return null;
  return (
    <Group gap={6}>
      {event.category && (
        <Badge variant="light" color="indigo" size={size}>
          {CATEGORY_LABELS[event.category]}
        </Badge>
      )}
      {event.kind !== 'in_person' && (
        <Badge variant="light" color="teal" size={size} leftSection={<IconWorld size={12} aria-hidden />}>
          {KIND_LABELS[event.kind]}
        </Badge>
      )}
    </Group>
  );
}

/** Below this many tickets left an event card says "Few left". */
const FEW_LEFT = 20;

export function priceRangeLabel(
  event: Pick<PublicEventSummary, 'minPriceCents' | 'maxPriceCents' | 'currency'>,
) {
  const { minPriceCents: min, maxPriceCents: max, currency } = event;
  if (min === null || max === null) return null;
  if (max === 0) return i18n.t('web.common.free');
  if (min === max) return formatMoney(min, currency, currentIntlLocale());
  return `${formatPrice(min, currency)} – ${formatMoney(max, currency, currentIntlLocale())}`;
}

/** The card's width at each breakpoint of the storefront's grid (1, 2, then 3 columns). */
const CARD_SIZES = '(min-width: 75em) 360px, (min-width: 48em) 50vw, 100vw';

/** The date tile and the scarcity badge: over the cover's lower edge, or on their own row without one. */
function CardHeader({ event, isOverCover = false }: { event: PublicEventSummary; isOverCover?: boolean }) {
  const { t } = useTranslation();
  const tile = dateTileParts(event.startsAt, event.timezone);
  return (
    // Over a cover the badge lines up with the tile's foot, below the picture, where it stays legible.
    <Group justify="space-between" align={isOverCover ? 'flex-end' : 'flex-start'} wrap="nowrap">
      <div className={classes.tile} aria-hidden>
        <Text size="xs" fw={700} tt="uppercase" inherit>
          {tile.month}
        </Text>
        <Text fz={26} fw={800} inherit>
          {tile.day}
        </Text>
        <Text size="xs" inherit>
          {tile.weekday}
        </Text>
      </div>
      <Group gap={6} justify="flex-end">
        {event.isSoldOut ? (
          <Badge color="red" variant="filled">
            {t('web.store.card.soldOut')}
          </Badge>
        ) : (
          event.available <= FEW_LEFT && (
            <Badge color="orange" variant="light">
              {t('web.store.card.fewLeft')}
            </Badge>
          )
        )}
      </Group>
    </Group>
  );
}

/** One upcoming event in the catalogue: its cover when it has one, a date tile, title, place, time and price. */
export function EventCard({ event, index }: { event: PublicEventSummary; index: number }) {
  // Subscribes to the language: the price and place below are worded in the current one.
  useTranslation();
  const reveal = useScrollAnimation<HTMLDivElement>();
  const price = priceRangeLabel(event);
  const place = placeLabel(event);

  return (
    <div
      ref={reveal.ref}
      className={reveal.className}
      style={{ animationRangeStart: `entry ${(index % 3) * 8}%` }}
    >
      <Link to={`/events/${event.slug}`} className={`ze-glass ${classes.card}`}>
        {event.cover ? (
          <div className={classes.media}>
            {/* Decorative: the title below names the link, the picture would only repeat it. */}
            <ResponsiveImage image={event.cover} sizes={CARD_SIZES} isDecorative className={classes.cover} />
            <div className={classes.mediaHeader}>
              <CardHeader event={event} isOverCover />
            </div>
          </div>
        ) : (
          <CardHeader event={event} />
        )}
        <Stack gap={6}>
          <EventBadges event={event} />
          <Title order={3} size="h4" className={classes.title}>
            {event.title}
          </Title>
          <Group gap={6} wrap="nowrap" c="dimmed">
            <IconClock size={16} aria-hidden style={{ flex: 'none' }} />
            <Text size="sm" c="dimmed">
              {formatDateTime(event.startsAt, event.timezone)}
            </Text>
          </Group>
          {place && (
            <Group gap={6} wrap="nowrap" c="dimmed">
              {event.kind === 'online' ? (
                <IconWorld size={16} aria-hidden style={{ flex: 'none' }} />
              ) : (
                <IconMapPin size={16} aria-hidden style={{ flex: 'none' }} />
              )}
              <Text size="sm" c="dimmed" lineClamp={1}>
                {place}
              </Text>
            </Group>
          )}
        </Stack>
        <Group justify="space-between" className={classes.footer} wrap="nowrap">
          <Text size="xs" c="dimmed" lineClamp={1}>
            {event.organizationName}
          </Text>
          {price && (
            <Text
              fw={700}
              size="sm"
              style={{ whiteSpace: 'nowrap' }}
              td={event.isSoldOut ? 'line-through' : undefined}
            >
              {price}
            </Text>
          )}
        </Group>
      </Link>
    </div>
  );
}

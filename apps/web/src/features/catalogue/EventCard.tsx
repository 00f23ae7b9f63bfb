import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import { IconClock, IconMapPin } from '@tabler/icons-react';
import { formatMoney, type PublicEventSummary } from '@zevents/contracts';
import { Link } from 'react-router';
import { dateTileParts, formatDateTime } from '../../components/ui/format';
import { useScrollAnimation } from '../../components/ui/useScrollAnimation';
import classes from './EventCard.module.css';
import { formatPrice } from '../../components/ui/money';

/** Below this many tickets left an event card says "Few left". */
const FEW_LEFT = 20;

export function priceRangeLabel(
  event: Pick<PublicEventSummary, 'minPriceCents' | 'maxPriceCents' | 'currency'>,
) {
  const { minPriceCents: min, maxPriceCents: max, currency } = event;
  if (min === null || max === null) return null;
  if (max === 0) return 'Free';
  if (min === max) return formatMoney(min, currency);
  return `${formatPrice(min, currency)} – ${formatMoney(max, currency)}`;
}

/** One upcoming event in the catalogue: a date tile, title, place, time and price. */
export function EventCard({ event, index }: { event: PublicEventSummary; index: number }) {
  const reveal = useScrollAnimation<HTMLDivElement>();
  const tile = dateTileParts(event.startsAt, event.timezone);
  const price = priceRangeLabel(event);

  return (
    <div
      ref={reveal.ref}
      className={reveal.className}
      style={{ animationRangeStart: `entry ${(index % 3) * 8}%` }}
    >
      <Link to={`/events/${event.slug}`} className={`ze-glass ${classes.card}`}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
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
                Sold out
              </Badge>
            ) : (
              event.available <= FEW_LEFT && (
                <Badge color="orange" variant="light">
                  Few left
                </Badge>
              )
            )}
          </Group>
        </Group>
        <Stack gap={6}>
          <Title order={3} size="h4" className={classes.title}>
            {event.title}
          </Title>
          <Group gap={6} wrap="nowrap" c="dimmed">
            <IconClock size={16} aria-hidden style={{ flex: 'none' }} />
            <Text size="sm" c="dimmed">
              {formatDateTime(event.startsAt, event.timezone)}
            </Text>
          </Group>
          {event.venue && (
            <Group gap={6} wrap="nowrap" c="dimmed">
              <IconMapPin size={16} aria-hidden style={{ flex: 'none' }} />
              <Text size="sm" c="dimmed" lineClamp={1}>
                {event.venue}
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

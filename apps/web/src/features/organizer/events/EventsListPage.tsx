import { Badge, Box, Button, Center, Group, Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconMapPin, IconPlus } from '@tabler/icons-react';
import { formatMoney, type Event } from '@zevents/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentIntlLocale, i18n } from '../../../i18n/i18n';
import { PageHeader } from '../../../components/ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/QueryState';
import { useCurrentOrganization } from '../layout/current-organization';
import { canManage } from '../lib/roles';
import { formatInZone } from '../lib/zoned-time';
import { useOrganizationEvents } from '../queries/useOrganizationEvents';
import { EventStatusBadge } from './EventStatusBadge';
import { formatCount } from '../../../components/ui/money';

function DateChip({ iso, timeZone }: { iso: string; timeZone: string }) {
  return (
    <Box className="ze-date-chip" aria-hidden>
      <Stack gap={4} align="center">
        <Text size="xs" fw={700} tt="uppercase" lh={1}>
          {formatInZone(iso, timeZone, { month: 'short' })}
        </Text>
        <Text fz={22} fw={800} lh={1}>
          {formatInZone(iso, timeZone, { day: 'numeric' })}
        </Text>
      </Stack>
    </Box>
  );
}

function priceRange(event: Event): string | null {
  const prices = (event.ticketTypes ?? []).map((t) => t.priceCents);
  if (prices.length === 0) return null;
  const min = Math.min(...prices);
  const max = Math.max(...prices);
  if (max === 0) return i18n.t('web.common.free');
  const from = min === 0 ? i18n.t('web.common.free') : formatMoney(min, event.currency, currentIntlLocale());
  return min === max ? from : `${from} – ${formatMoney(max, event.currency, currentIntlLocale())}`;
}

function EventCard({ event }: { event: Event }) {
  const { t } = useTranslation();
  const types = event.ticketTypes ?? [];
  const sold = types.reduce((sum, t) => sum + t.sold, 0);
  const capacity = types.reduce((sum, t) => sum + t.capacity, 0);
  const price = priceRange(event);
  const isPast = Date.parse(event.endsAt) < Date.now();
  return (
    <Paper
      component={Link}
      to={`/organizer/events/${event.id}`}
      className="ze-glass ze-card-link"
      p="lg"
      aria-label={`${event.title}, ${formatInZone(event.startsAt, event.timezone)}`}
    >
      <Stack gap="md" h="100%">
        <Group gap="md" wrap="nowrap" align="flex-start">
          <DateChip iso={event.startsAt} timeZone={event.timezone} />
          <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
            <Group gap={6}>
              <EventStatusBadge status={event.status} size="xs" />
              {isPast && (
                <Badge size="xs" variant="outline" color="gray" radius="sm">
                  {t('web.org.core.events.ended')}
                </Badge>
              )}
            </Group>
            <Text fw={700} size="lg" lh={1.25} lineClamp={2}>
              {event.title}
            </Text>
            <Text size="sm" c="dimmed">
              {formatInZone(event.startsAt, event.timezone, {
                weekday: 'short',
                hour: 'numeric',
                minute: '2-digit',
                timeZoneName: 'short',
              })}
            </Text>
          </Stack>
        </Group>
        {event.venue && (
          <Group gap={6} wrap="nowrap">
            <IconMapPin size={15} aria-hidden color="var(--mantine-color-dimmed)" />
            <Text size="sm" c="dimmed" truncate="end">
              {event.venue}
            </Text>
          </Group>
        )}
        <Stack gap={6} mt="auto">
          <Group justify="space-between">
            <Text size="sm">
              <Text span fw={700}>
                {formatCount(sold)}
              </Text>{' '}
              <Text span c="dimmed">
                {t('web.org.core.events.soldOf', { capacity: formatCount(capacity) })}
              </Text>
            </Text>
            {price && (
              <Text size="sm" c="dimmed">
                {price}
              </Text>
            )}
          </Group>
          <Progress
            value={capacity > 0 ? (sold / capacity) * 100 : 0}
            size="sm"
            radius="xl"
            aria-label={t('web.org.core.events.ticketsSoldAria', { sold, capacity })}
          />
        </Stack>
      </Stack>
    </Paper>
  );
}

/** The current organization's events, latest event date first, with totals over those loaded. */
export default function EventsListPage() {
  const { t } = useTranslation();
  const { organization } = useCurrentOrganization();
  const events = useOrganizationEvents(organization.id);
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];
  const mayCreate = canManage(organization.role);

  return (
    <>
      <PageHeader
        title={t('web.org.core.events.title')}
        description={t('web.org.core.events.description', { name: organization.name })}
        actions={
          mayCreate && (
            <Button component={Link} to="/organizer/events/new" leftSection={<IconPlus size={18} />}>
              {t('web.org.core.events.newEvent')}
            </Button>
          )
        }
      />
      {events.isPending ? (
        <LoadingState label={t('web.org.core.events.loading')} />
      ) : events.isError ? (
        <ErrorState error={events.error} onRetry={() => void events.refetch()} />
      ) : items.length === 0 ? (
        <Paper className="ze-glass" p="xl">
          <EmptyState title={t('web.org.core.events.emptyTitle')}>
            {mayCreate ? t('web.org.core.events.emptyManager') : t('web.org.core.events.emptyStaff')}
          </EmptyState>
          {mayCreate && (
            <Center>
              <Button component={Link} to="/organizer/events/new" leftSection={<IconPlus size={18} />}>
                {t('web.org.core.events.createEvent')}
              </Button>
            </Center>
          )}
        </Paper>
      ) : (
        <Stack gap="lg">
          <Text c="dimmed" size="sm" data-testid="events-totals">
            {events.hasNextPage
              ? t('web.org.core.events.countShown', { count: items.length, n: formatCount(items.length) })
              : t('web.org.core.events.count', { count: items.length, n: formatCount(items.length) })}{' '}
            ·{' '}
            {t('web.org.core.events.ticketsSoldOf', {
              sold: formatCount(
                items.flatMap((event) => event.ticketTypes ?? []).reduce((sum, type) => sum + type.sold, 0),
              ),
              capacity: formatCount(
                items
                  .flatMap((event) => event.ticketTypes ?? [])
                  .reduce((sum, type) => sum + type.capacity, 0),
              ),
            })}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, xl: 3 }} spacing="lg">
            {items.map((event) => (
              <EventCard key={event.id} event={event} />
            ))}
          </SimpleGrid>
          {events.hasNextPage && (
            <Center>
              <Button
                variant="light"
                onClick={() => void events.fetchNextPage()}
                loading={events.isFetchingNextPage}
              >
                {t('web.org.core.events.showMore')}
              </Button>
            </Center>
          )}
        </Stack>
      )}
    </>
  );
}

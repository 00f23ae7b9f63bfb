import { Anchor, Container, Group, Stack, Text, Title } from '@mantine/core';
import { IconClock, IconMapPin } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { trackEventView } from '../../api/beacon';
import { ApiError } from '../../api/client';
import { usePublicEvent } from '../../api/usePublicEvent';
import { formatDateRange } from '../../components/ui/format';
import { GlassCard } from '../../components/ui/GlassCard';
import { PAGE_CLASS } from '../../components/ui/pageClass';
import { ErrorState, LoadingState } from '../../components/ui/QueryState';
import { chosenDateOf } from '../catalogue/event-dates';
import { ReservePanel } from '../catalogue/ReservePanel';
import { EMBED_PREFIX } from './EmbedCheckoutPage';

/** `/embed/events/:idOrSlug`: the event's essentials and its ticket picker, for a frame on another site. */
export function EmbedEventPage() {
  const { t } = useTranslation();
  const { idOrSlug } = useParams();
  const event = usePublicEvent(idOrSlug);
  // The chosen date stays in the frame: its address is the host's business.
  const [dateId, setDateId] = useState<string | null>(null);
  const eventId = event.data?.id;
  useEffect(() => {
    if (eventId) trackEventView(eventId);
  }, [eventId]);

  if (event.isPending) return <LoadingState label={t('web.store.embed.loadingTickets')} />;
  if (event.isError) {
    const isMissing = event.error instanceof ApiError && event.error.status === 404;
    return (
      <Container className={PAGE_CLASS} size="sm">
        {isMissing ? (
          <GlassCard>
            <Stack align="center" ta="center" gap="xs">
              <Title order={1} size="h3">
                {t('web.store.embed.notAvailable')}
              </Title>
              <Text c="dimmed">{t('web.store.embed.notAvailableBody')}</Text>
            </Stack>
          </GlassCard>
        ) : (
          <ErrorState error={event.error} onRetry={() => void event.refetch()} />
        )}
      </Container>
    );
  }

  const data = event.data;
  const date = chosenDateOf(data.dates, dateId);
  const when = date ?? data;
  return (
    <Container className={PAGE_CLASS} size="sm" px={0}>
      <title>{t('web.store.embed.documentTitle', { title: data.title })}</title>
      <Stack gap="md">
        <Stack gap={4} px="xs">
          <Text size="xs" fw={700} c="indigo.7" tt="uppercase" style={{ letterSpacing: '0.08em' }}>
            {data.organizationName}
          </Text>
          <Title order={1} size="h2">
            {data.title}
          </Title>
          <Group gap={8} wrap="nowrap">
            <IconClock size={16} aria-hidden style={{ flex: 'none' }} />
            <Text size="sm" fw={600}>
              {formatDateRange(when.startsAt, when.endsAt, data.timezone)}
            </Text>
          </Group>
          {data.venue && (
            <Group gap={8} wrap="nowrap">
              <IconMapPin size={16} aria-hidden style={{ flex: 'none' }} />
              <Text size="sm" fw={600}>
                {data.venue}
              </Text>
            </Group>
          )}
          <Anchor
            href={`/events/${encodeURIComponent(data.slug)}`}
            target="_blank"
            rel="noreferrer"
            size="sm"
          >
            {t('web.store.embed.details')}
          </Anchor>
        </Stack>
        <ReservePanel
          event={data}
          pathPrefix={EMBED_PREFIX}
          onTicketsChanged={() => void event.refetch()}
          selectedDateId={dateId}
          onSelectDate={setDateId}
        />
      </Stack>
    </Container>
  );
}

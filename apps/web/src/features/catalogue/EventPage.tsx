import { Anchor, Box, Button, Container, Grid, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { trackEventView } from '../../api/beacon';
import { ApiError } from '../../api/client';
import { usePublicEvent } from '../../api/usePublicEvent';
import { GlassCard } from '../../components/ui/GlassCard';
import { useScrollToTop } from '../../components/ui/useScrollToTop';
import { ErrorState, LoadingState } from '../../components/ui/QueryState';
import { EventHero } from './EventHero';
import { chosenDateOf, DATE_PARAM } from './event-dates';
import classes from './EventPage.module.css';
import { GoodToKnow } from './GoodToKnow';
import { ReservePanel } from './ReservePanel';
import { PAGE_CLASS } from '../../components/ui/pageClass';

/** `/events/:idOrSlug`: everything about one event, and the way to buy a ticket for it. */
export default function EventPage() {
  const { t } = useTranslation();
  const { idOrSlug } = useParams();
  useScrollToTop(idOrSlug);
  const [searchParams, setSearchParams] = useSearchParams();
  // An access code in the link (`?code=`) shows the hidden ticket types it unlocks.
  const code = searchParams.get('code')?.trim() || undefined;
  const event = usePublicEvent(idOrSlug, code);
  // By the event's id once it is known: the link may name it by its slug.
  const eventId = event.data?.id;
  useEffect(() => {
    if (eventId) trackEventView(eventId);
  }, [eventId]);
  const applyCode = (next: string) =>
    setSearchParams(
      (current) => {
        const params = new URLSearchParams(current);
        if (next) params.set('code', next);
        else params.delete('code');
        return params;
      },
      { replace: true },
    );
  // The chosen date lives in the link, so a reload or a shared link opens on the same date.
  const dateParam = searchParams.get(DATE_PARAM);
  const selectDate = (dateId: string) =>
    setSearchParams(
      (current) => {
        const params = new URLSearchParams(current);
        params.set(DATE_PARAM, dateId);
        return params;
      },
      { replace: true, preventScrollReset: true },
    );

  if (event.isPending) return <LoadingState label={t('web.store.event.loading')} />;
  if (event.isError) {
    const isMissing = event.error instanceof ApiError && event.error.status === 404;
    return (
      <Container className={PAGE_CLASS} size="sm" py="xl">
        {isMissing ? (
          <GlassCard>
            <Stack align="center" ta="center">
              <Title order={1} size="h2">
                {t('web.store.event.notFound')}
              </Title>
              <Text c="dimmed">{t('web.store.event.notFoundBody')}</Text>
              <Button component={Link} to="/">
                {t('web.common.browseEvents')}
              </Button>
            </Stack>
          </GlassCard>
        ) : (
          <ErrorState error={event.error} onRetry={() => void event.refetch()} />
        )}
      </Container>
    );
  }

  const data = event.data;
  const isOver = new Date(data.endsAt) <= new Date();
  return (
    <Container className={PAGE_CLASS} size="lg" py={{ base: 'md', sm: 'xl' }} px={{ base: 'sm', sm: 'md' }}>
      <title>{`${data.title} — Z-Events`}</title>
      <EventHero event={data} isOver={isOver} date={chosenDateOf(data.dates, dateParam)} />
      <Grid mt="xl" gap="xl">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="xl">
            <section aria-labelledby="about-title">
              <GlassCard>
                <Title order={2} size="h3" id="about-title" mb="sm">
                  {t('web.store.event.about')}
                </Title>
                {data.description ? (
                  <Text style={{ whiteSpace: 'pre-wrap' }} size="md" lh={1.7}>
                    {data.description}
                  </Text>
                ) : (
                  <Text c="dimmed">{t('web.store.event.noDescription')}</Text>
                )}
                <Text size="sm" c="dimmed" mt="lg">
                  {t('web.store.event.organizedBy')}{' '}
                  <Anchor component={Link} to={`/o/${data.organizationSlug}`} size="sm" fw={600}>
                    {data.organizationName}
                  </Anchor>
                </Text>
              </GlassCard>
            </section>
            <Box visibleFrom="md">
              <GoodToKnow />
            </Box>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <div className={classes.panel}>
            <ReservePanel
              event={data}
              onApplyCode={applyCode}
              isCheckingCode={event.isPlaceholderData}
              onTicketsChanged={() => void event.refetch()}
              selectedDateId={dateParam}
              onSelectDate={selectDate}
            />
          </div>
          <Box hiddenFrom="md" mt="xl">
            <GoodToKnow />
          </Box>
        </Grid.Col>
      </Grid>
    </Container>
  );
}

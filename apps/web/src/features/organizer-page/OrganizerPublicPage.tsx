import { Button, Container, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { GlassCard } from '../../components/ui/GlassCard';
import { PAGE_CLASS } from '../../components/ui/pageClass';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/QueryState';
import { EventCard } from '../catalogue/EventCard';
import { linksOf, OrganizerHeader } from './OrganizerHeader';
import { PastEvents } from './PastEvents';
import { useOrganizerPage } from './useOrganizerPage';

function OrganizerNotFound() {
  const { t } = useTranslation();
  return (
    <Container className={PAGE_CLASS} size="sm" py="xl">
      <title>{`${t('web.organizerPage.notFound')} — Z-Events`}</title>
      <GlassCard>
        <Stack align="center" ta="center">
          <Title order={1} size="h2">
            {t('web.organizerPage.notFound')}
          </Title>
          <Text c="dimmed">{t('web.organizerPage.notFoundBody')}</Text>
          <Button component={Link} to="/">
            {t('web.common.browseEvents')}
          </Button>
        </Stack>
      </GlassCard>
    </Container>
  );
}

/** `/o/:slug`: an organization's public page with its upcoming events, then its past ones. */
export default function OrganizerPublicPage() {
  const { slug } = useParams();
  const query = useOrganizerPage(slug);
  const { t } = useTranslation();

  if (query.isPending) return <LoadingState label={t('web.organizerPage.loading')} />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return <OrganizerNotFound />;
    return (
      <Container className={PAGE_CLASS} size="sm" py="xl">
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </Container>
    );
  }

  const page = query.data;
  const hasLinks = linksOf(page).length > 0;
  return (
    <Container className={PAGE_CLASS} size="lg" py={{ base: 'md', sm: 'xl' }} px={{ base: 'sm', sm: 'md' }}>
      <title>{`${page.name} — Z-Events`}</title>
      <Stack gap="xl">
        <OrganizerHeader page={page} />

        <section aria-labelledby="upcoming-title">
          <Group justify="space-between" align="baseline" mb="md">
            <Title order={2} id="upcoming-title">
              {t('web.organizerPage.upcoming')}
            </Title>
            {page.upcoming.length > 0 && (
              <Text size="sm" c="dimmed">
                {t('web.organizerPage.events', { count: page.upcoming.length })}
              </Text>
            )}
          </Group>
          {page.upcoming.length === 0 ? (
            <GlassCard>
              <EmptyState title={hasLinks ? t('web.organizerPage.noneFollow') : t('web.organizerPage.none')}>
                {hasLinks
                  ? t('web.organizerPage.noneFollowBody', { name: page.name })
                  : t('web.organizerPage.noneBody', { name: page.name })}
              </EmptyState>
            </GlassCard>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg">
              {page.upcoming.map((event, index) => (
                <EventCard key={event.id} event={event} index={index} />
              ))}
            </SimpleGrid>
          )}
        </section>

        {page.past.length > 0 && (
          <section aria-labelledby="past-title">
            <Group justify="space-between" align="baseline" mb="sm">
              <Title order={2} size="h3" id="past-title" c="dimmed">
                {t('web.organizerPage.past')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('web.organizerPage.events', { count: page.past.length })}
              </Text>
            </Group>
            <PastEvents events={page.past} />
          </section>
        )}
      </Stack>
    </Container>
  );
}

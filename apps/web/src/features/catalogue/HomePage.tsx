import { Badge, Button, Container, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBolt, IconQrcode, IconShieldCheck } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link, useSearchParams } from 'react-router';
import { FeatureCards, type Feature } from '../../components/ui/FeatureCards';
import { GlassCard } from '../../components/ui/GlassCard';
import { Hero } from '../../components/ui/Hero';
import { EmptyState, ErrorState } from '../../components/ui/QueryState';
import {
  hasActiveFilters,
  priceCurrencyOf,
  readFilters,
  toServerQuery,
  viewerTimeZoneOrUtc,
  writeFilters,
} from './catalogue-filters';
import { EventCard } from './EventCard';
import { EventFilters } from './EventFilters';
import { useCatalogueEvents, useEventFacets } from './useCatalogueEvents';
import { PAGE_CLASS } from '../../components/ui/pageClass';

/** The word for organizers, in the current language (made at render, so a language switch shows). */
function features(t: TFunction): Feature[] {
  return [
    {
      icon: <IconBolt size={22} />,
      title: t('web.store.home.fairTitle'),
      description: t('web.store.home.fairBody'),
    },
    {
      icon: <IconQrcode size={22} />,
      title: t('web.store.home.fastTitle'),
      description: t('web.store.home.fastBody'),
    },
    {
      icon: <IconShieldCheck size={22} />,
      title: t('web.store.home.openTitle'),
      description: t('web.store.home.openBody'),
    },
  ];
}

function EventGridSkeleton() {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg" aria-hidden>
      {Array.from({ length: 6 }, (_, index) => (
        <Skeleton key={index} height={220} radius="xl" />
      ))}
    </SimpleGrid>
  );
}

/** `/`: upcoming events with search, place, date, category and price filters, and a word for organizers. */
export default function HomePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const [search, setSearch] = useState(filters.q);
  const [debouncedSearch] = useDebouncedValue(search, 300);
  const [location, setLocation] = useState(filters.location);
  const [debouncedLocation] = useDebouncedValue(location, 300);

  // The text boxes are debounced into the address bar; the list follows the address bar.
  useEffect(() => {
    setParams(
      (current) => {
        const next = readFilters(current);
        if (next.q === debouncedSearch.trim() && next.location === debouncedLocation.trim()) return current;
        return writeFilters({ ...next, q: debouncedSearch, location: debouncedLocation });
      },
      { replace: true },
    );
  }, [debouncedSearch, debouncedLocation, setParams]);

  const facets = useEventFacets();
  const priceCurrency = priceCurrencyOf(filters, facets.data);
  const events = useCatalogueEvents(
    toServerQuery(filters, {
      q: filters.q,
      location: filters.location,
      timeZone: viewerTimeZoneOrUtc(),
      priceCurrency,
    }),
  );
  const visible = events.data?.pages.flatMap((page) => page.items) ?? [];
  const isFiltered = hasActiveFilters(filters);

  return (
    <Container className={PAGE_CLASS} size="lg" py={{ base: 'md', sm: 'xl' }} px={{ base: 'sm', sm: 'md' }}>
      <title>{t('web.store.home.documentTitle')}</title>
      <Stack gap="xl">
        <Hero
          eyebrow={t('web.store.home.eyebrow')}
          title={t('web.store.home.title')}
          subtitle={t('web.store.home.subtitle')}
        >
          <Group gap="sm">
            <Button component="a" href="#events" size="md">
              {t('web.common.browseEvents')}
            </Button>
            <Button component={Link} to="/signup" variant="default" size="md">
              {t('web.nav.sellTickets')}
            </Button>
          </Group>
        </Hero>

        <EventFilters
          filters={filters}
          search={search}
          onSearchChange={setSearch}
          location={location}
          onLocationChange={setLocation}
          facets={facets.data}
          priceCurrency={priceCurrency}
          onChange={(next) =>
            setParams(writeFilters({ ...next, q: filters.q, location: filters.location }), {
              replace: true,
            })
          }
        />

        <section id="events" aria-labelledby="events-title" style={{ scrollMarginTop: 88 }}>
          <Group justify="space-between" align="baseline" mb="md">
            <Title order={2} id="events-title">
              {t('web.store.home.upcoming')}
            </Title>
            {events.isSuccess && (
              <Text size="sm" c="dimmed" aria-live="polite">
                {events.hasNextPage
                  ? t('web.store.home.eventsSoFar', { count: visible.length })
                  : t('web.organizerPage.events', { count: visible.length })}
              </Text>
            )}
          </Group>

          {events.isPending ? (
            <EventGridSkeleton />
          ) : events.isError ? (
            <ErrorState error={events.error} onRetry={() => void events.refetch()} />
          ) : visible.length === 0 && !events.hasNextPage ? (
            <GlassCard>
              <EmptyState title={isFiltered ? t('web.store.home.noMatch') : t('web.store.home.noneYet')}>
                {isFiltered ? t('web.store.home.noMatchBody') : t('web.store.home.noneYetBody')}
              </EmptyState>
              {isFiltered && (
                <Group justify="center">
                  <Button
                    variant="light"
                    onClick={() => {
                      setSearch('');
                      setLocation('');
                      setParams(new URLSearchParams(), { replace: true });
                    }}
                  >
                    {t('web.store.filters.clear')}
                  </Button>
                </Group>
              )}
            </GlassCard>
          ) : (
            <Stack gap="lg">
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg">
                {visible.map((event, index) => (
                  <EventCard key={event.id} event={event} index={index} />
                ))}
              </SimpleGrid>
              {events.hasNextPage && (
                <Group justify="center">
                  <Button
                    variant="default"
                    size="md"
                    loading={events.isFetchingNextPage}
                    onClick={() => void events.fetchNextPage()}
                  >
                    {t('web.store.home.loadMore')}
                  </Button>
                </Group>
              )}
            </Stack>
          )}
        </section>

        <section aria-labelledby="organizers-title">
          <Stack gap="lg" mt="xl">
            <Group justify="space-between" align="flex-end">
              <div>
                <Badge variant="light" mb="xs">
                  {t('web.store.home.forOrganizers')}
                </Badge>
                <Title order={2} id="organizers-title">
                  {t('web.store.home.sellingTitle')}
                </Title>
              </div>
              <Button component={Link} to="/signup" variant="light">
                {t('web.store.home.createEvent')}
              </Button>
            </Group>
            <FeatureCards features={features(t)} />
          </Stack>
        </section>
      </Stack>
    </Container>
  );
}

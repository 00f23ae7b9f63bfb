import { Badge, Button, Container, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBolt, IconQrcode, IconShieldCheck } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
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

const FEATURES: Feature[] = [
  {
    icon: <IconBolt size={22} />,
    title: 'Fair flash sales',
    description:
      'Every ticket is held for you the moment you reserve it — no overselling, no surprise at payment.',
  },
  {
    icon: <IconQrcode size={22} />,
    title: 'Tickets in seconds',
    description: 'Your QR tickets arrive on screen and by email, with a PDF and a calendar entry.',
  },
  {
    icon: <IconShieldCheck size={22} />,
    title: 'Open source',
    description: 'Run it yourself or sell with us. Organizers see sales and check-ins live.',
  },
];

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
      <title>Z-Events — find events and get tickets</title>
      <Stack gap="xl">
        <Hero
          eyebrow="Concerts · Conferences · Races"
          title="Live moments, fair tickets."
          subtitle="Find what's on near you and get your QR tickets in under a minute — held for you while you pay."
        >
          <Group gap="sm">
            <Button component="a" href="#events" size="md">
              Browse events
            </Button>
            <Button component={Link} to="/signup" variant="default" size="md">
              Sell tickets
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
              Upcoming events
            </Title>
            {events.isSuccess && (
              <Text size="sm" c="dimmed" aria-live="polite">
                {visible.length === 1 ? '1 event' : `${visible.length} events`}
                {events.hasNextPage ? ' so far' : ''}
              </Text>
            )}
          </Group>

          {events.isPending ? (
            <EventGridSkeleton />
          ) : events.isError ? (
            <ErrorState error={events.error} onRetry={() => void events.refetch()} />
          ) : visible.length === 0 && !events.hasNextPage ? (
            <GlassCard>
              <EmptyState title={isFiltered ? 'No events match these filters' : 'No upcoming events yet'}>
                {isFiltered
                  ? 'Try other dates, another place, a wider price range or a shorter search.'
                  : 'New events appear here as soon as organizers publish them.'}
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
                    Clear filters
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
                    Load more events
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
                  For organizers
                </Badge>
                <Title order={2} id="organizers-title">
                  Selling tickets? It takes five minutes.
                </Title>
              </div>
              <Button component={Link} to="/signup" variant="light">
                Create your event
              </Button>
            </Group>
            <FeatureCards features={FEATURES} />
          </Stack>
        </section>
      </Stack>
    </Container>
  );
}

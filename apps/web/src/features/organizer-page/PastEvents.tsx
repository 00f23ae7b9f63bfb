import { SimpleGrid, Text } from '@mantine/core';
import type { PublicEventSummary } from '@zevents/contracts';
import { Link } from 'react-router';
import { formatDate } from '../../components/ui/format';
import { ResponsiveImage } from '../../components/ui/ResponsiveImage';
import classes from './OrganizerPublicPage.module.css';

/** Events that have ended, latest first: smaller and quieter than the upcoming cards. */
export function PastEvents({ events }: { events: PublicEventSummary[] }) {
  return (
    <SimpleGrid
      component="ul"
      cols={{ base: 1, sm: 2, lg: 3 }}
      spacing="sm"
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
    >
      {events.map((event) => (
        <li key={event.id}>
          <Link to={`/events/${event.slug}`} className={`ze-glass ${classes.pastItem}`}>
            {event.cover && (
              <ResponsiveImage image={event.cover} sizes="72px" isDecorative className={classes.pastThumb} />
            )}
            <div className={classes.pastTitle}>
              <Text fw={600} size="sm" lineClamp={2}>
                {event.title}
              </Text>
              <Text size="xs" c="dimmed" lineClamp={1}>
                {event.venue
                  ? `${formatDate(event.startsAt, event.timezone)} · ${event.venue}`
                  : formatDate(event.startsAt, event.timezone)}
              </Text>
            </div>
          </Link>
        </li>
      ))}
    </SimpleGrid>
  );
}

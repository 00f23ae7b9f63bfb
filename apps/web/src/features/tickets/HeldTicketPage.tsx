import { Container, Grid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { ticketPdfPath, useHeldTicket } from '../../api/useTicketTransfer';
import { usePublicEvent } from '../../api/usePublicEvent';
import { formatDateRange } from '../../components/ui/format';
import { PAGE_CLASS } from '../../components/ui/pageClass';
import { ErrorState, LoadingState } from '../../components/ui/QueryState';
import { OrderNotFound } from '../checkout/OrderNotFound';
import { TicketCard } from '../checkout/TicketCard';
import { orderTimeOf } from '../catalogue/event-dates';

/** `/tickets/:ticketId?token=`: a ticket someone passed on, opened by its new holder from their email. */
export default function HeldTicketPage() {
  const { ticketId } = useParams();
  const [search] = useSearchParams();
  const token = search.get('token');
  const { t } = useTranslation();
  const ticket = useHeldTicket(ticketId, token);
  const event = usePublicEvent(ticket.data?.eventId);

  if (ticket.isPending) return <LoadingState label={t('web.heldTicket.loading')} />;
  if (ticket.isError)
    return ticket.error instanceof ApiError && ticket.error.status === 404 ? (
      <OrderNotFound />
    ) : (
      <Container className={PAGE_CLASS} size="sm" py="xl">
        <ErrorState error={ticket.error} onRetry={() => void ticket.refetch()} />
      </Container>
    );

  return (
    <Container className={PAGE_CLASS} size="md" py={{ base: 'md', sm: 'xl' }}>
      <title>{`${t('web.heldTicket.kicker')} — Z-Events`}</title>
      <Grid gap="xl">
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <Stack gap="xs">
            <Text size="xs" fw={700} c="indigo.7" tt="uppercase" style={{ letterSpacing: '0.08em' }}>
              {t('web.heldTicket.kicker')}
            </Text>
            <Title order={1} size="h2">
              {event.data?.title ?? t('web.heldTicket.yourEvent')}
            </Title>
            {event.data && (
              <Text fw={600}>
                {formatDateRange(
                  orderTimeOf(event.data, ticket.data.dateId).startsAt,
                  orderTimeOf(event.data, ticket.data.dateId).endsAt,
                  event.data.timezone,
                )}
              </Text>
            )}
            {event.data?.venue && <Text>{event.data.venue}</Text>}
            <Text c="dimmed" size="sm">
              {t('web.heldTicket.inYourName')}
            </Text>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TicketCard
            ticket={ticket.data}
            orderId={ticket.data.orderId}
            token={null}
            isRefunded={false}
            index={0}
            count={1}
            pdfHref={ticketPdfPath(ticket.data.id, token)}
            ticketToken={token}
          />
        </Grid.Col>
      </Grid>
    </Container>
  );
}

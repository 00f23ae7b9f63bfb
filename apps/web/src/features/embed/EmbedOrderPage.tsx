import { Alert, Button, Container, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconExternalLink } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useOrder } from '../../api/useOrder';
import { usePublicEvent } from '../../api/usePublicEvent';
import { GlassCard } from '../../components/ui/GlassCard';
import { PAGE_CLASS } from '../../components/ui/pageClass';
import { ErrorState, LoadingState } from '../../components/ui/QueryState';
import { BankTransferDetails } from '../checkout/BankTransferDetails';
import { TicketCard } from '../checkout/TicketCard';
import { EMBED_PREFIX } from './EmbedCheckoutPage';
import { postToHost } from './host-messages';

const withToken = (path: string, token: string | null) =>
  `${path}${token ? `?token=${encodeURIComponent(token)}` : ''}`;

/**
 * `/embed/orders/:orderId?token=`: the end of the embedded checkout. A paid order shows its tickets,
 * tells the host page (once per page view) and offers the full order page in a new tab.
 */
export function EmbedOrderPage() {
  const { t } = useTranslation();
  const { orderId } = useParams();
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token');
  const order = useOrder(orderId, token);
  const event = usePublicEvent(order.data?.eventId);
  const toldOrderId = useRef<string | null>(null);

  const paidOrder = order.data?.status === 'paid' ? order.data : undefined;
  useEffect(() => {
    if (!paidOrder || toldOrderId.current === paidOrder.id) return;
    toldOrderId.current = paidOrder.id;
    postToHost({ type: 'zevents:order-paid', orderId: paidOrder.id, eventId: paidOrder.eventId });
  }, [paidOrder]);

  if (order.isPending) return <LoadingState label={t('web.store.embed.loadingYours')} />;
  if (order.isError)
    return (
      <Container className={PAGE_CLASS} size="sm">
        {order.error instanceof ApiError && order.error.status === 404 ? (
          <GlassCard>
            <Title order={1} size="h3" ta="center">
              {t('web.store.embed.orderNotFound')}
            </Title>
          </GlassCard>
        ) : (
          <ErrorState error={order.error} onRetry={() => void order.refetch()} />
        )}
      </Container>
    );

  const data = order.data;
  const tickets = data.tickets ?? [];
  const eventTitle = event.data?.title ?? t('web.store.embed.yourEvent');
  const hasTickets = ['paid', 'partially_refunded', 'refunded'].includes(data.status);
  const fullOrderUrl = withToken(`/orders/${data.id}`, token);

  return (
    <Container className={PAGE_CLASS} size="sm" px={0}>
      <title>{`${t('web.store.embed.yourTickets')} — Z-Events`}</title>
      <Stack gap="md">
        <GlassCard>
          <Stack gap="sm" align="flex-start">
            {hasTickets ? (
              <>
                <ThemeIcon color="green" variant="light" radius="xl" size={36} aria-hidden>
                  <IconCircleCheck size={24} />
                </ThemeIcon>
                <Title order={1} size="h2">
                  {t('web.store.embed.going', { event: eventTitle })}
                </Title>
                <Text c="dimmed">{t('web.store.embed.onTheirWay', { email: data.buyer.email })}</Text>
              </>
            ) : (
              <>
                <Title order={1} size="h2">
                  {eventTitle}
                </Title>
                {data.status === 'reserved' && (
                  <Button component={Link} to={withToken(`${EMBED_PREFIX}/checkout/${data.id}`, token)}>
                    {t('web.myTickets.continue')}
                  </Button>
                )}
                {(data.status === 'expired' || data.status === 'cancelled') && (
                  <>
                    <Alert
                      color="gray"
                      icon={<IconAlertTriangle aria-hidden />}
                      title={t('web.store.embed.notPaid')}
                    >
                      {t('web.store.embed.notPaidBody')}
                    </Alert>
                    <Button component={Link} to={`${EMBED_PREFIX}/events/${data.eventId}`}>
                      {t('web.store.embed.back')}
                    </Button>
                  </>
                )}
              </>
            )}
            <Button
              component="a"
              href={fullOrderUrl}
              target="_blank"
              rel="noreferrer"
              variant="default"
              rightSection={<IconExternalLink size={16} aria-hidden />}
            >
              {t('web.store.embed.openOrder')}
            </Button>
          </Stack>
        </GlassCard>
        {data.status === 'awaiting_payment' && data.bankTransfer && (
          <BankTransferDetails transfer={data.bankTransfer} />
        )}
        {tickets.length > 0 && (
          <section aria-labelledby="embed-tickets-title">
            <Title order={2} size="h3" id="embed-tickets-title" mb="sm" px="xs">
              {t('web.store.embed.yourTickets')}
            </Title>
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
              {tickets.map((ticket, index) => (
                <TicketCard
                  key={ticket.id}
                  ticket={ticket}
                  orderId={data.id}
                  token={token}
                  isRefunded={data.refundedCents > 0}
                  index={index}
                  count={tickets.length}
                />
              ))}
            </SimpleGrid>
          </section>
        )}
      </Stack>
    </Container>
  );
}

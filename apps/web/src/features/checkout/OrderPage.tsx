import {
  Alert,
  Badge,
  Button,
  Container,
  Grid,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconBrandGoogle,
  IconCalendarPlus,
  IconCircleCheck,
  IconClock,
  IconMapPin,
  IconArrowForwardUp,
  IconReceiptRefund,
} from '@tabler/icons-react';
import type { Order, PublicEvent, Ticket } from '@zevents/contracts';
import type { TFunction } from 'i18next';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useOrder } from '../../api/useOrder';
import { usePublicEvent } from '../../api/usePublicEvent';
import { currentIntlLocale } from '../../i18n/i18n';
import { formatDateRange, formatDateTime } from '../../components/ui/format';
import { GlassCard } from '../../components/ui/GlassCard';
import { useScrollToTop } from '../../components/ui/useScrollToTop';
import { Hero } from '../../components/ui/Hero';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/QueryState';
import { orderDateOf, orderTimeOf } from '../catalogue/event-dates';
import { calendarEntryFor, googleCalendarUrl, icsHref } from './calendar';
import { OrderNotFound } from './OrderNotFound';
import { OrderSummary } from './OrderSummary';
import { BankTransferDetails } from './BankTransferDetails';
import { InvoiceLinks } from './InvoiceLinks';
import { JoinOnlineCard, TicketCard } from './TicketCard';
import { TransferTicketModal } from '../tickets/TransferTicketModal';
import { useOrderDetails } from '../../api/useOrderDetails';
import { OrderDetailsForm } from './OrderDetailsForm';
import { PAGE_CLASS } from '../../components/ui/pageClass';

interface StatusCopy {
  eyebrow: string;
  title: string;
  subtitle: ReactNode;
  icon: ReactNode;
  color: string;
}

/** Each status's words (keys written out whole for the catalog check). */
const ORDER_STATUS_KEY: Record<Order['status'], string> = {
  paid: 'web.orderStatus.paid',
  reserved: 'web.orderStatus.reserved',
  expired: 'web.orderStatus.expired',
  cancelled: 'web.orderStatus.cancelled',
  refunded: 'web.orderStatus.refunded',
  partially_refunded: 'web.orderStatus.partially_refunded',
  awaiting_payment: 'web.orderStatus.awaiting_payment',
};

function statusCopy(order: Order, eventTitle: string, t: TFunction): StatusCopy {
  switch (order.status) {
    case 'paid':
      return {
        eyebrow: t('web.checkout.order.paidEyebrow'),
        title: t('web.checkout.order.paidTitle', { event: eventTitle }),
        subtitle: t('web.checkout.order.paidSubtitle', { email: order.buyer.email }),
        icon: <IconCircleCheck size={26} />,
        color: 'green',
      };
    case 'partially_refunded':
      return {
        eyebrow: t('web.checkout.order.partlyEyebrow'),
        title: t('web.checkout.order.partlyTitle', { event: eventTitle }),
        subtitle: t('web.checkout.order.partlySubtitle'),
        icon: <IconReceiptRefund size={26} />,
        color: 'orange',
      };
    case 'refunded':
      return {
        eyebrow: t('web.checkout.order.refundedEyebrow'),
        title: t('web.checkout.order.refundedTitle', { event: eventTitle }),
        subtitle: t('web.checkout.order.refundedSubtitle'),
        icon: <IconReceiptRefund size={26} />,
        color: 'orange',
      };
    case 'reserved':
      return {
        eyebrow:
          order.payment?.status === 'pending'
            ? t('web.checkout.order.confirmingEyebrow')
            : t('web.checkout.order.unfinishedEyebrow'),
        title: eventTitle,
        subtitle:
          order.payment?.status === 'pending'
            ? t('web.checkout.order.confirmingSubtitle')
            : t('web.checkout.order.unfinishedSubtitle'),
        icon: <IconClock size={26} />,
        color: 'indigo',
      };
    case 'awaiting_payment':
      return {
        eyebrow: t('web.checkout.order.awaitingEyebrow'),
        title: eventTitle,
        subtitle: t('web.checkout.order.awaitingSubtitle'),
        icon: <IconClock size={26} />,
        color: 'yellow',
      };
    case 'expired':
      return {
        eyebrow: t('web.checkout.order.expiredEyebrow'),
        title: eventTitle,
        subtitle: t('web.checkout.order.expiredSubtitle'),
        icon: <IconAlertTriangle size={26} />,
        color: 'gray',
      };
    default:
      return {
        eyebrow: t('web.checkout.order.cancelledEyebrow'),
        title: eventTitle,
        subtitle: t('web.checkout.order.cancelledSubtitle'),
        icon: <IconAlertTriangle size={26} />,
        color: 'gray',
      };
  }
}

function CalendarLinks({ event, dateId }: { event: PublicEvent; dateId?: string | null }) {
  const { t } = useTranslation();
  const entry = calendarEntryFor(event, window.location.origin, orderDateOf(event, dateId));
  return (
    <Group gap="sm">
      <Button
        component="a"
        href={icsHref(entry)}
        download={`${event.slug}.ics`}
        leftSection={<IconCalendarPlus size={18} aria-hidden />}
      >
        {t('web.checkout.calendar.add')}
      </Button>
      <Button
        component="a"
        href={googleCalendarUrl(entry)}
        target="_blank"
        rel="noreferrer"
        variant="default"
        leftSection={<IconBrandGoogle size={18} aria-hidden />}
      >
        Google Calendar
      </Button>
    </Group>
  );
}

/** `/orders/:orderId?token=`: the confirmation and "my tickets" page, also reached from the email. */
export default function OrderPage() {
  const { t } = useTranslation();
  const { orderId } = useParams();
  useScrollToTop(orderId);
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token');
  const order = useOrder(orderId, token);
  const event = usePublicEvent(order.data?.eventId);
  const [transferring, setTransferring] = useState<Ticket | null>(null);
  const [isEditingNames, setEditingNames] = useState(false);
  const details = useOrderDetails(orderId, token);

  if (order.isPending) return <LoadingState label={t('web.checkout.order.loading')} />;
  if (order.isError) {
    return order.error instanceof ApiError && order.error.status === 404 ? (
      <OrderNotFound />
    ) : (
      <Container className={PAGE_CLASS} size="sm" py="xl">
        <ErrorState error={order.error} onRetry={() => void order.refetch()} />
      </Container>
    );
  }

  const data = order.data;
  const eventTitle = event.data?.title ?? t('web.checkout.order.yourEvent');
  const copy = statusCopy(data, eventTitle, t);
  const tickets = data.tickets ?? [];
  const hasTickets = ['paid', 'partially_refunded', 'refunded'].includes(data.status);
  const isRefunded = data.refundedCents > 0;
  const checkoutUrl = `/checkout/${data.id}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  // The order's own date on an event with dates; the event's times otherwise.
  const when = event.data ? orderTimeOf(event.data, data.dateId) : null;
  // Each ticket names its date when the event has several: the door lets it in on that one only.
  const ticketTime = (ticket: Ticket) => {
    const date = event.data ? orderDateOf(event.data, ticket.dateId) : undefined;
    return date && event.data && event.data.dates.length > 1
      ? formatDateTime(date.startsAt, event.data.timezone)
      : undefined;
  };

  return (
    <Container className={PAGE_CLASS} size="lg" py={{ base: 'md', sm: 'xl' }} px={{ base: 'sm', sm: 'md' }}>
      <title>{`${copy.eyebrow} — Z-Events`}</title>
      <Stack gap="xl">
        <Hero
          eyebrow={
            <Group gap={8} component="span">
              <ThemeIcon color={copy.color} variant="light" radius="xl" size={30} aria-hidden>
                {copy.icon}
              </ThemeIcon>
              {copy.eyebrow}
            </Group>
          }
          title={copy.title}
          subtitle={copy.subtitle}
        >
          {event.data && when && (
            <Stack gap={6}>
              <Group gap={8} wrap="nowrap">
                <IconClock size={18} aria-hidden style={{ flex: 'none' }} />
                <Text fw={600} data-testid="order-date">
                  {formatDateRange(when.startsAt, when.endsAt, event.data.timezone)}
                </Text>
              </Group>
              {event.data.venue && (
                <Group gap={8} wrap="nowrap">
                  <IconMapPin size={18} aria-hidden style={{ flex: 'none' }} />
                  <Text fw={600}>{event.data.venue}</Text>
                </Group>
              )}
            </Stack>
          )}
          {event.data?.status === 'cancelled' && (
            <Alert
              color="red"
              icon={<IconAlertTriangle aria-hidden />}
              title={t('web.checkout.order.eventCancelledTitle')}
            >
              {t('web.checkout.order.eventCancelledBody')}
            </Alert>
          )}
          {hasTickets && data.status !== 'refunded' && event.data && event.data.status !== 'cancelled' && (
            <CalendarLinks event={event.data} dateId={data.dateId} />
          )}
          {data.status === 'reserved' && data.payment?.status !== 'pending' && (
            <Button component={Link} to={checkoutUrl}>
              {t('web.myTickets.continue')}
            </Button>
          )}
          {(data.status === 'expired' || data.status === 'cancelled') && (
            <Button component={Link} to={`/events/${data.eventId}`}>
              {t('web.checkout.page.backToEvent')}
            </Button>
          )}
        </Hero>

        <Grid gap="xl">
          <Grid.Col span={{ base: 12, md: 8 }}>
            {data.onlineUrl && (
              <div style={{ marginBottom: 'var(--mantine-spacing-xl)' }}>
                <JoinOnlineCard order={data} />
              </div>
            )}
            {data.status === 'awaiting_payment' && data.bankTransfer && (
              <div style={{ marginBottom: 'var(--mantine-spacing-xl)' }}>
                <BankTransferDetails transfer={data.bankTransfer} />
              </div>
            )}
            <section aria-labelledby="tickets-title">
              <Group justify="space-between" align="baseline" mb="md">
                <Title order={2} id="tickets-title">
                  {t('web.checkout.order.yourTickets')}
                </Title>
                {hasTickets && data.status !== 'refunded' && details.data?.attendeeFields.names && (
                  <Button variant="subtle" size="compact-md" onClick={() => setEditingNames(true)}>
                    {t('web.checkout.order.changeNames')}
                  </Button>
                )}
                {tickets.length > 0 && (
                  <Badge variant="light" size="lg">
                    {tickets.length}
                  </Badge>
                )}
              </Group>
              {tickets.length === 0 ? (
                <GlassCard>
                  <EmptyState
                    title={
                      hasTickets
                        ? t('web.checkout.order.noTicketsOnOrder')
                        : t('web.checkout.order.noTicketsYet')
                    }
                  >
                    {hasTickets
                      ? t('web.checkout.order.noTicketsBody')
                      : t('web.checkout.order.ticketsAppear')}
                  </EmptyState>
                </GlassCard>
              ) : (
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
                  {tickets.map((ticket, index) => (
                    <TicketCard
                      key={ticket.id}
                      ticket={ticket}
                      orderId={data.id}
                      token={token}
                      isRefunded={isRefunded}
                      index={index}
                      count={tickets.length}
                      when={ticketTime(ticket)}
                      actions={
                        ticket.status === 'valid' &&
                        !ticket.transferredAt &&
                        event.data?.status !== 'cancelled' ? (
                          <Button
                            variant="subtle"
                            leftSection={<IconArrowForwardUp size={18} aria-hidden />}
                            onClick={() => setTransferring(ticket)}
                            aria-label={t('web.checkout.order.transferLabel', { code: ticket.code })}
                          >
                            {t('web.checkout.order.transfer')}
                          </Button>
                        ) : undefined
                      }
                    />
                  ))}
                </SimpleGrid>
              )}
            </section>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <section aria-labelledby="order-summary-title">
              <GlassCard>
                <Group justify="space-between" mb="md">
                  <Title order={2} size="h4" id="order-summary-title">
                    {t('web.checkout.page.summary')}
                  </Title>
                  <Badge variant="light" color={copy.color}>
                    {t(ORDER_STATUS_KEY[data.status])}
                  </Badge>
                </Group>
                <OrderSummary order={data} event={event.data} />
                {data.paidAt && (
                  <Text size="xs" c="dimmed" mt="md">
                    {t('web.checkout.order.paidLine', {
                      date: new Date(data.paidAt).toLocaleString(currentIntlLocale()),
                      id: data.id.slice(0, 8),
                    })}
                  </Text>
                )}
                {(data.status === 'paid' ||
                  data.status === 'partially_refunded' ||
                  data.status === 'refunded') && <InvoiceLinks orderId={data.id} token={token} />}
              </GlassCard>
            </section>
          </Grid.Col>
        </Grid>
      </Stack>
      <Modal
        opened={isEditingNames && Boolean(details.data)}
        onClose={() => setEditingNames(false)}
        title={t('web.checkout.order.attendeeDetails')}
        size="lg"
        centered
        radius="xl"
      >
        {details.data && (
          <OrderDetailsForm
            details={details.data}
            orderId={data.id}
            token={token}
            ticketTypeNames={Object.fromEntries(
              data.items.map((item) => [item.ticketTypeId, item.ticketTypeName]),
            )}
            submitLabel={t('web.checkout.order.save')}
            onComplete={() => {
              setEditingNames(false);
              void order.refetch();
            }}
          />
        )}
      </Modal>
      <TransferTicketModal
        ticket={transferring}
        orderId={data.id}
        token={token}
        onClose={() => setTransferring(null)}
      />
    </Container>
  );
}

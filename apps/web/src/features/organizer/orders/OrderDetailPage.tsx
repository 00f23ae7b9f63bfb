import {
  Badge,
  Button,
  Divider,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowForwardUp,
  IconCash,
  IconCheck,
  IconMail,
  IconPencil,
  IconReceiptRefund,
  IconShoppingCart,
  IconUserEdit,
} from '@tabler/icons-react';
import {
  formatMoney,
  type Order,
  type Ticket,
  type TicketStatus,
  type TimelineEntry,
} from '@zevents/contracts';
import type { TFunction } from 'i18next';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useMarkOrderPaid } from '../../../api/useBankTransfer';
import { useOrder } from '../../../api/useOrder';
import { useOrderDetails } from '../../../api/useOrderDetails';
import { DataTable } from '../../../components/ui/DataTable';
import { GlassCard } from '../../../components/ui/GlassCard';
import { PageHeader } from '../../../components/ui/PageHeader';
import { ErrorState, LoadingState } from '../../../components/ui/QueryState';
import { describeApiError } from '../../../components/ui/useFormErrorResponseHandler';
import { formatCount } from '../../../components/ui/money';
import { currentIntlLocale } from '../../../i18n/i18n';
import { InvoiceLinks } from '../../checkout/InvoiceLinks';
import { orderMoneyLines } from '../../checkout/order-money';
import { TransferTicketModal } from '../../tickets/TransferTicketModal';
import { paymentMethodLabel } from '../attendees/payment-method';
import { useCurrentOrganization } from '../layout/current-organization';
import { canManage } from '../lib/roles';
import { formatInZone } from '../lib/zoned-time';
import { useOrderDeskMutations } from '../mutations/useOrderDeskMutations';
import { useEvent } from '../queries/useEvent';
import { useOrderTimeline } from '../queries/useOrderTimeline';
import { AnswerList } from './AnswerList';
import { OrderStatusBadge } from './OrderStatusBadge';

const KIND_ICON: Partial<Record<TimelineEntry['kind'], ReactNode>> = {
  created: <IconShoppingCart size={14} />,
  paid: <IconCash size={14} />,
  refunded: <IconReceiptRefund size={14} />,
  email: <IconMail size={14} />,
  edited: <IconUserEdit size={14} />,
  check_in: <IconCheck size={14} />,
  transferred: <IconArrowForwardUp size={14} />,
};

const TICKET_STATUS_KEY: Record<TicketStatus, string> = {
  valid: 'web.org.core.orderDesk.ticketStatus.valid',
  checked_in: 'web.org.core.orderDesk.ticketStatus.checked_in',
  void: 'web.org.core.orderDesk.ticketStatus.void',
};

/** How the order was paid: the organizer's method or a bank transfer, else a card when a payment exists. */
function paidBy(order: Order, t: TFunction): string {
  if (order.paymentMethod) return paymentMethodLabel(order.paymentMethod, t);
  return order.payment ? paymentMethodLabel('card', t) : '—';
}

/** The order desk: one order, its tickets and everything that happened to it, with the fixes organizers make. */
export default function OrderDetailPage() {
  const { t } = useTranslation();
  const { eventId = '', orderId = '' } = useParams();
  const event = useEvent(eventId);
  const order = useOrder(orderId);
  const timeline = useOrderTimeline(orderId);
  // The questions this order was asked and its order-level answers (per-ticket ones ride on the tickets).
  const details = useOrderDetails(orderId, null);
  const questions = details.data?.questions ?? [];
  const attendeeQuestions = questions.filter((question) => question.appliesTo === 'attendee');
  const orderQuestions = questions.filter((question) => question.appliesTo === 'order');
  const { resend, editTicket } = useOrderDeskMutations(orderId);
  const { membershipOf } = useCurrentOrganization();
  const [transferring, setTransferring] = useState<Ticket | null>(null);
  const [editing, setEditing] = useState<Ticket | null>(null);
  const [isResending, setResending] = useState(false);
  const [resendTo, setResendTo] = useState('');
  const [attendee, setAttendee] = useState({ name: '', email: '' });
  const [isMarkingPaid, setMarkingPaid] = useState(false);
  const markPaid = useMarkOrderPaid(orderId);
  const queryClient = useQueryClient();

  if (order.isPending || event.isPending) return <LoadingState label={t('web.org.core.orderDesk.loading')} />;
  if (order.isError) return <ErrorState error={order.error} onRetry={() => void order.refetch()} />;
  if (event.isError) return <ErrorState error={event.error} onRetry={() => void event.refetch()} />;
  const data = order.data;
  const zone = event.data.timezone;
  const mayManage = canManage(membershipOf(event.data.organizationId)?.role);
  const hasTickets = ['paid', 'partially_refunded'].includes(data.status);
  // A bank transfer the organizer may confirm: still awaited, or arrived after its deadline.
  const mayMarkPaid =
    mayManage &&
    data.paymentMethod === 'bank_transfer' &&
    (data.status === 'awaiting_payment' || data.status === 'expired');
  const when = (iso: string) => formatInZone(iso, zone, { dateStyle: 'medium', timeStyle: 'short' });
  const locale = currentIntlLocale();
  const money = (cents: number) => formatMoney(cents, data.currency, locale);

  return (
    <>
      <PageHeader
        back={{ to: `/organizer/events/${eventId}/orders`, label: t('web.org.core.orderDesk.back') }}
        title={data.buyer.name}
        badge={<OrderStatusBadge status={data.status} />}
        description={t('web.org.core.orderDesk.description', {
          email: data.buyer.email,
          id: data.id.slice(0, 8),
        })}
        actions={
          mayMarkPaid ? (
            <Button leftSection={<IconCash size={18} />} onClick={() => setMarkingPaid(true)}>
              {t('web.org.core.orderDesk.markPaid')}
            </Button>
          ) : mayManage && hasTickets ? (
            <Button variant="default" leftSection={<IconMail size={18} />} onClick={() => setResending(true)}>
              {t('web.org.core.orderDesk.resendConfirmation')}
            </Button>
          ) : undefined
        }
      />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          {[
            [t('web.org.core.orderDesk.total'), money(data.totalCents)],
            [t('web.org.core.orderDesk.refunded'), money(data.refundedCents)],
            [t('web.org.core.orderDesk.paidBy'), paidBy(data, t)],
            [t('web.org.core.orderDesk.ordered'), when(data.createdAt)],
            ...(data.bankTransfer
              ? [
                  [t('web.org.core.orderDesk.transferReference'), data.bankTransfer.reference],
                  [
                    data.status === 'awaiting_payment'
                      ? t('web.org.core.orderDesk.transferDueBy')
                      : t('web.org.core.orderDesk.transferDeadline'),
                    when(data.bankTransfer.deadline),
                  ],
                ]
              : []),
          ].map(([label, value]) => (
            <GlassCard key={label} p="md">
              <Text size="xs" c="dimmed">
                {label}
              </Text>
              <Text fw={700}>{value}</Text>
            </GlassCard>
          ))}
        </SimpleGrid>

        <GlassCard p={{ base: 'md', sm: 'lg' }}>
          <Title order={2} size="h4" mb="md">
            {t('web.org.core.orderDesk.money')}
          </Title>
          <Stack gap={6} maw={480}>
            {data.items.map((item) => (
              <Group key={item.ticketTypeId} justify="space-between" wrap="nowrap">
                <Text size="sm">
                  {formatCount(item.quantity, locale)} × {item.ticketTypeName}
                  {item.taxRate ? ` · ${item.taxRate.name}` : ''}
                </Text>
                <Text size="sm">{money(item.totalCents)}</Text>
              </Group>
            ))}
            <Divider my={4} />
            {orderMoneyLines(data).map((line) => (
              <Group key={line.key} justify="space-between" wrap="nowrap">
                <Text
                  size="sm"
                  fw={line.tone === 'total' ? 700 : undefined}
                  c={line.tone === 'included' ? 'dimmed' : undefined}
                >
                  {line.label}
                </Text>
                <Text size="sm" fw={line.tone === 'total' ? 700 : undefined}>
                  {line.amount}
                </Text>
              </Group>
            ))}
            <InvoiceLinks orderId={data.id} />
          </Stack>
        </GlassCard>

        <GlassCard p={{ base: 'md', sm: 'lg' }}>
          <Title order={2} size="h4" mb="md">
            {t('web.org.core.orderDesk.tickets')}
          </Title>
          <DataTable
            items={data.tickets ?? []}
            rowKey={(ticket) => ticket.id}
            minWidth={640}
            label={t('web.org.core.orderDesk.ticketsLabel')}
            columns={[
              {
                header: t('web.org.core.orderDesk.attendee'),
                cell: (ticket) => (
                  <Stack gap={0}>
                    <Text size="sm" fw={600}>
                      {ticket.attendeeName}
                    </Text>
                    {ticket.attendeeEmail && (
                      <Text size="xs" c="dimmed">
                        {ticket.attendeeEmail}
                      </Text>
                    )}
                    <AnswerList questions={attendeeQuestions} answers={ticket.answers ?? {}} />
                  </Stack>
                ),
              },
              { header: t('web.org.core.orderDesk.type'), cell: (ticket) => ticket.ticketTypeName },
              {
                header: t('web.org.core.orderDesk.code'),
                cell: (ticket) => (
                  <Text ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                    {ticket.code}
                  </Text>
                ),
              },
              {
                header: t('web.org.core.orderDesk.status'),
                cell: (ticket) => (
                  <Group gap={4}>
                    <Badge variant="light" color={ticket.status === 'void' ? 'red' : 'teal'}>
                      {t(TICKET_STATUS_KEY[ticket.status])}
                    </Badge>
                    {ticket.transferredAt && (
                      <Badge variant="light" color="indigo">
                        {t('web.org.core.orderDesk.transferred')}
                      </Badge>
                    )}
                  </Group>
                ),
              },
              mayManage && {
                header: t('web.org.core.orderDesk.actions'),
                isHeaderHidden: true,
                align: 'right',
                cell: (ticket) =>
                  ticket.status === 'void' ? null : (
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button
                        size="compact-sm"
                        variant="default"
                        leftSection={<IconPencil size={14} />}
                        aria-label={t('web.org.core.orderDesk.editAria', { code: ticket.code })}
                        onClick={() => {
                          setAttendee({ name: ticket.attendeeName, email: ticket.attendeeEmail ?? '' });
                          setEditing(ticket);
                        }}
                      >
                        {t('web.org.core.orderDesk.edit')}
                      </Button>
                      {ticket.status === 'valid' && (
                        <Button
                          size="compact-sm"
                          variant="default"
                          leftSection={<IconArrowForwardUp size={14} />}
                          aria-label={t('web.org.core.orderDesk.transferAria', { code: ticket.code })}
                          onClick={() => setTransferring(ticket)}
                        >
                          {t('web.org.core.orderDesk.transfer')}
                        </Button>
                      )}
                    </Group>
                  ),
              },
            ]}
          />
        </GlassCard>

        {orderQuestions.length > 0 && details.data && (
          <GlassCard p={{ base: 'md', sm: 'lg' }}>
            <Title order={2} size="h4" mb="md">
              {t('web.org.core.orderDesk.answers')}
            </Title>
            {Object.keys(details.data.answers).length > 0 ? (
              <AnswerList questions={orderQuestions} answers={details.data.answers} size="sm" />
            ) : (
              <Text size="sm" c="dimmed">
                {t('web.org.core.orderDesk.noAnswers')}
              </Text>
            )}
          </GlassCard>
        )}

        <GlassCard p={{ base: 'md', sm: 'lg' }}>
          <Title order={2} size="h4" mb="md" id="timeline-title">
            {t('web.org.core.orderDesk.timeline')}
          </Title>
          {timeline.isPending ? (
            <LoadingState label={t('web.org.core.orderDesk.loadingTimeline')} />
          ) : timeline.isError ? (
            <ErrorState error={timeline.error} onRetry={() => void timeline.refetch()} />
          ) : (
            <Timeline bulletSize={24} lineWidth={2} aria-labelledby="timeline-title">
              {timeline.data.items.map((item, index) => (
                <Timeline.Item key={`${item.at}-${index}`} bullet={KIND_ICON[item.kind]} title={item.summary}>
                  <Text size="xs" c="dimmed">
                    {when(item.at)}
                    {item.actor?.name
                      ? t('web.org.core.orderDesk.byName', { name: item.actor.name })
                      : item.actor?.apiKeyId
                        ? t('web.org.core.orderDesk.byApiKey')
                        : ''}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          )}
        </GlassCard>
      </Stack>

      <TransferTicketModal
        ticket={transferring}
        orderId={data.id}
        token={null}
        onClose={() => setTransferring(null)}
      />

      <Modal
        opened={isMarkingPaid}
        onClose={() => setMarkingPaid(false)}
        title={t('web.org.core.orderDesk.markPaidTitle')}
        centered
        radius="xl"
      >
        <Stack gap="md">
          <Text size="sm">
            {data.bankTransfer
              ? t('web.org.core.orderDesk.markPaidBodyReference', {
                  amount: money(data.totalCents),
                  reference: data.bankTransfer.reference,
                  email: data.buyer.email,
                })
              : t('web.org.core.orderDesk.markPaidBody', {
                  amount: money(data.totalCents),
                  email: data.buyer.email,
                })}
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setMarkingPaid(false)}>
              {t('web.org.core.orderDesk.notYet')}
            </Button>
            <Button
              loading={markPaid.isPending}
              leftSection={<IconCash size={18} />}
              onClick={() =>
                markPaid.mutate(undefined, {
                  onSuccess: () => {
                    notifications.show({ color: 'teal', message: t('web.org.core.orderDesk.markedPaid') });
                    setMarkingPaid(false);
                    void queryClient.invalidateQueries();
                  },
                  onError: (error) => notifications.show({ color: 'red', message: describeApiError(error) }),
                })
              }
            >
              {t('web.org.core.orderDesk.markPaid')}
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal
        opened={isResending}
        onClose={() => setResending(false)}
        title={t('web.org.core.orderDesk.resendTitle')}
        centered
        radius="xl"
      >
        <Stack gap="md">
          <TextInput
            label={t('web.org.core.orderDesk.sendTo')}
            description={t('web.org.core.orderDesk.sendToEmpty', { email: data.buyer.email })}
            type="email"
            value={resendTo}
            onChange={(e) => setResendTo(e.currentTarget.value)}
          />
          <Button
            loading={resend.isPending}
            onClick={() =>
              resend.mutate(resendTo.trim() ? { email: resendTo.trim() } : {}, {
                onSuccess: () => {
                  notifications.show({ color: 'teal', message: t('web.org.core.orderDesk.resent') });
                  setResending(false);
                  setResendTo('');
                },
                onError: (error) => notifications.show({ color: 'red', message: describeApiError(error) }),
              })
            }
          >
            {t('web.org.core.orderDesk.resend')}
          </Button>
        </Stack>
      </Modal>

      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t('web.org.core.orderDesk.editTitle')}
        centered
        radius="xl"
      >
        <Stack gap="md">
          <TextInput
            label={t('web.org.core.orderDesk.name')}
            value={attendee.name}
            onChange={(e) => {
              const name = e.currentTarget.value;
              setAttendee((current) => ({ ...current, name }));
            }}
          />
          <TextInput
            label={t('web.org.core.orderDesk.email')}
            type="email"
            value={attendee.email}
            onChange={(e) => {
              const email = e.currentTarget.value;
              setAttendee((current) => ({ ...current, email }));
            }}
          />
          <Button
            loading={editTicket.isPending}
            onClick={() =>
              editing &&
              editTicket.mutate(
                {
                  ticketId: editing.id,
                  body: { attendeeName: attendee.name.trim(), attendeeEmail: attendee.email.trim() || null },
                },
                {
                  onSuccess: () => {
                    notifications.show({ color: 'teal', message: t('web.org.core.orderDesk.attendeeSaved') });
                    setEditing(null);
                  },
                  onError: (error) => notifications.show({ color: 'red', message: describeApiError(error) }),
                },
              )
            }
          >
            {t('web.org.core.orderDesk.saveAttendee')}
          </Button>
        </Stack>
      </Modal>
    </>
  );
}

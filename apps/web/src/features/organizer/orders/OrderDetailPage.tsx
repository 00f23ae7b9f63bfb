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
import { formatMoney, type Ticket, type TimelineEntry } from '@zevents/contracts';
import { type ReactNode, useState } from 'react';
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
import { InvoiceLinks } from '../../checkout/InvoiceLinks';
import { orderMoneyLines } from '../../checkout/order-money';
import { TransferTicketModal } from '../../tickets/TransferTicketModal';
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

/** The order desk: one order, its tickets and everything that happened to it, with the fixes organizers make. */
export default function OrderDetailPage() {
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

  if (order.isPending || event.isPending) return <LoadingState label="Loading the order…" />;
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

  return (
    <>
      <PageHeader
        back={{ to: `/organizer/events/${eventId}/orders`, label: 'Orders' }}
        title={data.buyer.name}
        badge={<OrderStatusBadge status={data.status} />}
        description={`${data.buyer.email} · order ${data.id.slice(0, 8)}`}
        actions={
          mayMarkPaid ? (
            <Button leftSection={<IconCash size={18} />} onClick={() => setMarkingPaid(true)}>
              Mark as paid
            </Button>
          ) : mayManage && hasTickets ? (
            <Button variant="default" leftSection={<IconMail size={18} />} onClick={() => setResending(true)}>
              Resend confirmation
            </Button>
          ) : undefined
        }
      />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          {[
            ['Total', formatMoney(data.totalCents, data.currency)],
            ['Refunded', formatMoney(data.refundedCents, data.currency)],
            ['Paid by', (data.paymentMethod ?? data.payment?.provider ?? '—').replace('_', ' ')],
            ['Ordered', when(data.createdAt)],
            ...(data.bankTransfer
              ? [
                  ['Transfer reference', data.bankTransfer.reference],
                  [
                    data.status === 'awaiting_payment' ? 'Transfer due by' : 'Transfer deadline',
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
            Money
          </Title>
          <Stack gap={6} maw={480}>
            {data.items.map((item) => (
              <Group key={item.ticketTypeId} justify="space-between" wrap="nowrap">
                <Text size="sm">
                  {item.quantity} × {item.ticketTypeName}
                  {item.taxRate ? ` · ${item.taxRate.name}` : ''}
                </Text>
                <Text size="sm">{formatMoney(item.totalCents, data.currency)}</Text>
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
            Tickets
          </Title>
          <DataTable
            items={data.tickets ?? []}
            rowKey={(ticket) => ticket.id}
            minWidth={640}
            label="Tickets of this order"
            columns={[
              {
                header: 'Attendee',
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
              { header: 'Type', cell: (ticket) => ticket.ticketTypeName },
              { header: 'Code', cell: (ticket) => <Text ff="monospace">{ticket.code}</Text> },
              {
                header: 'Status',
                cell: (ticket) => (
                  <Group gap={4}>
                    <Badge variant="light" color={ticket.status === 'void' ? 'red' : 'teal'}>
                      {ticket.status.replace('_', ' ')}
                    </Badge>
                    {ticket.transferredAt && (
                      <Badge variant="light" color="indigo">
                        transferred
                      </Badge>
                    )}
                  </Group>
                ),
              },
              mayManage && {
                header: 'Actions',
                isHeaderHidden: true,
                align: 'right',
                cell: (ticket) =>
                  ticket.status === 'void' ? null : (
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button
                        size="compact-sm"
                        variant="default"
                        leftSection={<IconPencil size={14} />}
                        aria-label={`Edit the attendee of ticket ${ticket.code}`}
                        onClick={() => {
                          setAttendee({ name: ticket.attendeeName, email: ticket.attendeeEmail ?? '' });
                          setEditing(ticket);
                        }}
                      >
                        Edit
                      </Button>
                      {ticket.status === 'valid' && (
                        <Button
                          size="compact-sm"
                          variant="default"
                          leftSection={<IconArrowForwardUp size={14} />}
                          aria-label={`Transfer ticket ${ticket.code}`}
                          onClick={() => setTransferring(ticket)}
                        >
                          Transfer
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
              Answers
            </Title>
            {Object.keys(details.data.answers).length > 0 ? (
              <AnswerList questions={orderQuestions} answers={details.data.answers} size="sm" />
            ) : (
              <Text size="sm" c="dimmed">
                The buyer has not answered the order questions.
              </Text>
            )}
          </GlassCard>
        )}

        <GlassCard p={{ base: 'md', sm: 'lg' }}>
          <Title order={2} size="h4" mb="md" id="timeline-title">
            Timeline
          </Title>
          {timeline.isPending ? (
            <LoadingState label="Loading the timeline…" />
          ) : timeline.isError ? (
            <ErrorState error={timeline.error} onRetry={() => void timeline.refetch()} />
          ) : (
            <Timeline bulletSize={24} lineWidth={2} aria-labelledby="timeline-title">
              {timeline.data.items.map((item, index) => (
                <Timeline.Item key={`${item.at}-${index}`} bullet={KIND_ICON[item.kind]} title={item.summary}>
                  <Text size="xs" c="dimmed">
                    {when(item.at)}
                    {item.actor?.name
                      ? ` · by ${item.actor.name}`
                      : item.actor?.apiKeyId
                        ? ' · by an API key'
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
        title="Mark this order as paid?"
        centered
        radius="xl"
      >
        <Stack gap="md">
          <Text size="sm">
            Confirm that the transfer of {formatMoney(data.totalCents, data.currency)}
            {data.bankTransfer ? ` with reference ${data.bankTransfer.reference}` : ''} has reached your
            account. The tickets are issued and emailed to {data.buyer.email}.
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setMarkingPaid(false)}>
              Not yet
            </Button>
            <Button
              loading={markPaid.isPending}
              leftSection={<IconCash size={18} />}
              onClick={() =>
                markPaid.mutate(undefined, {
                  onSuccess: () => {
                    notifications.show({ color: 'teal', message: 'Marked as paid; tickets sent' });
                    setMarkingPaid(false);
                    void queryClient.invalidateQueries();
                  },
                  onError: (error) => notifications.show({ color: 'red', message: describeApiError(error) }),
                })
              }
            >
              Mark as paid
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal
        opened={isResending}
        onClose={() => setResending(false)}
        title="Resend the confirmation"
        centered
        radius="xl"
      >
        <Stack gap="md">
          <TextInput
            label="Send to"
            description={`Empty: ${data.buyer.email}`}
            type="email"
            value={resendTo}
            onChange={(e) => setResendTo(e.currentTarget.value)}
          />
          <Button
            loading={resend.isPending}
            onClick={() =>
              resend.mutate(resendTo.trim() ? { email: resendTo.trim() } : {}, {
                onSuccess: () => {
                  notifications.show({ color: 'teal', message: 'Confirmation sent again' });
                  setResending(false);
                  setResendTo('');
                },
                onError: (error) => notifications.show({ color: 'red', message: describeApiError(error) }),
              })
            }
          >
            Resend
          </Button>
        </Stack>
      </Modal>

      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title="Edit the attendee"
        centered
        radius="xl"
      >
        <Stack gap="md">
          <TextInput
            label="Name"
            value={attendee.name}
            onChange={(e) => {
              const name = e.currentTarget.value;
              setAttendee((current) => ({ ...current, name }));
            }}
          />
          <TextInput
            label="Email"
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
                    notifications.show({ color: 'teal', message: 'Attendee saved' });
                    setEditing(null);
                  },
                  onError: (error) => notifications.show({ color: 'red', message: describeApiError(error) }),
                },
              )
            }
          >
            Save attendee
          </Button>
        </Stack>
      </Modal>
    </>
  );
}

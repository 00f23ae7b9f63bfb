import {
  ActionIcon,
  Badge,
  Button,
  CopyButton,
  Group,
  Modal,
  Paper,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy, IconLock, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { formatMoney, type Event, type EventDate, type TicketType } from '@zevents/contracts';
import { useId, useState } from 'react';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { formatCount } from '../../../components/ui/money';
import { EmptyState } from '../../../components/ui/QueryState';
import { describeApiError } from '../../../components/ui/useFormErrorResponseHandler';
import { formatInZone } from '../lib/zoned-time';
import {
  useCreateTicketType,
  useDeleteTicketType,
  useUpdateTicketType,
} from '../mutations/useTicketTypeMutations';
import { useEventDates } from '../queries/useEventDates';
import { useTaxRates } from '../queries/useTaxRates';
import { CapacityUsageBar, type CapacityUsage } from './CapacityUsageBar';
import { ticketTypeDeleteBlocker, usageOverDates } from './catalogue-rules';
import { TicketTypeForm } from './TicketTypeForm';

function salesWindow(ticketType: TicketType, timeZone: string): string {
  const fmt = (iso: string) => formatInZone(iso, timeZone, { dateStyle: 'medium', timeStyle: 'short' });
  if (ticketType.salesStartAt && ticketType.salesEndAt)
    return `${fmt(ticketType.salesStartAt)} → ${fmt(ticketType.salesEndAt)}`;
  if (ticketType.salesStartAt) return `From ${fmt(ticketType.salesStartAt)}`;
  if (ticketType.salesEndAt) return `Until ${fmt(ticketType.salesEndAt)}`;
  return 'While the event is on sale';
}

/** Where buyers find a hidden type: the event link with its access code, ready to copy. */
function HiddenTypeLink({ ticketType, event }: { ticketType: TicketType; event: Event }) {
  if (!ticketType.accessCode)
    return (
      <Text size="sm" c="dimmed">
        Unlocked only by promo codes that name it
      </Text>
    );
  const link = `${window.location.origin}/events/${event.slug}?code=${encodeURIComponent(ticketType.accessCode)}`;
  return (
    <Group gap={6} wrap="nowrap">
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Text size="sm" c="dimmed">
          Access code <strong>{ticketType.accessCode}</strong>
        </Text>
        <Text size="xs" c="dimmed" truncate="end" title={link}>
          {link}
        </Text>
      </Stack>
      <CopyButton value={link} timeout={2000}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : 'Copy the link'}>
            <ActionIcon
              variant="subtle"
              color={copied ? 'teal' : 'gray'}
              onClick={copy}
              aria-label={copied ? 'Copied' : `Copy the link to ${ticketType.name}`}
            >
              {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}

/** Delete, or why not: a disabled button keeps its reason in a tooltip and in its description. */
function DeleteTicketTypeButton({
  ticketType,
  usage,
  event,
  onDelete,
}: {
  ticketType: TicketType;
  usage: CapacityUsage;
  event: Event;
  onDelete: () => void;
}) {
  const reasonId = useId();
  // Sales on any date keep the type, not only on the first one its own figures count.
  const blocker = ticketTypeDeleteBlocker({ ...ticketType, sold: usage.sold, held: usage.held }, event);
  return (
    <Tooltip label={blocker ?? 'Delete'} multiline w={blocker ? 280 : undefined}>
      {/* A disabled button gets no pointer events: the wrapper still shows the tooltip. */}
      <span>
        <ActionIcon
          variant="subtle"
          color="red"
          size="lg"
          onClick={onDelete}
          disabled={blocker !== null}
          aria-label={`Delete ${ticketType.name}`}
          aria-describedby={blocker ? reasonId : undefined}
        >
          <IconTrash size={18} />
        </ActionIcon>
        {blocker && (
          <span id={reasonId} hidden>
            {blocker}
          </span>
        )}
      </span>
    </Tooltip>
  );
}

function TicketTypeRow({
  ticketType,
  event,
  dates,
  onEdit,
  onDelete,
  editable,
}: {
  ticketType: TicketType;
  event: Event;
  /** The event's dates; empty when it runs once (or while they load). */
  dates: readonly EventDate[];
  onEdit: () => void;
  onDelete: () => void;
  editable: boolean;
}) {
  const hasDates = dates.length > 0;
  const usage = hasDates ? usageOverDates(ticketType.id, dates) : ticketType;
  const { sold, held, capacity, available } = usage;
  // Fewer left than its own capacity allows: a shared capacity (pool) is the tighter limit. A date's
  // figures leave pools out, so over dates this never shows.
  const isLimitedByPool = available < Math.max(0, capacity - sold - held);
  return (
    <Paper withBorder p="md" radius="lg" bg="var(--mantine-color-body)">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          <Group gap="xs">
            <Text fw={700}>{ticketType.name}</Text>
            <Badge variant="light" color={ticketType.priceCents === 0 ? 'teal' : 'indigo'} radius="sm">
              {ticketType.priceCents === 0 ? 'Free' : formatMoney(ticketType.priceCents, event.currency)}
            </Badge>
            {ticketType.visibility === 'hidden' && (
              <Badge
                variant="light"
                color="gray"
                radius="sm"
                leftSection={<IconLock size={12} aria-hidden />}
              >
                Hidden
              </Badge>
            )}
            {available === 0 && capacity > 0 && (
              <Badge variant="filled" color="red" radius="sm">
                {hasDates ? 'Sold out on every date' : 'Sold out'}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {salesWindow(ticketType, event.timezone)} · {ticketType.minPerOrder}–{ticketType.maxPerOrder} per
            order
          </Text>
          {ticketType.visibility === 'hidden' && <HiddenTypeLink ticketType={ticketType} event={event} />}
          <CapacityUsageBar
            label={hasDates ? `${ticketType.name} sales over every date` : `${ticketType.name} sales`}
            usage={usage}
          />
          {hasDates && (
            <Text size="xs" c="dimmed">
              Over {formatCount(dates.length)} date{dates.length === 1 ? '' : 's'} — per-date figures under
              Dates
            </Text>
          )}
          {isLimitedByPool && (
            <Text size="xs" c="dimmed">
              A shared capacity limits it: fewer left than its own capacity allows.
            </Text>
          )}
        </Stack>
        {editable && (
          <Group gap={4} wrap="nowrap">
            <Tooltip label="Edit">
              <ActionIcon variant="subtle" onClick={onEdit} aria-label={`Edit ${ticketType.name}`} size="lg">
                <IconPencil size={18} />
              </ActionIcon>
            </Tooltip>
            <DeleteTicketTypeButton ticketType={ticketType} usage={usage} event={event} onDelete={onDelete} />
          </Group>
        )}
      </Group>
    </Paper>
  );
}

/** The event's ticket types: what is sold, at what price, when. */
export function TicketTypesSection({ event, editable }: { event: Event; editable: boolean }) {
  const [opened, { open, close }] = useDisclosure(false);
  const [editing, setEditing] = useState<TicketType | undefined>();
  const create = useCreateTicketType(event.id);
  const update = useUpdateTicketType(event.id);
  const taxRates = useTaxRates(event.organizationId);
  const remove = useDeleteTicketType(event.id);
  const [deleting, setDeleting] = useState<TicketType | null>(null);
  const types = event.ticketTypes ?? [];
  // Shared with the Dates section below (same query); until it answers, the types' own figures show.
  const dates = useEventDates(event.id).data?.items ?? [];

  const closeDelete = () => {
    setDeleting(null);
    remove.reset();
  };
  const confirmDelete = () => {
    if (!deleting) return;
    remove.mutate(deleting.id, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: `${deleting.name} deleted` });
        closeDelete();
      },
    });
  };

  const openFor = (ticketType?: TicketType) => {
    setEditing(ticketType);
    open();
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          {types.length === 0
            ? 'An event needs at least one ticket type before it can be published.'
            : `${types.length} ticket type${types.length === 1 ? '' : 's'}`}
        </Text>
        {editable && (
          <Button leftSection={<IconPlus size={16} />} variant="light" onClick={() => openFor(undefined)}>
            Add ticket type
          </Button>
        )}
      </Group>
      {types.length === 0 ? (
        <EmptyState title="No ticket types yet">
          Add general admission, early bird or VIP tickets, each with its own price and capacity.
        </EmptyState>
      ) : (
        <Stack gap="sm">
          {types.map((ticketType) => (
            <TicketTypeRow
              key={ticketType.id}
              ticketType={ticketType}
              event={event}
              dates={dates}
              editable={editable}
              onEdit={() => openFor(ticketType)}
              onDelete={() => setDeleting(ticketType)}
            />
          ))}
        </Stack>
      )}
      <Modal
        opened={opened}
        onClose={close}
        title={editing ? `Edit “${editing.name}”` : 'New ticket type'}
        size="lg"
        centered
        radius="xl"
      >
        <TicketTypeForm
          key={editing?.id ?? 'new'}
          currency={event.currency}
          timeZone={event.timezone}
          ticketType={editing}
          taxRates={taxRates.data?.items}
          onCancel={close}
          onSubmit={async (body) => {
            if (editing) await update.mutateAsync({ ticketTypeId: editing.id, body });
            else await create.mutateAsync(body);
            notifications.show({
              color: 'teal',
              message: editing ? `${body.name} saved` : `${body.name} added`,
            });
            close();
          }}
        />
      </Modal>
      <ConfirmDialog
        opened={deleting !== null}
        onClose={closeDelete}
        onConfirm={confirmDelete}
        loading={remove.isPending}
        error={remove.isError ? describeApiError(remove.error) : null}
        danger
        title={`Delete “${deleting?.name ?? ''}”?`}
        confirmLabel="Delete ticket type"
      >
        Nobody has ordered it yet, so it simply disappears from the event (and from promo codes that also
        apply to other types). This cannot be undone.
      </ConfirmDialog>
    </Stack>
  );
}

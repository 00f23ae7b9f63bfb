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
import { useTranslation } from 'react-i18next';
import { currentIntlLocale, i18n } from '../../../i18n/i18n';
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
  if (ticketType.salesStartAt)
    return i18n.t('web.org.editor.ticketTypes.salesFrom', { when: fmt(ticketType.salesStartAt) });
  if (ticketType.salesEndAt)
    return i18n.t('web.org.editor.ticketTypes.salesUntil', { when: fmt(ticketType.salesEndAt) });
  return i18n.t('web.org.editor.ticketTypes.salesWhileOn');
}

/** Where buyers find a hidden type: the event link with its access code, ready to copy. */
function HiddenTypeLink({ ticketType, event }: { ticketType: TicketType; event: Event }) {
  const { t } = useTranslation();
  if (!ticketType.accessCode)
    return (
      <Text size="sm" c="dimmed">
        {t('web.org.editor.ticketTypes.promoOnly')}
      </Text>
    );
  const link = `${window.location.origin}/events/${event.slug}?code=${encodeURIComponent(ticketType.accessCode)}`;
  return (
    <Group gap={6} wrap="nowrap">
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Text size="sm" c="dimmed">
          {t('web.org.editor.ticketTypes.accessCode')} <strong>{ticketType.accessCode}</strong>
        </Text>
        <Text size="xs" c="dimmed" truncate="end" title={link}>
          {link}
        </Text>
      </Stack>
      <CopyButton value={link} timeout={2000}>
        {({ copied, copy }) => (
          <Tooltip
            label={copied ? t('web.org.editor.ticketTypes.copied') : t('web.org.editor.ticketTypes.copyLink')}
          >
            <ActionIcon
              variant="subtle"
              color={copied ? 'teal' : 'gray'}
              onClick={copy}
              aria-label={
                copied
                  ? t('web.org.editor.ticketTypes.copied')
                  : t('web.org.editor.ticketTypes.copyLinkTo', { name: ticketType.name })
              }
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
  const { t } = useTranslation();
  const reasonId = useId();
  // Sales on any date keep the type, not only on the first one its own figures count.
  const blocker = ticketTypeDeleteBlocker({ ...ticketType, sold: usage.sold, held: usage.held }, event);
  return (
    <Tooltip
      label={blocker ?? t('web.org.editor.ticketTypes.delete')}
      multiline
      w={blocker ? 280 : undefined}
    >
      {/* A disabled button gets no pointer events: the wrapper still shows the tooltip. */}
      <span>
        <ActionIcon
          variant="subtle"
          color="red"
          size="lg"
          onClick={onDelete}
          disabled={blocker !== null}
          aria-label={t('web.org.editor.ticketTypes.deleteLabel', { name: ticketType.name })}
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
  const { t } = useTranslation();
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
              {ticketType.priceCents === 0
                ? t('web.common.free')
                : formatMoney(ticketType.priceCents, event.currency, currentIntlLocale())}
            </Badge>
            {ticketType.visibility === 'hidden' && (
              <Badge
                variant="light"
                color="gray"
                radius="sm"
                leftSection={<IconLock size={12} aria-hidden />}
              >
                {t('web.org.editor.ticketTypes.hidden')}
              </Badge>
            )}
            {available === 0 && capacity > 0 && (
              <Badge variant="filled" color="red" radius="sm">
                {hasDates
                  ? t('web.org.editor.ticketTypes.soldOutEveryDate')
                  : t('web.org.editor.ticketTypes.soldOut')}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {salesWindow(ticketType, event.timezone)} ·{' '}
            {t('web.org.editor.ticketTypes.perOrder', {
              min: ticketType.minPerOrder,
              max: ticketType.maxPerOrder,
            })}
          </Text>
          {ticketType.visibility === 'hidden' && <HiddenTypeLink ticketType={ticketType} event={event} />}
          <CapacityUsageBar
            label={
              hasDates
                ? t('web.org.editor.ticketTypes.salesOverDates', { name: ticketType.name })
                : t('web.org.editor.ticketTypes.sales', { name: ticketType.name })
            }
            usage={usage}
          />
          {hasDates && (
            <Text size="xs" c="dimmed">
              {t('web.org.editor.ticketTypes.overDates', {
                count: dates.length,
                n: formatCount(dates.length),
              })}
            </Text>
          )}
          {isLimitedByPool && (
            <Text size="xs" c="dimmed">
              {t('web.org.editor.ticketTypes.limitedByPool')}
            </Text>
          )}
        </Stack>
        {editable && (
          <Group gap={4} wrap="nowrap">
            <Tooltip label={t('web.org.editor.ticketTypes.edit')}>
              <ActionIcon
                variant="subtle"
                onClick={onEdit}
                aria-label={t('web.org.editor.ticketTypes.editLabel', { name: ticketType.name })}
                size="lg"
              >
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
  const { t } = useTranslation();
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
        notifications.show({
          color: 'teal',
          message: t('web.org.editor.ticketTypes.deleted', { name: deleting.name }),
        });
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
            ? t('web.org.editor.ticketTypes.needOne')
            : t('web.org.editor.ticketTypes.count', { count: types.length })}
        </Text>
        {editable && (
          <Button leftSection={<IconPlus size={16} />} variant="light" onClick={() => openFor(undefined)}>
            {t('web.org.editor.ticketForm.add')}
          </Button>
        )}
      </Group>
      {types.length === 0 ? (
        <EmptyState title={t('web.org.editor.ticketTypes.emptyTitle')}>
          {t('web.org.editor.ticketTypes.emptyBody')}
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
        title={
          editing
            ? t('web.org.editor.ticketTypes.editTitle', { name: editing.name })
            : t('web.org.editor.ticketForm.newLabel')
        }
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
              message: editing
                ? t('web.org.editor.ticketTypes.saved', { name: body.name })
                : t('web.org.editor.ticketTypes.added', { name: body.name }),
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
        title={t('web.org.editor.ticketTypes.deleteTitle', { name: deleting?.name ?? '' })}
        confirmLabel={t('web.org.editor.ticketTypes.deleteConfirm')}
      >
        {t('web.org.editor.ticketTypes.deleteBody')}
      </ConfirmDialog>
    </Stack>
  );
}

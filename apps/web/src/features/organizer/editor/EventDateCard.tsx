import { ActionIcon, Badge, Group, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import type { EventDate } from '@zevents/contracts';
import { useTranslation } from 'react-i18next';
import { formatZoneName } from '../../../components/ui/format';
import { formatCount } from '../../../components/ui/money';
import { formatRangeInZone } from '../lib/zoned-time';
import { CapacityUsageBar } from './CapacityUsageBar';

/** `14 Mar 2027, 19:30 – 22:00 CET`: a date as the organizer reads it, in the event's zone. */
export function eventDateLabel(date: Pick<EventDate, 'startsAt' | 'endsAt'>, timeZone: string): string {
  return `${formatRangeInZone(date.startsAt, date.endsAt, timeZone)} ${formatZoneName(date.startsAt, timeZone)}`;
}

const NUMBER_CELL = { fontVariantNumeric: 'tabular-nums' } as const;

/** One date: when, how full it is over every type, each type's figures on it; edit and delete. */
export function EventDateCard({
  date,
  timeZone,
  editable,
  onEdit,
  onDelete,
  now,
}: {
  date: EventDate;
  timeZone: string;
  now: Date;
  editable: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  const label = eventDateLabel(date, timeZone);
  const available = Math.max(0, date.capacity - date.sold - date.held);
  const isOver = Date.parse(date.endsAt) <= now.getTime();
  return (
    <Paper component="li" withBorder p="md" radius="lg" bg="var(--mantine-color-body)" aria-label={label}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
          <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
            <Group gap="xs">
              <Text fw={700}>{label}</Text>
              {isOver ? (
                <Badge variant="light" color="gray" radius="sm">
                  {t('web.org.editor.dates.over')}
                </Badge>
              ) : (
                available === 0 &&
                date.capacity > 0 && (
                  <Badge variant="filled" color="red" radius="sm">
                    {t('web.org.editor.ticketTypes.soldOut')}
                  </Badge>
                )
              )}
            </Group>
            <CapacityUsageBar
              label={t('web.org.editor.dates.usage', { label })}
              usage={{ capacity: date.capacity, sold: date.sold, held: date.held, available }}
            />
          </Stack>
          {editable && (
            <Group gap={4} wrap="nowrap">
              <Tooltip label={t('web.org.editor.ticketTypes.edit')}>
                <ActionIcon
                  variant="subtle"
                  size="lg"
                  onClick={onEdit}
                  aria-label={t('web.org.editor.ticketTypes.editLabel', { name: label })}
                >
                  <IconPencil size={18} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={t('web.org.editor.ticketTypes.delete')}>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  onClick={onDelete}
                  aria-label={t('web.org.editor.ticketTypes.deleteLabel', { name: label })}
                >
                  <IconTrash size={18} />
                </ActionIcon>
              </Tooltip>
            </Group>
          )}
        </Group>
        {date.ticketTypes.length > 0 && (
          // No sideways scrolling: five short columns fit a phone in the small font (a scrolling
          // region would also need to be focusable to pass the audit).
          <Table
            fz={{ base: 'xs', xs: 'sm' }}
            horizontalSpacing={6}
            verticalSpacing={4}
            aria-label={t('web.org.editor.dates.typesOn', { label })}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('web.org.editor.dates.colType')}</Table.Th>
                <Table.Th ta="right">{t('web.org.editor.ticketForm.capacity')}</Table.Th>
                <Table.Th ta="right">{t('web.org.editor.dates.colSold')}</Table.Th>
                <Table.Th ta="right">{t('web.org.editor.dates.colHeld')}</Table.Th>
                <Table.Th ta="right">{t('web.org.editor.dates.colAvailable')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {date.ticketTypes.map((type) => (
                <Table.Tr key={type.ticketTypeId}>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{type.name}</Table.Td>
                  <Table.Td ta="right" style={NUMBER_CELL}>
                    {formatCount(type.capacity)}
                  </Table.Td>
                  <Table.Td ta="right" style={NUMBER_CELL}>
                    {formatCount(type.sold)}
                  </Table.Td>
                  <Table.Td ta="right" style={NUMBER_CELL}>
                    {formatCount(type.held)}
                  </Table.Td>
                  <Table.Td ta="right" style={NUMBER_CELL}>
                    {formatCount(type.available)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}

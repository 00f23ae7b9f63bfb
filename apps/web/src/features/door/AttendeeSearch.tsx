import { Badge, Button, Group, Loader, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEventAttendees } from '../organizer/queries/useEventAttendees';
import { formatDoorTime } from './door-result';

/** Find a guest by name, email or code when there is no ticket to scan. */
export function AttendeeSearch({
  eventId,
  timeZone,
  onCheckIn,
  pendingCode,
}: {
  eventId: string;
  timeZone: string;
  onCheckIn: (code: string) => void;
  pendingCode: string | null;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const enabled = q.length >= 2;
  const attendees = useEventAttendees(eventId, { q }, { pageSize: 8, enabled });
  const items = enabled ? (attendees.data?.pages[0]?.items ?? []) : [];

  return (
    <Stack gap="sm">
      <TextInput
        label={t('web.door.search.label')}
        placeholder={t('web.door.search.placeholder')}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        leftSection={<IconSearch size={18} />}
        rightSection={enabled && attendees.isFetching ? <Loader size="xs" /> : null}
        size="md"
        autoComplete="off"
      />
      {enabled && attendees.isError && (
        <Text size="sm" c="red.8" role="alert">
          {t('web.door.search.failed')}
        </Text>
      )}
      {enabled && attendees.isSuccess && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('web.door.search.none', { q })}
        </Text>
      )}
      {items.length > 0 && (
        <Stack
          gap="xs"
          component="ul"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('web.door.search.results')}
        >
          {items.map((a) => (
            <Paper
              key={a.ticketId}
              component="li"
              withBorder
              p="sm"
              radius="lg"
              bg="var(--mantine-color-body)"
            >
              <Group justify="space-between" wrap="nowrap" gap="sm">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text fw={700} truncate="end">
                    {a.attendeeName}
                  </Text>
                  <Text size="xs" c="dimmed" truncate="end">
                    {a.ticketTypeName} ·{' '}
                    <Text span ff="monospace" size="xs">
                      {a.code}
                    </Text>
                  </Text>
                </Stack>
                {a.status === 'valid' ? (
                  <Button
                    onClick={() => onCheckIn(a.code)}
                    loading={pendingCode === a.code}
                    // Several tickets may carry one name (a buyer's order): the code tells them apart.
                    aria-label={t('web.door.search.checkInLabel', { name: a.attendeeName, code: a.code })}
                  >
                    {t('web.door.search.checkIn')}
                  </Button>
                ) : a.status === 'checked_in' ? (
                  <Badge color="teal" variant="light" size="lg" radius="sm" style={{ flexShrink: 0 }}>
                    {t('web.door.search.inAt', {
                      time: a.checkedInAt ? formatDoorTime(a.checkedInAt, timeZone) : '',
                    })}
                  </Badge>
                ) : (
                  <Badge color="red" variant="light" size="lg" radius="sm" style={{ flexShrink: 0 }}>
                    {t('web.door.search.void')}
                  </Badge>
                )}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

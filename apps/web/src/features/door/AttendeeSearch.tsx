import { Badge, Button, Group, Loader, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
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
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const enabled = q.length >= 2;
  const attendees = useEventAttendees(eventId, { q }, { pageSize: 8, enabled });
  const items = enabled ? (attendees.data?.pages[0]?.items ?? []) : [];

  return (
    <Stack gap="sm">
      <TextInput
        label="Search by name"
        placeholder="Name, email or code"
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        leftSection={<IconSearch size={18} />}
        rightSection={enabled && attendees.isFetching ? <Loader size="xs" /> : null}
        size="md"
        autoComplete="off"
      />
      {enabled && attendees.isError && (
        <Text size="sm" c="red.8" role="alert">
          Search failed. Check the connection.
        </Text>
      )}
      {enabled && attendees.isSuccess && items.length === 0 && (
        <Text size="sm" c="dimmed">
          Nobody matches “{q}”.
        </Text>
      )}
      {items.length > 0 && (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Search results">
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
                    aria-label={`Check in ${a.attendeeName}, ticket ${a.code}`}
                  >
                    Check in
                  </Button>
                ) : a.status === 'checked_in' ? (
                  <Badge color="teal" variant="light" size="lg" radius="sm" style={{ flexShrink: 0 }}>
                    In {a.checkedInAt ? formatDoorTime(a.checkedInAt, timeZone) : ''}
                  </Badge>
                ) : (
                  <Badge color="red" variant="light" size="lg" radius="sm" style={{ flexShrink: 0 }}>
                    Void
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

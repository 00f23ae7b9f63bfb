import { Alert, Badge, Group, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import type { Event, WaitlistEntry, WaitlistList } from '@zevents/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../../i18n/i18n';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { ListStates } from '../../../components/ui/PagedList';
import { useConfirmedAction } from '../../../components/ui/useConfirmedAction';
import { describeApiError } from '../../../components/ui/useFormErrorResponseHandler';
import { useWaitingListMutations } from '../mutations/useWaitingListMutations';
import { useWaitingList } from '../queries/useWaitingList';
import { WaitingListEntryCard, type EntryActions } from './WaitingListEntryCard';

const offerMessages = () => ({ SOLD_OUT: i18n.t('web.org.editor.waitingList.soldOut') });

interface TypeLine {
  ticketTypeId: string;
  name: string;
  entries: WaitlistEntry[];
  waitingCount: number;
}

/** Entries by ticket type, in the event's order of types; each line keeps the API's order. */
function linesOf(event: Event, items: WaitlistEntry[]): TypeLine[] {
  const lines = new Map<string, TypeLine>();
  for (const type of event.ticketTypes ?? [])
    lines.set(type.id, { ticketTypeId: type.id, name: type.name, entries: [], waitingCount: 0 });
  for (const entry of items) {
    const line = lines.get(entry.ticketTypeId) ?? {
      ticketTypeId: entry.ticketTypeId,
      name: entry.ticketTypeName,
      entries: [],
      waitingCount: 0,
    };
    line.entries.push(entry);
    if (entry.status === 'waiting') line.waitingCount += 1;
    lines.set(entry.ticketTypeId, line);
  }
  return [...lines.values()].filter((line) => line.entries.length > 0);
}

function Counts({ counts }: { counts: WaitlistList['counts'] }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="wrap" aria-label={t('web.org.editor.waitingList.counts')}>
      <Badge variant="light" color="indigo">
        {t('web.org.editor.waitingList.countWaiting', { n: counts.waiting })}
      </Badge>
      <Badge variant="light" color="orange">
        {t('web.org.editor.waitingList.countOffered', { n: counts.offered })}
      </Badge>
      <Badge variant="light" color="teal">
        {t('web.org.editor.waitingList.countPurchased', { n: counts.purchased })}
      </Badge>
      <Badge variant="light" color="gray">
        {t('web.org.editor.waitingList.countExpired', { n: counts.expired })}
      </Badge>
    </Group>
  );
}

/**
 * The waiting lists of a sold-out event's ticket types: who waits in what order, whose offer is
 * open, and the organizer's hand on the line (move, offer ahead of turn, remove).
 */
export function WaitingListSection({ event, editable }: { event: Event; editable: boolean }) {
  const { t } = useTranslation();
  const list = useWaitingList(event.id);
  const { move, offer, remove } = useWaitingListMutations(event.id);
  const [busyEntryId, setBusyEntryId] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const removal = useConfirmedAction<WaitlistEntry>(
    (entry, callbacks) => remove.mutate(entry.id, callbacks),
    (entry) => t('web.org.editor.waitingList.removed', { name: entry.name }),
  );

  // In the page, not a toast: the organizer reads why the line did not change where they acted.
  const fail = (error: unknown, codeMessages: Record<string, string> = {}) =>
    setActionError(describeApiError(error, codeMessages));
  const start = (entryId: string) => {
    setActionError(null);
    setBusyEntryId(entryId);
  };

  const actions: EntryActions = {
    busyEntryId,
    onMove: (entry, position) => {
      start(entry.id);
      move.mutate(
        { entryId: entry.id, position },
        { onError: (error) => fail(error), onSettled: () => setBusyEntryId(null) },
      );
    },
    onOffer: (entry) => {
      start(entry.id);
      offer.mutate(entry.id, {
        onSuccess: () =>
          notifications.show({
            color: 'teal',
            message: t('web.org.editor.waitingList.offered', { name: entry.name }),
          }),
        onError: (error) => fail(error, offerMessages()),
        onSettled: () => setBusyEntryId(null),
      });
    },
    onRemove: removal.ask,
  };

  const items = list.data?.items ?? [];
  return (
    <section aria-labelledby="waiting-list-title">
      <Stack gap="md">
        <div>
          <Title order={2} size="h3" id="waiting-list-title">
            {t('web.org.editor.tabs.waitingList')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('web.org.editor.waitingList.intro')}
          </Text>
        </div>
        {list.data && <Counts counts={list.data.counts} />}
        {actionError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
            {actionError}
          </Alert>
        )}
        <ListStates
          query={list}
          isEmpty={items.length === 0}
          loadingLabel={t('web.org.editor.waitingList.loading')}
          emptyTitle={t('web.org.editor.waitingList.emptyTitle')}
          emptyText={t('web.org.editor.waitingList.emptyText')}
        >
          <Stack gap="lg">
            {linesOf(event, items).map((line) => (
              <section key={line.ticketTypeId} aria-labelledby={`waiting-line-${line.ticketTypeId}`}>
                <Title order={3} size="h4" id={`waiting-line-${line.ticketTypeId}`} mb="xs">
                  {line.name}
                </Title>
                <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
                  {line.entries.map((entry) => (
                    <WaitingListEntryCard
                      key={entry.id}
                      entry={entry}
                      waitingCount={line.waitingCount}
                      timeZone={event.timezone}
                      editable={editable}
                      actions={actions}
                    />
                  ))}
                </Stack>
              </section>
            ))}
          </Stack>
        </ListStates>
      </Stack>
      <ConfirmDialog
        opened={removal.target !== null}
        onClose={removal.close}
        onConfirm={removal.confirm}
        title={t('web.org.editor.waitingList.removeTitle')}
        confirmLabel={t('web.org.editor.reminders.remove')}
        danger
        loading={remove.isPending}
        error={removal.error}
      >
        {removal.target
          ? t('web.org.editor.waitingList.removeBody', {
              name: removal.target.name,
              email: removal.target.email,
            })
          : ''}
      </ConfirmDialog>
    </section>
  );
}

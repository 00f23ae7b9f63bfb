import { ActionIcon, Badge, CopyButton, Group, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconTrash } from '@tabler/icons-react';
import { formatMoney, type TrackingLink } from '@zevents/contracts';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { DownloadCsvButton } from '../../../components/ui/DownloadCsvButton';
import { formatCount } from '../../../components/ui/money';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/QueryState';
import { useConfirmedAction } from '../../../components/ui/useConfirmedAction';
import { useDeleteTrackingLink } from '../mutations/useTrackingLinkMutations';
import { useTrackingLinks } from '../queries/useTrackingLinks';
import { formatRatio } from './analytics-format';
import { csvColumnsOf, ReportCard, type ReportColumn } from './ReportCard';
import { performanceColumns } from './SourcesCard';
import { TrackingLinkForm } from './TrackingLinkForm';

type Performance = TrackingLink['performance'];

function linkCsvColumns(currency: string): Array<ReportColumn<TrackingLink>> {
  const performance = performanceColumns<Performance>(currency);
  return [
    { csv: { header: 'name', value: (link) => link.name } },
    { csv: { header: 'code', value: (link) => link.code } },
    { csv: { header: 'url', value: (link) => link.url } },
    { csv: { header: 'created_at', value: (link) => link.createdAt } },
    // The link's figures, read from its `performance`.
    ...performance.flatMap((column) =>
      column.csv
        ? [
            {
              csv: {
                header: column.csv.header,
                value: (link: TrackingLink) => column.csv?.value(link.performance),
              },
            },
          ]
        : [],
    ),
  ];
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
    </Stack>
  );
}

function LinkItem({
  link,
  currency,
  onDelete,
}: {
  link: TrackingLink;
  currency: string;
  onDelete?: (link: TrackingLink) => void;
}) {
  const { performance } = link;
  return (
    <Stack
      component="li"
      gap="sm"
      p="md"
      aria-label={link.name}
      style={{ border: '1px solid rgba(99, 102, 241, 0.15)', borderRadius: 'var(--mantine-radius-lg)' }}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap={8} wrap="wrap">
            <Text fw={700}>{link.name}</Text>
            <Badge variant="light" size="sm" tt="none">
              ref={link.code}
            </Badge>
          </Group>
          <Group gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
            <Text size="sm" c="dimmed" ff="monospace" truncate="end" data-testid="tracking-link-url">
              {link.url}
            </Text>
            <CopyButton value={link.url} timeout={2500}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? 'Copied' : 'Copy the link'}>
                  <ActionIcon
                    variant="subtle"
                    color={copied ? 'teal' : 'gray'}
                    onClick={copy}
                    aria-label={copied ? `Link ${link.name} copied` : `Copy the link ${link.name}`}
                  >
                    {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
        </Stack>
        {onDelete && (
          <Tooltip label="Delete">
            <ActionIcon
              variant="subtle"
              color="red"
              onClick={() => onDelete(link)}
              aria-label={`Delete the link ${link.name}`}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
      <SimpleGrid cols={{ base: 3, sm: 6 }} spacing="xs" verticalSpacing="xs">
        <Figure label="Views" value={formatCount(performance.views)} />
        <Figure label="Visitors" value={formatCount(performance.visitors)} />
        <Figure label="Orders" value={formatCount(performance.orders)} />
        <Figure label="Tickets" value={formatCount(performance.tickets)} />
        <Figure label="Revenue" value={formatMoney(performance.revenueCents, currency)} />
        <Figure
          label="Conversion"
          value={formatRatio(performance.visitors > 0 ? performance.conversion : null)}
        />
      </SimpleGrid>
    </Stack>
  );
}

/** Links to share where the event is promoted, each counted as a source, with what it brought. */
export function TrackingLinksCard({
  eventId,
  currency,
  canEdit,
  filename,
}: {
  eventId: string;
  currency: string;
  canEdit: boolean;
  filename: string;
}) {
  const links = useTrackingLinks(eventId);
  const remove = useDeleteTrackingLink(eventId);
  const removal = useConfirmedAction<TrackingLink>(
    (link, callbacks) => remove.mutate(link.id, callbacks),
    (link) => `Link "${link.name}" deleted`,
  );
  const items = links.data?.items ?? [];

  return (
    <ReportCard
      title="Tracking links"
      description="Share each link where you promote the event: its visits and sales since it was made are counted here."
      actions={
        <DownloadCsvButton
          what="tracking links"
          filename={[filename, 'tracking-links']}
          rows={items}
          columns={csvColumnsOf(linkCsvColumns(currency))}
        />
      }
    >
      {canEdit && <TrackingLinkForm eventId={eventId} />}
      {links.isPending ? (
        <LoadingState label="Loading the links…" />
      ) : links.isError ? (
        <ErrorState error={links.error} onRetry={() => void links.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title="No tracking links yet">
          {canEdit
            ? 'Make one per place you share the event (a newsletter, a poster, a partner) to see which works.'
            : 'Owners and admins can make links to share.'}
        </EmptyState>
      ) : (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Tracking links">
          {items.map((link) => (
            <LinkItem
              key={link.id}
              link={link}
              currency={currency}
              onDelete={canEdit ? removal.ask : undefined}
            />
          ))}
        </Stack>
      )}
      <ConfirmDialog
        opened={removal.target !== null}
        onClose={removal.close}
        onConfirm={removal.confirm}
        title="Delete this tracking link?"
        confirmLabel="Delete link"
        danger
        loading={remove.isPending}
        error={removal.error}
      >
        {removal.target
          ? `"${removal.target.name}" stops being listed here. Where it is already shared it still opens the event page, and what it brought stays counted under its code (${removal.target.code}) in the sources.`
          : ''}
      </ConfirmDialog>
    </ReportCard>
  );
}

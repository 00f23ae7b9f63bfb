import { ActionIcon, Badge, CopyButton, Group, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconTrash } from '@tabler/icons-react';
import { formatMoney, type TrackingLink } from '@zevents/contracts';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { DownloadCsvButton } from '../../../components/ui/DownloadCsvButton';
import { formatCount } from '../../../components/ui/money';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/QueryState';
import { useConfirmedAction } from '../../../components/ui/useConfirmedAction';
import { currentIntlLocale } from '../../../i18n/i18n';
import { useDeleteTrackingLink } from '../mutations/useTrackingLinkMutations';
import { useTrackingLinks } from '../queries/useTrackingLinks';
import { formatRatio } from './analytics-format';
import { csvColumnsOf, ReportCard, type ReportColumn } from './ReportCard';
import { performanceColumns } from './SourcesCard';
import { TrackingLinkForm } from './TrackingLinkForm';

type Performance = TrackingLink['performance'];

function linkCsvColumns(t: TFunction, currency: string): Array<ReportColumn<TrackingLink>> {
  const performance = performanceColumns<Performance>(t, currency);
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
  const { t } = useTranslation();
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
                <Tooltip
                  label={
                    copied
                      ? t('web.org.insight.analytics.links.copied')
                      : t('web.org.insight.analytics.links.copy')
                  }
                >
                  <ActionIcon
                    variant="subtle"
                    color={copied ? 'teal' : 'gray'}
                    onClick={copy}
                    aria-label={
                      copied
                        ? t('web.org.insight.analytics.links.copiedLabel', { name: link.name })
                        : t('web.org.insight.analytics.links.copyLabel', { name: link.name })
                    }
                  >
                    {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
        </Stack>
        {onDelete && (
          <Tooltip label={t('web.org.insight.analytics.links.delete')}>
            <ActionIcon
              variant="subtle"
              color="red"
              onClick={() => onDelete(link)}
              aria-label={t('web.org.insight.analytics.links.deleteLabel', { name: link.name })}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
      <SimpleGrid cols={{ base: 3, sm: 6 }} spacing="xs" verticalSpacing="xs">
        <Figure label={t('web.org.insight.analytics.figures.views')} value={formatCount(performance.views)} />
        <Figure
          label={t('web.org.insight.analytics.figures.visitors')}
          value={formatCount(performance.visitors)}
        />
        <Figure
          label={t('web.org.insight.analytics.figures.orders')}
          value={formatCount(performance.orders)}
        />
        <Figure
          label={t('web.org.insight.analytics.figures.tickets')}
          value={formatCount(performance.tickets)}
        />
        <Figure
          label={t('web.org.insight.analytics.figures.revenue')}
          value={formatMoney(performance.revenueCents, currency, currentIntlLocale())}
        />
        <Figure
          label={t('web.org.insight.analytics.figures.conversion')}
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
  const { t } = useTranslation();
  const links = useTrackingLinks(eventId);
  const remove = useDeleteTrackingLink(eventId);
  const removal = useConfirmedAction<TrackingLink>(
    (link, callbacks) => remove.mutate(link.id, callbacks),
    (link) => t('web.org.insight.analytics.links.deleted', { name: link.name }),
  );
  const items = links.data?.items ?? [];

  return (
    <ReportCard
      title={t('web.org.insight.analytics.links.title')}
      description={t('web.org.insight.analytics.links.description')}
      actions={
        <DownloadCsvButton
          what={t('web.org.insight.analytics.links.what')}
          filename={[filename, 'tracking-links']}
          rows={items}
          columns={csvColumnsOf(linkCsvColumns(t, currency))}
        />
      }
    >
      {canEdit && <TrackingLinkForm eventId={eventId} />}
      {links.isPending ? (
        <LoadingState label={t('web.org.insight.analytics.links.loading')} />
      ) : links.isError ? (
        <ErrorState error={links.error} onRetry={() => void links.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t('web.org.insight.analytics.links.emptyTitle')}>
          {canEdit
            ? t('web.org.insight.analytics.links.emptyBody')
            : t('web.org.insight.analytics.links.emptyBodyReadOnly')}
        </EmptyState>
      ) : (
        <Stack
          component="ul"
          gap="sm"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('web.org.insight.analytics.links.title')}
        >
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
        title={t('web.org.insight.analytics.links.deleteTitle')}
        confirmLabel={t('web.org.insight.analytics.links.deleteConfirm')}
        danger
        loading={remove.isPending}
        error={removal.error}
      >
        {removal.target
          ? t('web.org.insight.analytics.links.deleteBody', {
              name: removal.target.name,
              code: removal.target.code,
            })
          : ''}
      </ConfirmDialog>
    </ReportCard>
  );
}

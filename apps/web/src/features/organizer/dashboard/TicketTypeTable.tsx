import { Group, Progress, Stack, Text, Title } from '@mantine/core';
import { formatMoney, type TicketTypeStats } from '@zevents/contracts';
import { useTranslation } from 'react-i18next';
import { GlassCard } from '../../../components/ui/GlassCard';
import { EmptyState } from '../../../components/ui/QueryState';
import { formatCount, formatPercent } from '../../../components/ui/money';
import { currentIntlLocale } from '../../../i18n/i18n';

function Legend({ color, label }: { color: string; label: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      <span
        aria-hidden
        style={{ width: 10, height: 10, borderRadius: 3, background: `var(--mantine-color-${color}-filled)` }}
      />
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Group>
  );
}

/**
 * Each ticket type: sold and held against its capacity, and what it brought in. A list rather than a
 * table so a phone shows every column without scrolling sideways.
 */
export function TicketTypeTable({ rows, currency }: { rows: TicketTypeStats[]; currency: string }) {
  const { t } = useTranslation();
  return (
    <GlassCard p="lg">
      <Stack gap="md">
        <Group justify="space-between" align="flex-end">
          <Title order={2} fz="lg">
            {t('web.org.insight.dashboard.ticketTypes.title')}
          </Title>
          <Group gap="md">
            <Legend color="indigo" label={t('web.org.insight.dashboard.ticketTypes.sold')} />
            <Legend color="yellow" label={t('web.org.insight.dashboard.ticketTypes.held')} />
          </Group>
        </Group>
        {rows.length === 0 ? (
          <EmptyState title={t('web.org.insight.dashboard.ticketTypes.emptyTitle')}>
            {t('web.org.insight.dashboard.ticketTypes.emptyBody')}
          </EmptyState>
        ) : (
          <Stack gap="lg" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {rows.map((row) => {
              const soldPct = row.capacity > 0 ? (row.sold / row.capacity) * 100 : 0;
              const heldPct = row.capacity > 0 ? (row.held / row.capacity) * 100 : 0;
              return (
                <Stack key={row.ticketTypeId} component="li" gap={6}>
                  <Group justify="space-between" wrap="nowrap" align="baseline">
                    <Text fw={600} size="sm" truncate="end">
                      {row.name}
                    </Text>
                    <Text fw={700} size="sm" style={{ fontVariantNumeric: 'tabular-nums', flexShrink: 0 }}>
                      {formatMoney(row.revenueCents, currency, currentIntlLocale())}
                    </Text>
                  </Group>
                  {/* Each section is its own progressbar to assistive technology, so each is named. */}
                  <Progress.Root
                    size="lg"
                    radius="xl"
                    role="group"
                    aria-label={t('web.org.insight.dashboard.ticketTypes.barLabel', {
                      name: row.name,
                      sold: formatCount(row.sold),
                      held: formatCount(row.held),
                      capacity: formatCount(row.capacity),
                    })}
                  >
                    <Progress.Section
                      value={soldPct}
                      color="indigo"
                      aria-label={t('web.org.insight.dashboard.ticketTypes.soldLabel', { name: row.name })}
                    />
                    <Progress.Section
                      value={heldPct}
                      color="yellow"
                      aria-label={t('web.org.insight.dashboard.ticketTypes.heldLabel', { name: row.name })}
                    />
                  </Progress.Root>
                  <Group justify="space-between" gap="xs">
                    <Text size="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {t('web.org.insight.dashboard.ticketTypes.summary', {
                        sold: formatCount(row.sold),
                        held: formatCount(row.held),
                        capacity: formatCount(row.capacity),
                      })}
                    </Text>
                    <Text size="xs" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {t('web.org.insight.dashboard.ticketTypes.filled', {
                        share: formatPercent(row.sold, row.capacity),
                      })}
                    </Text>
                  </Group>
                </Stack>
              );
            })}
          </Stack>
        )}
      </Stack>
    </GlassCard>
  );
}

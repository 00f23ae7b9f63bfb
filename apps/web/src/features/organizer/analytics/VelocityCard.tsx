import { SimpleGrid, Stack, Table, Text } from '@mantine/core';
import type { EventAnalytics } from '@zevents/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../components/ui/format';
import { formatCount } from '../../../components/ui/money';
import { formatRate } from './analytics-format';
import { ReportCard } from './ReportCard';

function Figure({ label, value, hint }: { label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="sm" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text fz={{ base: 22, sm: 26 }} fw={800} lh={1.15} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Stack>
  );
}

/** How fast tickets sell lately, and when the event sells out at that pace. */
export function VelocityCard({ analytics }: { analytics: EventAnalytics }) {
  const { t } = useTranslation();
  const { velocity, timezone } = analytics;
  const { projectedSellOutAt, projectedRange } = velocity;
  const forecast =
    velocity.remaining === 0
      ? {
          value: t('web.org.insight.analytics.velocity.soldOut'),
          hint: t('web.org.insight.analytics.velocity.nothingLeft'),
        }
      : projectedSellOutAt
        ? {
            value: formatDate(projectedSellOutAt, timezone),
            hint: projectedRange
              ? t('web.org.insight.analytics.velocity.likely', {
                  earliest: formatDate(projectedRange.earliest, timezone),
                  latest: formatDate(projectedRange.latest, timezone),
                })
              : t('web.org.insight.analytics.velocity.atPace'),
          }
        : {
            value: t('web.org.insight.analytics.velocity.notEnough'),
            hint: t('web.org.insight.analytics.velocity.notEnoughHint'),
          };

  return (
    <ReportCard title={t('web.org.insight.analytics.velocity.title')}>
      <SimpleGrid cols={{ base: 2, sm: 2 }} spacing="lg" verticalSpacing="lg">
        <Figure
          label={t('web.org.insight.analytics.velocity.perDay')}
          value={formatRate(velocity.ticketsPerDay)}
          hint={t('web.org.insight.analytics.velocity.last7')}
        />
        <Figure
          label={t('web.org.insight.analytics.velocity.left')}
          value={formatCount(velocity.remaining)}
          hint={t('web.org.insight.analytics.velocity.everyType')}
        />
      </SimpleGrid>
      <div data-testid="sell-out-forecast">
        <Figure
          label={t('web.org.insight.analytics.velocity.projected')}
          value={forecast.value}
          hint={forecast.hint}
        />
      </div>
      {velocity.earlierEvents.length > 0 && (
        <Table.ScrollContainer minWidth={280}>
          <Table
            fz="sm"
            verticalSpacing={6}
            aria-label={t('web.org.insight.analytics.velocity.earlierLabel')}
          >
            <Table.Caption>
              {t('web.org.insight.analytics.velocity.earlierCaption', {
                sold: formatCount(velocity.ticketsSoFar),
              })}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('web.org.insight.analytics.velocity.event')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('web.org.insight.analytics.velocity.soldByThen')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('web.org.insight.analytics.velocity.soldInAll')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {velocity.earlierEvents.map((earlier) => (
                <Table.Tr key={earlier.eventId}>
                  <Table.Th scope="row" fw={500}>
                    {earlier.title}
                  </Table.Th>
                  <Table.Td ta="right">{formatCount(earlier.ticketsAtSamePoint)}</Table.Td>
                  <Table.Td ta="right">{formatCount(earlier.ticketsFinal)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </ReportCard>
  );
}

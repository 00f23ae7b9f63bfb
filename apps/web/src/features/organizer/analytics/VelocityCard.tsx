import { SimpleGrid, Stack, Text } from '@mantine/core';
import type { EventAnalytics } from '@zevents/contracts';
import type { ReactNode } from 'react';
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
  const { velocity, timezone } = analytics;
  const { projectedSellOutAt, projectedRange } = velocity;
  const forecast =
    velocity.remaining === 0
      ? { value: 'Sold out', hint: 'Nothing left to sell.' }
      : projectedSellOutAt
        ? {
            value: formatDate(projectedSellOutAt, timezone),
            hint: projectedRange
              ? `Likely between ${formatDate(projectedRange.earliest, timezone)} and ${formatDate(projectedRange.latest, timezone)}, at the pace of the last 7 days.`
              : 'At the pace of the last 7 days.',
          }
        : { value: 'Not enough sales yet', hint: 'A forecast appears once tickets sell in the last 7 days.' };

  return (
    <ReportCard title="Sales pace and forecast">
      <SimpleGrid cols={{ base: 2, sm: 2 }} spacing="lg" verticalSpacing="lg">
        <Figure
          label="Tickets per day"
          value={formatRate(velocity.ticketsPerDay)}
          hint="Over the last 7 days"
        />
        <Figure
          label="Left to sell"
          value={formatCount(velocity.remaining)}
          hint="Across every ticket type"
        />
      </SimpleGrid>
      <div data-testid="sell-out-forecast">
        <Figure label="Projected sell-out" value={forecast.value} hint={forecast.hint} />
      </div>
    </ReportCard>
  );
}

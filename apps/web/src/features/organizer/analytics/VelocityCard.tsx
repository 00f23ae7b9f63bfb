import { SimpleGrid, Stack, Table, Text } from '@mantine/core';
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
      {velocity.earlierEvents.length > 0 && (
        <Table.ScrollContainer minWidth={280}>
          <Table fz="sm" verticalSpacing={6} aria-label="Earlier events at this point before their start">
            <Table.Caption>
              Your earlier events, as long before their start as this one is now (
              {formatCount(velocity.ticketsSoFar)} sold so far).
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Event</Table.Th>
                <Table.Th scope="col" ta="right">
                  Sold by then
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  Sold in all
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

import { Group, Paper, Progress, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCash, IconDoorEnter, IconGauge, IconTicket } from '@tabler/icons-react';
import type { EventStats } from '@zevents/contracts';
import type { ReactNode } from 'react';
import { featureFigures, type FeatureFigure } from './feature-figures';

const ICONS: Record<FeatureFigure['key'], ReactNode> = {
  sold: <IconTicket size={18} />,
  revenue: <IconCash size={18} />,
  capacity: <IconGauge size={18} />,
  checkedIn: <IconDoorEnter size={18} />,
};

/** Tickets sold, revenue, capacity filled and checked in: the four numbers an organizer watches. */
export function FeatureCards({
  stats,
  currency,
  locale,
}: {
  stats: EventStats;
  currency: string;
  locale?: string;
}) {
  const figures = featureFigures(stats, currency, locale);
  return (
    <SimpleGrid
      cols={{ base: 2, lg: 4 }}
      spacing={{ base: 'sm', sm: 'lg' }}
      component="section"
      aria-label="Key figures"
    >
      {figures.map((figure) => (
        <Paper
          key={figure.key}
          className="ze-glass"
          p={{ base: 'md', sm: 'lg' }}
          data-testid={`feature-${figure.key}`}
        >
          <Stack gap={8} h="100%">
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text size="sm" c="dimmed" fw={600} lh={1.3}>
                {figure.label}
              </Text>
              <ThemeIcon
                size={32}
                radius="xl"
                variant="light"
                aria-hidden
                style={{ flexShrink: 0 }}
                visibleFrom="xs"
              >
                {ICONS[figure.key]}
              </ThemeIcon>
            </Group>
            <Text
              fz={{ base: 22, xs: 26, sm: 30 }}
              fw={800}
              lh={1.1}
              style={{
                letterSpacing: '-0.02em',
                fontVariantNumeric: 'tabular-nums',
                overflowWrap: 'anywhere',
              }}
            >
              {figure.value}
            </Text>
            <Text size="xs" c="dimmed" mt="auto">
              {figure.hint}
            </Text>
            {figure.progress !== undefined && (
              <Progress
                value={figure.progress}
                size="sm"
                radius="xl"
                aria-hidden
                color={figure.key === 'checkedIn' ? 'teal' : 'indigo'}
              />
            )}
          </Stack>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

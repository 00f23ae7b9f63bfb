import { Group, Progress, SimpleGrid, Stack, Text, ThemeIcon, type MantineColor } from '@mantine/core';
import type { ReactNode } from 'react';
import { GlassCard } from './GlassCard';
import { useScrollAnimation } from './useScrollAnimation';

export interface Feature {
  /** Names the card for tests (`feature-<id>`); the title when absent. */
  id?: string;
  icon: ReactNode;
  title: string;
  /** A headline figure under the title (the organizer's dashboard); selling points have none. */
  value?: ReactNode;
  description: ReactNode;
  /** 0-100: a bar under the card, when the figure is a share. */
  progress?: number;
  progressColor?: MantineColor;
}

type Columns = number | Partial<Record<'base' | 'xs' | 'sm' | 'md' | 'lg' | 'xl', number>>;

/** Icon on top, a bold title and a sentence: a selling point. */
function PointBody({ feature }: { feature: Feature }) {
  return (
    <Stack gap="sm">
      <ThemeIcon size={44} radius="xl" variant="light" aria-hidden>
        {feature.icon}
      </ThemeIcon>
      <Text fw={700} size="lg">
        {feature.title}
      </Text>
      <Text c="dimmed" size="sm">
        {feature.description}
      </Text>
    </Stack>
  );
}

/** A small title beside its icon, then the figure large enough to read across a room. */
function FigureBody({ feature }: { feature: Feature }) {
  return (
    <Stack gap={8} h="100%">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="sm" c="dimmed" fw={600} lh={1.3}>
          {feature.title}
        </Text>
        <ThemeIcon
          size={32}
          radius="xl"
          variant="light"
          aria-hidden
          style={{ flexShrink: 0 }}
          visibleFrom="xs"
        >
          {feature.icon}
        </ThemeIcon>
      </Group>
      <Text
        fz={{ base: 22, xs: 26, sm: 30 }}
        fw={800}
        lh={1.1}
        style={{ letterSpacing: '-0.02em', fontVariantNumeric: 'tabular-nums', overflowWrap: 'anywhere' }}
      >
        {feature.value}
      </Text>
      <Text size="xs" c="dimmed" mt="auto">
        {feature.description}
      </Text>
      {feature.progress !== undefined && (
        <Progress value={feature.progress} size="sm" radius="xl" aria-hidden color={feature.progressColor} />
      )}
    </Stack>
  );
}

function FeatureCard({ feature, index }: { feature: Feature; index: number }) {
  const reveal = useScrollAnimation<HTMLDivElement>();
  return (
    <div ref={reveal.ref} className={reveal.className} style={{ animationRangeStart: `entry ${index * 8}%` }}>
      <GlassCard h="100%" p={{ base: 'md', sm: 'lg' }} data-testid={`feature-${feature.id ?? feature.title}`}>
        {feature.value === undefined ? <PointBody feature={feature} /> : <FigureBody feature={feature} />}
      </GlassCard>
    </div>
  );
}

/**
 * A row of cards, each on glass and revealed as it scrolls in: the home page's selling points, or an
 * event's headline figures (cards with a `value`). `label` names the row for screen readers.
 */
export function FeatureCards({
  features,
  cols = { base: 1, sm: 2, md: 3 },
  label,
}: {
  features: Feature[];
  cols?: Columns;
  label?: string;
}) {
  return (
    <SimpleGrid
      cols={cols}
      spacing={{ base: 'sm', sm: 'lg' }}
      component={label ? 'section' : 'div'}
      aria-label={label}
    >
      {features.map((feature, index) => (
        <FeatureCard key={feature.id ?? feature.title} feature={feature} index={index} />
      ))}
    </SimpleGrid>
  );
}

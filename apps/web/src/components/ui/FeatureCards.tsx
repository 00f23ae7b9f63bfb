import { SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import type { ReactNode } from 'react';
import { GlassCard } from './GlassCard';
import { useScrollAnimation } from './useScrollAnimation';

export interface Feature {
  icon: ReactNode;
  title: string;
  description: ReactNode;
}

function FeatureCard({ feature, index }: { feature: Feature; index: number }) {
  const reveal = useScrollAnimation<HTMLDivElement>();
  return (
    <div ref={reveal.ref} className={reveal.className} style={{ animationRangeStart: `entry ${index * 8}%` }}>
      <GlassCard h="100%">
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
      </GlassCard>
    </div>
  );
}

/** A row of short selling points, each on its own glass card, revealed as they scroll in. */
export function FeatureCards({ features, cols = 3 }: { features: Feature[]; cols?: number }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: Math.min(2, cols), md: cols }} spacing="lg">
      {features.map((feature, index) => (
        <FeatureCard key={feature.title} feature={feature} index={index} />
      ))}
    </SimpleGrid>
  );
}

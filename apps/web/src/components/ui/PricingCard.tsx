import { Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './PricingCard.module.css';

interface PricingCardProps {
  name: string;
  /** The formatted price (`€49.00`, `Free`). */
  price: string;
  description?: ReactNode;
  /** A status badge next to the name (Sold out, On sale 3 Dec...). */
  badge?: ReactNode;
  /** A short line under the name: availability, limits. */
  meta?: ReactNode;
  /** The control: a quantity stepper, a button. */
  children?: ReactNode;
  isSelected?: boolean;
  isMuted?: boolean;
  /** A problem with this choice, shown under it (from the server or the rules). */
  error?: ReactNode;
  /** Under the whole card: what to do when the control cannot be used (join a waiting list). */
  footer?: ReactNode;
  id?: string;
}

/** One price option on a glass card: name, price, status, and the control to choose it. */
export function PricingCard({
  name,
  price,
  description,
  badge,
  meta,
  children,
  isSelected,
  isMuted,
  error,
  footer,
  id,
}: PricingCardProps) {
  const className = [
    'ze-glass',
    classes.card,
    isSelected ? classes.selected : undefined,
    isMuted ? classes.muted : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <Paper
      component="article"
      id={id}
      p="md"
      radius="lg"
      className={className}
      aria-label={`${name}, ${price}`}
    >
      <Group justify="space-between" align="center" wrap="wrap" gap="md">
        <Stack gap={4} style={{ flex: '1 1 180px', minWidth: 0 }}>
          <Group gap="xs" wrap="wrap">
            <Text fw={700} size="md">
              {name}
            </Text>
            {badge}
          </Group>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
          {meta && (
            <Text size="xs" c="dimmed">
              {meta}
            </Text>
          )}
        </Stack>
        <Group gap="md" wrap="nowrap" align="center">
          <Text fw={800} size="lg" className={classes.price}>
            {price}
          </Text>
          {children}
        </Group>
      </Group>
      {error && (
        <Text size="sm" c="red.8" mt="xs" role="alert">
          {error}
        </Text>
      )}
      {footer}
    </Paper>
  );
}

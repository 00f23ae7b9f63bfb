import { ActionIcon, Group, Text } from '@mantine/core';
import { IconMinus, IconPlus } from '@tabler/icons-react';

interface QuantityStepperProps {
  /** What is being counted, for the buttons' accessible names ("Standard"). */
  label: string;
  value: number;
  onDecrement: () => void;
  onIncrement: () => void;
  canDecrement: boolean;
  canIncrement: boolean;
  disabled?: boolean;
}

/** Minus, count, plus: large enough to tap, each button named for screen readers. */
export function QuantityStepper({
  label,
  value,
  onDecrement,
  onIncrement,
  canDecrement,
  canIncrement,
  disabled,
}: QuantityStepperProps) {
  return (
    <Group gap={6} wrap="nowrap" role="group" aria-label={`${label} quantity`}>
      <ActionIcon
        size={36}
        radius="xl"
        variant="default"
        onClick={onDecrement}
        disabled={disabled || !canDecrement}
        aria-label={`Remove one ${label} ticket`}
      >
        <IconMinus size={16} aria-hidden />
      </ActionIcon>
      <Text
        component="output"
        aria-live="polite"
        aria-label={`${value} ${label} selected`}
        fw={700}
        w={28}
        ta="center"
        style={{ fontVariantNumeric: 'tabular-nums' }}
        c={disabled ? 'dimmed' : undefined}
      >
        {value}
      </Text>
      <ActionIcon
        size={36}
        radius="xl"
        variant={disabled || !canIncrement ? 'default' : 'filled'}
        onClick={onIncrement}
        disabled={disabled || !canIncrement}
        aria-label={`Add one ${label} ticket`}
      >
        <IconPlus size={16} aria-hidden />
      </ActionIcon>
    </Group>
  );
}

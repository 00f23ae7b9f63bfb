import { ActionIcon, Group, Text } from '@mantine/core';
import { IconMinus, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

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
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="nowrap" role="group" aria-label={t('web.org.core.shared.quantityGroup', { label })}>
      <ActionIcon
        size={36}
        radius="xl"
        variant="default"
        onClick={onDecrement}
        disabled={disabled || !canDecrement}
        aria-label={t('web.org.core.shared.removeOne', { label })}
      >
        <IconMinus size={16} aria-hidden />
      </ActionIcon>
      <Text
        component="output"
        aria-live="polite"
        aria-label={t('web.org.core.shared.selected', { value, label })}
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
        aria-label={t('web.org.core.shared.addOne', { label })}
      >
        <IconPlus size={16} aria-hidden />
      </ActionIcon>
    </Group>
  );
}

import { Group, Progress, Stack, Text, ThemeIcon, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle, IconClock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { GlassCard } from '../../components/ui/GlassCard';
import { useCountdown } from './useCountdown';

interface HoldCountdownProps {
  expiresAt: string;
  /** When the hold started, to draw how much of it is used (optional). */
  createdAt?: string;
  onExpire?: () => void;
}

/**
 * The hold's countdown, always in view at checkout. The clock itself is not read aloud every
 * second; a polite live region speaks only when it turns urgent and when it runs out.
 */
export function HoldCountdown({ expiresAt, createdAt, onExpire }: HoldCountdownProps) {
  const { t } = useTranslation();
  const countdown = useCountdown(expiresAt, { onExpire });
  const total = createdAt ? new Date(expiresAt).getTime() - new Date(createdAt).getTime() : 0;
  const percentLeft = total > 0 ? Math.min(100, (countdown.remainingMs / total) * 100) : null;
  const color = countdown.isWarning || countdown.isExpired ? 'orange' : 'indigo';

  return (
    // Nearly opaque: it stays pinned over the form while the page scrolls beneath it.
    <GlassCard
      p={{ base: 'sm', sm: 'md' }}
      style={{ background: 'color-mix(in srgb, var(--mantine-color-body) 94%, transparent)' }}
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" gap="md">
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon color={color} variant="light" radius="xl" size={40} aria-hidden>
              {countdown.isWarning ? <IconAlertTriangle size={20} /> : <IconClock size={20} />}
            </ThemeIcon>
            <div>
              <Text fw={700}>
                {countdown.isExpired ? t('web.checkout.hold.expired') : t('web.checkout.hold.held')}
              </Text>
              <Text
                size="sm"
                c={countdown.isWarning ? 'orange.9' : 'dimmed'}
                visibleFrom={countdown.isWarning ? undefined : 'xs'}
              >
                {countdown.isExpired
                  ? t('web.checkout.hold.wentBack')
                  : countdown.isWarning
                    ? t('web.checkout.hold.warning')
                    : t('web.checkout.hold.beforeTimer')}
              </Text>
            </div>
          </Group>
          <Text
            role="timer"
            aria-label={t('web.checkout.hold.timer', { time: countdown.label })}
            fw={800}
            fz={{ base: 26, sm: 32 }}
            c={countdown.isWarning || countdown.isExpired ? 'orange.9' : undefined}
            style={{ fontVariantNumeric: 'tabular-nums', letterSpacing: '-0.02em' }}
          >
            {countdown.label}
          </Text>
        </Group>
        {percentLeft !== null && (
          <Progress value={percentLeft} color={color} size="sm" radius="xl" aria-hidden />
        )}
        <VisuallyHidden aria-live="polite">
          {countdown.isExpired
            ? t('web.checkout.hold.liveExpired')
            : countdown.isWarning
              ? t('web.checkout.hold.liveWarning')
              : ''}
        </VisuallyHidden>
      </Stack>
    </GlassCard>
  );
}

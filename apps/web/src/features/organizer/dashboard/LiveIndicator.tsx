import { Group, Text, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A quiet "Live" dot that turns grey when updates stop arriving. */
export function LiveIndicator({ updatedAt, isError }: { updatedAt: number; isError: boolean }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1_000);
    return () => window.clearInterval(timer);
  }, []);
  const seconds = updatedAt ? Math.max(0, Math.round((now - updatedAt) / 1000)) : null;
  const isStale = isError || seconds === null || seconds > 30;
  return (
    <Tooltip
      label={
        seconds === null
          ? t('web.org.insight.dashboard.live.waiting')
          : t('web.org.insight.dashboard.live.updated', { seconds })
      }
    >
      <Group
        gap={6}
        wrap="nowrap"
        aria-label={
          isStale ? t('web.org.insight.dashboard.live.stale') : t('web.org.insight.dashboard.live.fresh')
        }
      >
        <span className={isStale ? 'ze-live-dot ze-live-dot--stale' : 'ze-live-dot'} aria-hidden />
        <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.06em' }}>
          {isStale
            ? t('web.org.insight.dashboard.live.reconnecting')
            : t('web.org.insight.dashboard.live.live')}
        </Text>
      </Group>
    </Tooltip>
  );
}

import { Box, Group, Loader, Stack, Text } from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowBackUp,
  IconCircleCheck,
  IconCircleX,
  IconScan,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DoorResult, DoorTone } from './door-result';

const LOOK: Record<
  DoorTone,
  { background: string; color: string; subtle: string; icon: typeof IconCircleCheck }
> = {
  // Solid colours with text at AA contrast or better, readable at arm's length in a dark hall.
  success: {
    background: '#157347',
    color: '#ffffff',
    subtle: 'rgba(255,255,255,0.85)',
    icon: IconCircleCheck,
  },
  warning: { background: '#f59f00', color: '#1f1300', subtle: 'rgba(31,19,0,0.8)', icon: IconAlertTriangle },
  error: { background: '#b42318', color: '#ffffff', subtle: 'rgba(255,255,255,0.88)', icon: IconCircleX },
  // Neither in nor refused: a check-in taken back.
  info: { background: '#3239a9', color: '#ffffff', subtle: 'rgba(255,255,255,0.88)', icon: IconArrowBackUp },
};

/**
 * The answer to one scan, big enough to read from a step away: green to let in, amber for a ticket
 * already used, red to stop. Announced to screen readers as soon as it changes.
 */
export function CheckInResultView({
  result,
  pending = false,
  action,
}: {
  result: DoorResult | null;
  pending?: boolean;
  /** A control under the result (the Undo right after a check-in). */
  action?: ReactNode;
}) {
  const { t } = useTranslation();
  let content;
  if (pending) {
    content = (
      <Box className="ze-glass ze-door-result" p={{ base: 'md', sm: 'xl' }} data-tone="pending">
        <Group gap="md" wrap="nowrap">
          <Loader size="md" />
          <Text fz={22} fw={700}>
            {t('web.door.result.checking')}
          </Text>
        </Group>
      </Box>
    );
  } else if (!result) {
    content = (
      <Box className="ze-glass ze-door-result" p={{ base: 'md', sm: 'xl' }} data-tone="idle">
        <Group gap="md" wrap="nowrap">
          <IconScan size={40} stroke={1.5} aria-hidden color="var(--mantine-color-indigo-6)" />
          <Stack gap={2}>
            <Text fz={22} fw={700}>
              {t('web.door.result.ready')}
            </Text>
            <Text c="dimmed" size="sm">
              {t('web.door.result.readyHint')}
            </Text>
          </Stack>
        </Group>
      </Box>
    );
  } else {
    const look = LOOK[result.tone];
    const Icon = look.icon;
    content = (
      <Box
        className="ze-door-result ze-door-result--pop"
        p={{ base: 'lg', sm: 'xl' }}
        data-tone={result.tone}
        style={{ background: look.background, color: look.color }}
      >
        <Group gap="lg" wrap="nowrap" align="flex-start">
          <Icon size={64} stroke={1.6} aria-hidden style={{ flexShrink: 0 }} />
          <Stack gap={6} style={{ minWidth: 0 }}>
            <Text fz={{ base: 24, sm: 28 }} fw={800} lh={1.15}>
              {result.title}
            </Text>
            {result.attendeeName && (
              <Text fz={{ base: 30, sm: 36 }} fw={800} lh={1.1} style={{ wordBreak: 'break-word' }}>
                {result.attendeeName}
              </Text>
            )}
            {result.ticketTypeName && (
              <Text fz={20} fw={600} style={{ color: look.subtle }}>
                {result.ticketTypeName}
              </Text>
            )}
            {result.detail && (
              <Text fz="md" style={{ color: look.subtle }}>
                {result.detail}
              </Text>
            )}
            {result.code && (
              <Text fz="sm" ff="monospace" style={{ color: look.subtle }}>
                {result.code}
              </Text>
            )}
            {action}
          </Stack>
        </Group>
      </Box>
    );
  }
  return (
    <section
      aria-live="assertive"
      aria-atomic="true"
      aria-label={t('web.door.result.region')}
      data-testid="scan-result"
    >
      {content}
    </section>
  );
}

import { Group, SimpleGrid, Stack, Text, Title, useMantineTheme } from '@mantine/core';
import type { LiveQueueMessage } from '@zevents/contracts';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Area, AreaChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { GlassCard } from '../../../components/ui/GlassCard';
import { formatCount } from '../../../components/ui/money';
import { currentIntlLocale } from '../../../i18n/i18n';

/** One push of the room's figures, as the dashboard received it. */
export interface QueueSample {
  at: number;
  queueLength: number;
  admitted: number;
}

/** How many pushes the chart keeps (about five minutes at one a second). */
export const QUEUE_HISTORY = 300;

/** Visitors admitted per minute over the last minute of samples (or what there is of it). */
export function measuredAdmissionRate(samples: QueueSample[]): number | null {
  const last = samples[samples.length - 1];
  if (!last) return null;
  const first = samples.find((sample) => last.at - sample.at <= 60_000);
  if (!first || last.at - first.at < 5_000) return null;
  return Math.round(((last.admitted - first.admitted) * 60_000) / (last.at - first.at));
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Stack gap={2}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700}>
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

const clock = (at: number) =>
  new Date(at).toLocaleTimeString(currentIntlLocale(), {
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
  });

/** The waiting room, live: who is waiting, who got in, at what rate, and the queue over the last minutes. */
export function WaitingRoomCard({
  figures,
  samples,
}: {
  figures: LiveQueueMessage | null;
  samples: QueueSample[];
}) {
  const { t } = useTranslation();
  const theme = useMantineTheme();
  const gradientId = `ze-queue-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const measured = measuredAdmissionRate(samples);
  return (
    <section aria-labelledby="waiting-room-title">
      <GlassCard>
        <Stack gap="md">
          <Group justify="space-between" align="baseline">
            <Title order={2} size="h4" id="waiting-room-title">
              {t('web.org.insight.dashboard.waitingRoom.title')}
            </Title>
            {figures?.isDrawPending && (
              <Text size="xs" c="dimmed">
                {t('web.org.insight.dashboard.waitingRoom.draw')}
              </Text>
            )}
          </Group>
          {figures ? (
            <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="lg">
              <Stat
                label={t('web.org.insight.dashboard.waitingRoom.inQueue')}
                value={formatCount(figures.queueLength)}
              />
              <Stat
                label={t('web.org.insight.dashboard.waitingRoom.admitted')}
                value={formatCount(figures.admitted)}
              />
              <Stat
                label={t('web.org.insight.dashboard.waitingRoom.rate')}
                value={t('web.org.insight.dashboard.waitingRoom.perMinute', {
                  rate: formatCount(measured ?? figures.admitPerMinute),
                })}
                hint={t('web.org.insight.dashboard.waitingRoom.configured', {
                  rate: formatCount(figures.admitPerMinute),
                })}
              />
            </SimpleGrid>
          ) : (
            <Text size="sm" c="dimmed">
              {t('web.org.insight.dashboard.waitingRoom.waiting')}
            </Text>
          )}
          {samples.length > 1 && (
            <div style={{ width: '100%', height: 160 }} aria-hidden>
              <ResponsiveContainer>
                <AreaChart data={samples} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
                  <defs>
                    <linearGradient id={gradientId} x1="0" y1="0" x2="0" y2="1">
                      <stop offset="0%" stopColor={theme.colors.violet[6]} stopOpacity={0.4} />
                      <stop offset="100%" stopColor={theme.colors.violet[6]} stopOpacity={0} />
                    </linearGradient>
                  </defs>
                  <XAxis dataKey="at" tickFormatter={clock} minTickGap={48} fontSize={12} />
                  <YAxis allowDecimals={false} fontSize={12} />
                  <Tooltip labelFormatter={(at) => clock(Number(at))} />
                  <Area
                    type="monotone"
                    dataKey="queueLength"
                    name={t('web.org.insight.dashboard.waitingRoom.inQueue')}
                    stroke={theme.colors.violet[6]}
                    fill={`url(#${gradientId})`}
                    isAnimationActive={false}
                  />
                </AreaChart>
              </ResponsiveContainer>
            </div>
          )}
        </Stack>
      </GlassCard>
    </section>
  );
}

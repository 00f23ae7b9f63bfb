import { Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCalendarPlus, IconClockHour4, IconQrcode } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { GlassCard } from '../../components/ui/GlassCard';

/** The points' words as keys (translated at render, so a language switch shows). */
const POINTS = [
  {
    icon: <IconClockHour4 size={18} />,
    title: 'web.store.goodToKnow.heldTitle',
    text: 'web.store.goodToKnow.heldText',
  },
  {
    icon: <IconQrcode size={18} />,
    title: 'web.store.goodToKnow.qrTitle',
    text: 'web.store.goodToKnow.qrText',
  },
  {
    icon: <IconCalendarPlus size={18} />,
    title: 'web.store.goodToKnow.calendarTitle',
    text: 'web.store.goodToKnow.calendarText',
  },
];

/** How buying works, beside the description: short, reassuring, the same for every event. */
export function GoodToKnow() {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section aria-labelledby={titleId}>
      <GlassCard>
        <Title order={2} size="h4" id={titleId} mb="md">
          {t('web.store.goodToKnow.title')}
        </Title>
        <Stack gap="md">
          {POINTS.map((point) => (
            <Group key={point.title} gap="sm" wrap="nowrap" align="flex-start">
              <ThemeIcon variant="light" radius="xl" size={34} aria-hidden>
                {point.icon}
              </ThemeIcon>
              <div>
                <Text fw={600} size="sm">
                  {t(point.title)}
                </Text>
                <Text size="sm" c="dimmed">
                  {t(point.text)}
                </Text>
              </div>
            </Group>
          ))}
        </Stack>
      </GlassCard>
    </section>
  );
}

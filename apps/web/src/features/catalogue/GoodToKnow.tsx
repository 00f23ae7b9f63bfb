import { Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCalendarPlus, IconClockHour4, IconQrcode } from '@tabler/icons-react';
import { useId } from 'react';
import { GlassCard } from '../../components/ui/GlassCard';

const POINTS = [
  {
    icon: <IconClockHour4 size={18} />,
    title: 'Held while you pay',
    text: 'Reserving holds your tickets for a few minutes, so nobody takes them during checkout.',
  },
  {
    icon: <IconQrcode size={18} />,
    title: 'QR tickets, on screen and by email',
    text: 'Each ticket has its own QR code and short code, plus a PDF to print.',
  },
  {
    icon: <IconCalendarPlus size={18} />,
    title: 'Straight into your calendar',
    text: 'Add the event to your calendar from the confirmation page in one click.',
  },
];

/** How buying works, beside the description: short, reassuring, the same for every event. */
export function GoodToKnow() {
  const titleId = useId();
  return (
    <section aria-labelledby={titleId}>
      <GlassCard>
        <Title order={2} size="h4" id={titleId} mb="md">
          Good to know
        </Title>
        <Stack gap="md">
          {POINTS.map((point) => (
            <Group key={point.title} gap="sm" wrap="nowrap" align="flex-start">
              <ThemeIcon variant="light" radius="xl" size={34} aria-hidden>
                {point.icon}
              </ThemeIcon>
              <div>
                <Text fw={600} size="sm">
                  {point.title}
                </Text>
                <Text size="sm" c="dimmed">
                  {point.text}
                </Text>
              </div>
            </Group>
          ))}
        </Stack>
      </GlassCard>
    </section>
  );
}

import { Progress, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../../../components/ui/money';
import { i18n } from '../../../i18n/i18n';

export interface CapacityUsage {
  capacity: number;
  sold: number;
  held: number;
  available: number;
}

/** "2 sold · 1 held · 7 available of 10": the bar's figures, said once for eyes and screen readers. */
export function usageText({ capacity, sold, held, available }: CapacityUsage, separator = ' · '): string {
  return [
    i18n.t('web.org.editor.usage.sold', { n: formatCount(sold) }),
    i18n.t('web.org.editor.usage.held', { n: formatCount(held) }),
    i18n.t('web.org.editor.usage.available', { n: formatCount(available), capacity: formatCount(capacity) }),
  ].join(separator);
}

const percentOf = (part: number, whole: number) => (whole > 0 ? Math.min(100, (part / whole) * 100) : 0);

/**
 * Sold (indigo) and held (yellow) over a capacity, as one named ARIA meter whose value text has the
 * figures: not two anonymous percentages (the sections' own progressbar roles are switched off). The
 * same figures follow as text, as meters are not read out by every screen reader.
 */
export function CapacityUsageBar({ label, usage }: { label: string; usage: CapacityUsage }) {
  // Re-renders on a language switch, so the figures' words follow it.
  useTranslation();
  const { capacity, sold, held } = usage;
  return (
    <>
      <Progress.Root
        size="md"
        radius="xl"
        mt={4}
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={capacity}
        aria-valuenow={Math.min(capacity, sold + held)}
        aria-valuetext={usageText(usage, ', ')}
      >
        <Progress.Section value={percentOf(sold, capacity)} color="indigo" withAria={false} />
        <Progress.Section value={percentOf(held, capacity)} color="yellow" withAria={false} />
      </Progress.Root>
      <Text size="xs" c="dimmed">
        {usageText(usage)}
      </Text>
    </>
  );
}

import { IconCash, IconDoorEnter, IconGauge, IconTicket } from '@tabler/icons-react';
import type { EventStats } from '@zevents/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FeatureCards } from '../../../components/ui/FeatureCards';
import { featureFigures, type FeatureFigure } from './feature-figures';

const ICONS: Record<FeatureFigure['key'], ReactNode> = {
  sold: <IconTicket size={18} />,
  revenue: <IconCash size={18} />,
  capacity: <IconGauge size={18} />,
  checkedIn: <IconDoorEnter size={18} />,
};

/** Tickets sold, revenue, capacity filled and checked in: the four numbers an organizer watches. */
export function KeyFigures({
  stats,
  currency,
  locale,
}: {
  stats: EventStats;
  currency: string;
  locale?: string;
}) {
  const { t } = useTranslation();
  const features = featureFigures(stats, currency, locale).map((figure) => ({
    id: figure.key,
    icon: ICONS[figure.key],
    title: figure.label,
    value: figure.value,
    description: figure.hint,
    progress: figure.progress,
    progressColor: figure.key === 'checkedIn' ? 'teal' : 'indigo',
  }));
  return (
    <FeatureCards
      features={features}
      cols={{ base: 2, lg: 4 }}
      label={t('web.org.insight.dashboard.keyFigures')}
    />
  );
}

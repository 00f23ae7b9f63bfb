import { formatMoney, type EventStats } from '@zevents/contracts';
import { formatCount, formatPercent } from '../../../components/ui/money';

export interface FeatureFigure {
  key: 'sold' | 'revenue' | 'capacity' | 'checkedIn';
  label: string;
  value: string;
  hint: string;
  /** 0-100 for the ring, when the figure is a share. */
  progress?: number;
}

/** The four headline numbers of an event, as text a person reads. */
export function featureFigures(stats: EventStats, currency: string, locale?: string): FeatureFigure[] {
  const share = (part: number, whole: number) => (whole > 0 ? Math.min(100, (part / whole) * 100) : 0);
  return [
    {
      key: 'sold',
      label: 'Tickets sold',
      value: formatCount(stats.ticketsSold, locale),
      hint:
        stats.ticketsHeld > 0
          ? `${formatCount(stats.ticketsHeld, locale)} on hold in checkouts`
          : 'None on hold',
    },
    {
      key: 'revenue',
      label: 'Revenue',
      value: formatMoney(stats.revenueCents, currency, locale),
      hint:
        stats.refundsCents > 0
          ? `after ${formatMoney(stats.refundsCents, currency, locale)} refunded`
          : 'No refunds',
    },
    {
      key: 'capacity',
      label: 'Capacity filled',
      value: formatPercent(stats.ticketsSold, stats.capacity, locale),
      hint: `${formatCount(stats.ticketsSold, locale)} of ${formatCount(stats.capacity, locale)} seats`,
      progress: share(stats.ticketsSold, stats.capacity),
    },
    {
      key: 'checkedIn',
      label: 'Checked in',
      value: formatCount(stats.checkedIn, locale),
      hint:
        stats.ticketsSold > 0
          ? `${formatPercent(stats.checkedIn, stats.ticketsSold, locale)} of tickets sold`
          : 'Nobody yet',
      progress: share(stats.checkedIn, stats.ticketsSold),
    },
  ];
}

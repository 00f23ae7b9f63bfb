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
  const channel = (name: 'comp' | 'cash') => stats.byChannel.find((entry) => entry.channel === name);
  const comp = channel('comp');
  const cash = channel('cash');
  // Tickets the organizer issued at the box office, said beside the total they are part of.
  const boxOffice = [
    comp && comp.tickets > 0 ? `${formatCount(comp.tickets, locale)} comp` : null,
    cash && cash.tickets > 0 ? `${formatCount(cash.tickets, locale)} cash` : null,
  ].filter((part): part is string => part !== null);
  return [
    {
      key: 'sold',
      label: 'Tickets sold',
      value: formatCount(stats.ticketsSold, locale),
      hint: [
        stats.ticketsHeld > 0
          ? `${formatCount(stats.ticketsHeld, locale)} on hold in checkouts`
          : 'None on hold',
        boxOffice.length > 0 ? `incl. ${boxOffice.join(', ')}` : null,
      ]
        .filter(Boolean)
        .join(' · '),
    },
    {
      key: 'revenue',
      label: 'Revenue',
      value: formatMoney(stats.revenueCents, currency, locale),
      hint: [
        stats.refundsCents > 0
          ? `after ${formatMoney(stats.refundsCents, currency, locale)} refunded`
          : 'No refunds',
        cash && cash.revenueCents > 0
          ? `incl. ${formatMoney(cash.revenueCents, currency, locale)} in cash`
          : null,
      ]
        .filter(Boolean)
        .join(' · '),
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

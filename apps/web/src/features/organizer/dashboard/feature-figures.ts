import { formatMoney, type EventStats } from '@zevents/contracts';
import { formatCount, formatPercent } from '../../../components/ui/money';
import { currentIntlLocale, i18n } from '../../../i18n/i18n';

export interface FeatureFigure {
  key: 'sold' | 'revenue' | 'capacity' | 'checkedIn';
  label: string;
  value: string;
  hint: string;
  /** 0-100 for the ring, when the figure is a share. */
  progress?: number;
}

/** The four headline numbers of an event, as text a person reads. */
export function featureFigures(
  stats: EventStats,
  currency: string,
  locale: string = currentIntlLocale(),
): FeatureFigure[] {
  const share = (part: number, whole: number) => (whole > 0 ? Math.min(100, (part / whole) * 100) : 0);
  const channel = (name: 'comp' | 'cash') => stats.byChannel.find((entry) => entry.channel === name);
  const comp = channel('comp');
  const cash = channel('cash');
  // Tickets the organizer issued at the box office, said beside the total they are part of.
  const boxOffice = [
    comp && comp.tickets > 0
      ? i18n.t('web.org.insight.dashboard.figures.comp', {
          count: comp.tickets,
          n: formatCount(comp.tickets, locale),
        })
      : null,
    cash && cash.tickets > 0
      ? i18n.t('web.org.insight.dashboard.figures.cash', { n: formatCount(cash.tickets, locale) })
      : null,
  ].filter((part): part is string => part !== null);
  return [
    {
      key: 'sold',
      label: i18n.t('web.org.insight.dashboard.figures.sold'),
      value: formatCount(stats.ticketsSold, locale),
      hint: [
        stats.ticketsHeld > 0
          ? i18n.t('web.org.insight.dashboard.figures.held', { held: formatCount(stats.ticketsHeld, locale) })
          : i18n.t('web.org.insight.dashboard.figures.noneHeld'),
        boxOffice.length > 0
          ? i18n.t('web.org.insight.dashboard.figures.including', { parts: boxOffice.join(', ') })
          : null,
      ]
        .filter(Boolean)
        .join(' · '),
    },
    {
      key: 'revenue',
      label: i18n.t('web.org.insight.dashboard.figures.revenue'),
      value: formatMoney(stats.revenueCents, currency, locale),
      hint: [
        stats.refundsCents > 0
          ? i18n.t('web.org.insight.dashboard.figures.afterRefunds', {
              amount: formatMoney(stats.refundsCents, currency, locale),
            })
          : i18n.t('web.org.insight.dashboard.figures.noRefunds'),
        cash && cash.revenueCents > 0
          ? i18n.t('web.org.insight.dashboard.figures.inCash', {
              amount: formatMoney(cash.revenueCents, currency, locale),
            })
          : null,
      ]
        .filter(Boolean)
        .join(' · '),
    },
    {
      key: 'capacity',
      label: i18n.t('web.org.insight.dashboard.figures.capacity'),
      value: formatPercent(stats.ticketsSold, stats.capacity, locale),
      hint: i18n.t('web.org.insight.dashboard.figures.seats', {
        sold: formatCount(stats.ticketsSold, locale),
        capacity: formatCount(stats.capacity, locale),
      }),
      progress: share(stats.ticketsSold, stats.capacity),
    },
    {
      key: 'checkedIn',
      label: i18n.t('web.org.insight.dashboard.figures.checkedIn'),
      value: formatCount(stats.checkedIn, locale),
      hint:
        stats.ticketsSold > 0
          ? i18n.t('web.org.insight.dashboard.figures.shareOfSold', {
              share: formatPercent(stats.checkedIn, stats.ticketsSold, locale),
            })
          : i18n.t('web.org.insight.dashboard.figures.nobodyYet'),
      progress: share(stats.checkedIn, stats.ticketsSold),
    },
  ];
}

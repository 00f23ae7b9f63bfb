import { DateTime } from 'luxon';
import { type Block, paragraph, type SummaryRow } from './blocks';
import type { RenderedEmail } from './email-types';
import { formatMoney } from './format';
import { renderEmail } from './layout';

interface Totals {
  orders: number;
  tickets: number;
  visitors: number;
  conversion: number;
  revenue: Array<{ currency: string; cents: number }>;
}

/** What the analytics module's report holds (its `SummaryReport`), less the chart's bytes. */
export interface AnalyticsSummaryInput {
  organizationName: string;
  frequency: 'daily' | 'weekly';
  from: Date;
  to: Date;
  timezone: string;
  totals: Totals;
  previous: Totals;
  events: Array<{
    title: string;
    url: string;
    tickets: number;
    visitors: number;
    conversion: number;
    currency: string;
    revenueCents: number;
    sold: number;
    capacity: number;
  }>;
  chart: { title: string; bars: Array<{ label: string; value: number }> };
  /** The attachment's content id the chart's image is shown from. */
  chartCid: string;
  chartSize: { width: number; height: number };
  analyticsUrl: string;
  settingsUrl: string;
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const count = (n: number) => n.toLocaleString('en-US');

/** "+12% on the week before", "no change", or "new" when the period before had none. */
function change(now: number, before: number, unit: string): string {
  if (now === before) return `same as the ${unit} before`;
  if (before === 0) return `up from none the ${unit} before`;
  const delta = Math.round(((now - before) / before) * 100);
  return `${delta > 0 ? '+' : ''}${delta}% on the ${unit} before`;
}

function periodLabel(input: AnalyticsSummaryInput): string {
  const from = DateTime.fromJSDate(input.from, { zone: input.timezone });
  if (input.frequency === 'daily') return from.toFormat('cccc d LLLL yyyy');
  const last = DateTime.fromJSDate(input.to, { zone: input.timezone }).minus({ days: 1 });
  return `${from.toFormat('ccc d LLL')} – ${last.toFormat('ccc d LLL yyyy')}`;
}

function revenueText(revenue: Totals['revenue']): string {
  return revenue.length === 0
    ? 'none'
    : revenue.map((entry) => formatMoney(entry.cents, entry.currency)).join(' + ');
}

/** The key figures, the chart, and each event's line: a member's daily or weekly summary. */
export function renderAnalyticsSummary(input: AnalyticsSummaryInput): Promise<RenderedEmail> {
  const unit = input.frequency === 'daily' ? 'day' : 'week';
  const label = periodLabel(input);
  const { totals, previous } = input;
  const eventRows: SummaryRow[] = input.events.map((event) => ({
    label: event.title,
    detail:
      `${count(event.tickets)} tickets · ${count(event.visitors)} visitors · ${percent(event.conversion)} conversion · ` +
      `${count(event.sold)}/${count(event.capacity)} sold in all`,
    amount: formatMoney(event.revenueCents, event.currency),
  }));
  const bars = input.chart.bars.filter((bar) => bar.label !== '' || bar.value > 0);
  const blocks: Block[] = [
    paragraph(
      `Here is how ${input.organizationName} did ${input.frequency === 'daily' ? 'yesterday' : 'last week'} ` +
        `(${label}, ${input.timezone}).`,
    ),
    {
      kind: 'details',
      rows: [
        {
          label: 'Tickets sold',
          value: `${count(totals.tickets)} (${change(totals.tickets, previous.tickets, unit)})`,
        },
        {
          label: 'Paid orders',
          value: `${count(totals.orders)} (${change(totals.orders, previous.orders, unit)})`,
        },
        {
          label: 'Revenue',
          value: `${revenueText(totals.revenue)} (the ${unit} before: ${revenueText(previous.revenue)})`,
        },
        {
          label: 'Page visitors',
          value: `${count(totals.visitors)} (${change(totals.visitors, previous.visitors, unit)})`,
        },
        {
          label: 'Conversion',
          value: `${percent(totals.conversion)} (the ${unit} before: ${percent(previous.conversion)})`,
        },
      ],
    },
    {
      kind: 'image',
      src: `cid:${input.chartCid}`,
      alt: `${input.chart.title}: ${bars.map((bar) => `${bar.label || '·'} ${bar.value}`).join(', ')}`,
      width: input.chartSize.width,
      height: input.chartSize.height,
    },
  ];
  if (eventRows.length > 0)
    blocks.push({ kind: 'heading', text: 'By event' }, { kind: 'summary', rows: eventRows });
  else blocks.push(paragraph(`No event had visitors or sales this ${unit}.`));
  blocks.push(
    { kind: 'button', label: 'Open the analytics', href: input.analyticsUrl },
    paragraph(
      'Every figure is counted without cookies or trackers; the dashboard has the funnel and the sources.',
    ),
  );
  return renderEmail({
    subject: `Your ${input.frequency} summary for ${input.organizationName}: ${count(totals.tickets)} tickets, ${label}`,
    preheader: `${count(totals.tickets)} tickets, ${revenueText(totals.revenue)}, ${count(totals.visitors)} visitors.`,
    badge: { text: `${input.frequency === 'daily' ? 'Daily' : 'Weekly'} summary`, tone: 'info' },
    // The frame is made for events: its band shows the organization and the period.
    event: {
      id: input.analyticsUrl,
      title: `${input.frequency === 'daily' ? 'Daily' : 'Weekly'} summary`,
      venue: null,
      startsAt: input.from,
      endsAt: input.to,
      timezone: input.timezone,
      organizationName: input.organizationName,
      url: input.analyticsUrl,
    },
    blocks,
    reason:
      `You get this ${input.frequency} summary as a member of ${input.organizationName} on Z-Events. ` +
      'Change how often, or turn it off, in the analytics settings.',
    footerLink: { label: 'Summary email settings', href: input.settingsUrl },
  });
}

import {
  decimalAmount,
  type EventFinancialReportQuery,
  type FinancialCurrencyReport,
  type FinancialReport,
  type OrganizationFinancialReportQuery,
  type ReportPaymentMethod,
} from '@zevents/contracts';
import { DateTime } from 'luxon';
import type { Db } from '../../db/client';
import type { Principal } from '../../http/auth-context';
import { notFound } from '../../http/errors';
import type { Clock } from '../../shared/clock';
import { authorizeEvent } from '../events';
import { findOrganization } from '../organizations';
import * as repo from './financial-report.repository';

/** The organization report's default period: the last 30 days, today included. */
const DEFAULT_DAYS = 30;
const METHODS: readonly ReportPaymentMethod[] = ['card', 'cash', 'comp', 'bank_transfer'];

/** Money kept by the organizer (see the contract): what was paid and not given back, less tax and fees. */
export function netOf(s: repo.SaleSums): number {
  return (
    s.paidCents -
    s.refundsCents -
    (s.taxCents - s.refundedTaxCents) -
    (s.feesPassedOnCents - s.refundedFeesCents) -
    s.feesAbsorbedCents
  );
}

const ZERO: repo.SaleSums = {
  orders: 0,
  tickets: 0,
  grossCents: 0,
  discountCents: 0,
  paidCents: 0,
  feesPassedOnCents: 0,
  feesAbsorbedCents: 0,
  taxCents: 0,
  refundsCents: 0,
  refundedTaxCents: 0,
  refundedFeesCents: 0,
};

function figures(s: repo.SaleSums) {
  return {
    grossCents: s.grossCents,
    discountCents: s.discountCents,
    paidCents: s.paidCents,
    feesPassedOnCents: s.feesPassedOnCents,
    feesAbsorbedCents: s.feesAbsorbedCents,
    taxCents: s.taxCents,
    refundsCents: s.refundsCents,
    refundedTaxCents: s.refundedTaxCents,
    refundedFeesCents: s.refundedFeesCents,
    netCents: netOf(s),
    orders: s.orders,
    tickets: s.tickets,
  };
}

function add(a: repo.SaleSums, b: repo.SaleSums): repo.SaleSums {
  const sum = { ...a };
  for (const key of Object.keys(ZERO) as Array<keyof repo.SaleSums>) sum[key] = a[key] + b[key];
  return sum;
}

/** The per-currency reports of the rows, most paid first (currencies are never added together). */
export function assembleReport(rows: {
  days: repo.DayRow[];
  types: repo.TicketTypeRow[];
  methods: repo.MethodRow[];
  taxes: repo.TaxRow[];
}): FinancialCurrencyReport[] {
  const currencies = [...new Set(rows.days.map((row) => row.currency))];
  const reports = currencies.map((currency): FinancialCurrencyReport => {
    const days = rows.days.filter((row) => row.currency === currency);
    const totals = days.reduce(add, ZERO);
    return {
      currency,
      totals: {
        ...figures(totals),
        taxes: rows.taxes
          .filter((row) => row.currency === currency)
          .map(({ currency: _currency, ...tax }) => tax),
      },
      byDay: days.map((day) => ({ date: day.date, ...figures(day) })),
      byTicketType: rows.types
        .filter((row) => row.currency === currency)
        .map((row) => ({
          ticketTypeId: row.ticketTypeId,
          name: row.name ?? (row.ticketTypeId === null ? 'Not split by ticket type' : 'Deleted ticket type'),
          eventId: row.eventId,
          eventTitle: row.eventTitle,
          tickets: row.tickets,
          grossCents: row.grossCents,
          discountCents: row.discountCents,
          paidCents: row.paidCents,
          taxCents: row.taxCents,
          feesCents: row.feesPassedOnCents + row.feesAbsorbedCents,
          feesPassedOnCents: row.feesPassedOnCents,
          feesAbsorbedCents: row.feesAbsorbedCents,
          refundsCents: row.refundsCents,
          refundedTaxCents: row.refundedTaxCents,
          refundedFeesCents: row.refundedFeesCents,
          netCents: netOf(row),
        })),
      byPaymentMethod: rows.methods
        .filter((row) => row.currency === currency)
        .sort((a, b) => methodRank(a.method) - methodRank(b.method))
        .map((row) => ({ method: asMethod(row.method), ...figures(row) })),
    };
  });
  return reports.sort(
    (a, b) => b.totals.paidCents - a.totals.paidCents || a.currency.localeCompare(b.currency),
  );
}

function methodRank(method: string): number {
  const rank = METHODS.indexOf(asMethod(method));
  return rank === -1 ? METHODS.length : rank;
}

function asMethod(method: string): ReportPaymentMethod {
  return METHODS.find((known) => known === method) ?? 'card';
}

export interface FinancialReportDeps {
  db: Db;
  clock: Clock;
}

export interface FinancialCsv {
  filename: string;
  header: string[];
  rows: Array<Array<string | number>>;
}

export function createFinancialReportService(deps: FinancialReportDeps) {
  const { db, clock } = deps;

  async function timezoneOf(organizationId: string, asked: string | undefined): Promise<string> {
    return asked ?? (await repo.findReportTimezone(db, organizationId)) ?? 'UTC';
  }

  function today(timezone: string): string {
    return DateTime.fromJSDate(clock.now()).setZone(timezone).toISODate() ?? '1970-01-01';
  }

  async function build(window: repo.ReportWindow): Promise<FinancialCurrencyReport[]> {
    const [days, types, methods, taxes] = await Promise.all([
      repo.sumByDay(db, window),
      repo.sumByTicketType(db, window),
      repo.sumByPaymentMethod(db, window),
      repo.sumByTaxRate(db, window),
    ]);
    return assembleReport({ days, types, methods, taxes });
  }

  const service = {
    async eventReport(
      auth: Principal,
      eventId: string,
      query: EventFinancialReportQuery,
    ): Promise<FinancialReport & { slug: string }> {
      // The router checked the permission already; this loads the event (and checks again, cheaply).
      const { event } = await authorizeEvent(db, auth, eventId, 'events.manage');
      const timezone = await timezoneOf(event.organizationId, query.timezone);
      const to = query.to ?? today(timezone);
      const from = query.from ?? null;
      const currencies = await build({ scope: { kind: 'event', eventId }, from, to, timezone });
      return {
        scope: 'event',
        organizationId: event.organizationId,
        eventId,
        from,
        to,
        timezone,
        currencies,
        slug: event.slug,
      };
    },

    async organizationReport(
      organizationId: string,
      query: OrganizationFinancialReportQuery,
    ): Promise<FinancialReport & { slug: string }> {
      const organization = await findOrganization(db, organizationId);
      if (!organization) throw notFound('Organization');
      const timezone = await timezoneOf(organizationId, query.timezone);
      const to = query.to ?? today(timezone);
      const from =
        query.from ??
        DateTime.fromISO(to, { zone: 'UTC' })
          .minus({ days: DEFAULT_DAYS - 1 })
          .toISODate() ??
        to;
      const currencies = await build({ scope: { kind: 'organization', organizationId }, from, to, timezone });
      return {
        scope: 'organization',
        organizationId,
        eventId: null,
        from,
        to,
        timezone,
        currencies,
        slug: organization.slug,
      };
    },
  };
  return service;
}

export type FinancialReportService = ReturnType<typeof createFinancialReportService>;

export const FINANCIAL_CSV_HEADER = [
  'breakdown',
  'currency',
  'key',
  'label',
  'orders',
  'tickets',
  'gross',
  'discounts',
  'paid',
  'fees_passed_on',
  'fees_absorbed',
  'tax',
  'refunds',
  'refunded_tax',
  'refunded_fees',
  'net',
];

const METHOD_LABELS: Record<ReportPaymentMethod, string> = {
  card: 'Card',
  cash: 'Cash',
  comp: 'Complimentary',
  bank_transfer: 'Bank transfer',
};

/**
 * The report as CSV rows, one per day × currency first, then per ticket type, payment method and tax
 * rate, then the totals; the `breakdown` column says which. The rows of one breakdown and currency
 * sum to that currency's `total` row (filter on `breakdown` and `currency`, then sum). Amounts are
 * exact decimals in the currency's minor units (12.34 EUR, 1200 JPY, 1.234 KWD). Cells of text a
 * person typed (names) are guarded against spreadsheet formulas; amounts are numbers, minus signs
 * included, so they are left as they are.
 */
export function financialCsv(report: FinancialReport & { slug: string }): FinancialCsv {
  const rows: Array<Array<string | number>> = [];
  const blank = '';
  for (const part of report.currencies) {
    const { currency } = part;
    const money = (cents: number) => decimalAmount(cents, currency);
    const line = (
      breakdown: string,
      key: string,
      label: string,
      f: Omit<ReturnType<typeof figures>, 'orders'> & { orders: number | null },
    ) =>
      rows.push([
        breakdown,
        currency,
        guardText(key),
        guardText(label),
        f.orders ?? blank,
        f.tickets,
        money(f.grossCents),
        money(f.discountCents),
        money(f.paidCents),
        money(f.feesPassedOnCents),
        money(f.feesAbsorbedCents),
        money(f.taxCents),
        money(f.refundsCents),
        money(f.refundedTaxCents),
        money(f.refundedFeesCents),
        money(f.netCents),
      ]);
    for (const day of part.byDay) line('day', day.date, day.date, day);
    for (const type of part.byTicketType) {
      const label =
        type.eventTitle && report.scope === 'organization' ? `${type.eventTitle}: ${type.name}` : type.name;
      line('ticket_type', type.ticketTypeId ?? blank, label, { ...type, orders: null });
    }
    for (const method of part.byPaymentMethod)
      line('payment_method', method.method, METHOD_LABELS[method.method], method);
    for (const tax of part.totals.taxes) {
      const percent = `${tax.rateBasisPoints / 100}%`;
      rows.push([
        'tax_rate',
        currency,
        guardText(tax.taxRateId ?? blank),
        guardText(`${tax.name} (${percent} ${tax.inclusive ? 'included' : 'added'})`),
        blank,
        blank,
        blank,
        blank,
        blank,
        blank,
        blank,
        money(tax.taxCents),
        blank,
        money(tax.refundedTaxCents),
        blank,
        blank,
      ]);
    }
    line('total', blank, 'Total', part.totals);
  }
  const period = `${report.from ?? 'start'}-to-${report.to}`;
  return { filename: `financial-report-${report.slug}-${period}.csv`, header: FINANCIAL_CSV_HEADER, rows };
}

/** A cell a spreadsheet would run as a formula (= + - @, tab, carriage return) gets a leading apostrophe. */
export function guardText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

import { z } from 'zod';
import { TimeZone } from './common';

/**
 * Financial reports: what an event's or an organization's sales brought in and where the money went,
 * per currency (amounts in different currencies are never added together), in minor units.
 *
 * Every figure is a sum over rows, so every one can be recomputed from the orders:
 * - a sale is an order with status paid, partially_refunded or refunded, counted on the day it was
 *   paid; a refund is a row of the refunds table of such an order, counted on the day it was made;
 * - `grossCents`: list price × quantity (subtotal, inclusive tax inside it); `discountCents`: promo
 *   codes and comps; `paidCents`: what buyers paid (gross − discount + passed-on fee + tax added on
 *   top);
 * - `feesPassedOnCents`: service fees the buyer paid on top; `feesAbsorbedCents`: service fees the
 *   organizer bears (not in what buyers paid). Both go to the platform;
 * - `taxCents`: all tax on the sales (inclusive and added); `refundsCents`: what refunds gave back,
 *   of which `refundedTaxCents` tax and `refundedFeesCents` passed-on fee (a refund row without
 *   lines, from before refunds were split, counts all as price);
 * - `netCents`, the money the organizer keeps: paidCents − refundsCents − (taxCents − refundedTaxCents)
 *   − (feesPassedOnCents − refundedFeesCents) − feesAbsorbedCents. Tax goes to the authorities, fees
 *   to the platform. It can be negative on a day of refunds without sales.
 *
 * Each breakdown (by day, ticket type, payment method, tax rate) sums to its currency's totals.
 */

const Money = z.number().int();
const Count = z.number().int().min(0);

export const ReportDate = z.iso.date().meta({ example: '2027-03-14' });

const DateRange = {
  from: ReportDate.optional().describe('First day (inclusive), in `timezone`'),
  to: ReportDate.optional().describe('Last day (inclusive), in `timezone`'),
  timezone: TimeZone.optional().describe(
    "Days are counted in this IANA time zone. Default: the organization's billing profile time zone, else UTC",
  ),
};

const fromNotAfterTo = (range: { from?: string | undefined; to?: string | undefined }) =>
  range.from === undefined || range.to === undefined || range.from <= range.to;
const rangeMessage = { message: '`from` must not be after `to`', path: ['from'] };

export const EventFinancialReportQuery = z
  .object({
    ...DateRange,
    from: DateRange.from.describe('First day (inclusive); default: the first sale'),
    to: DateRange.to.describe('Last day (inclusive); default: today'),
  })
  .refine(fromNotAfterTo, rangeMessage);
export type EventFinancialReportQuery = z.infer<typeof EventFinancialReportQuery>;

export const OrganizationFinancialReportQuery = z
  .object({
    ...DateRange,
    from: DateRange.from.describe('First day (inclusive); default: 29 days before `to`'),
    to: DateRange.to.describe('Last day (inclusive); default: today'),
  })
  .refine(fromNotAfterTo, rangeMessage);
export type OrganizationFinancialReportQuery = z.infer<typeof OrganizationFinancialReportQuery>;

const MoneyFigures = {
  grossCents: Money.describe('List price × quantity of the tickets sold'),
  discountCents: Money.describe('Promo codes and comps'),
  paidCents: Money.describe('What buyers paid: gross − discount + passed-on fees + tax added on top'),
  feesPassedOnCents: Money.describe('Service fees paid by buyers on top of the price'),
  feesAbsorbedCents: Money.describe('Service fees borne by the organizer'),
  taxCents: Money.describe('All tax on the sales, included in prices or added on top'),
  refundsCents: Money.describe('What refunds gave back, on the day they were made'),
  refundedTaxCents: Money.describe('The tax part of the refunds'),
  refundedFeesCents: Money.describe('The passed-on fee part of the refunds'),
  netCents: Money.describe(
    'Kept by the organizer: paid − refunds − (tax − refunded tax) − (passed-on fees − refunded fees) − absorbed fees',
  ),
  orders: Count.describe('Orders paid'),
  tickets: Count.describe('Tickets in the orders paid'),
};

export const FinancialTaxLine = z.object({
  taxRateId: z.string().nullable(),
  name: z.string(),
  rateBasisPoints: z.number().int().describe('1900 = 19%'),
  inclusive: z.boolean().describe('Included in prices (VAT) or added on top (sales tax)'),
  taxCents: Money.describe('Tax collected at this rate'),
  refundedTaxCents: Money.describe('Tax at this rate given back by refunds'),
});
export type FinancialTaxLine = z.infer<typeof FinancialTaxLine>;

export const FinancialTotals = z.object({ ...MoneyFigures, taxes: z.array(FinancialTaxLine) });
export type FinancialTotals = z.infer<typeof FinancialTotals>;

export const FinancialDay = z.object({
  date: ReportDate.describe('The day in the report’s time zone'),
  ...MoneyFigures,
});
export type FinancialDay = z.infer<typeof FinancialDay>;

export const FinancialTicketTypeLine = z.object({
  ticketTypeId: z
    .string()
    .nullable()
    .describe('null: refunds made before refunds were split by ticket type (all price)'),
  name: z.string(),
  eventId: z.string().nullable(),
  eventTitle: z.string().nullable().describe('Its event, for the organization report'),
  tickets: Count,
  grossCents: Money,
  discountCents: Money,
  paidCents: Money.describe('What buyers paid for its lines'),
  taxCents: Money,
  feesCents: Money.describe('Service fees of its lines, passed on and absorbed'),
  feesPassedOnCents: Money,
  feesAbsorbedCents: Money,
  refundsCents: Money,
  refundedTaxCents: Money,
  refundedFeesCents: Money,
  netCents: Money,
});
export type FinancialTicketTypeLine = z.infer<typeof FinancialTicketTypeLine>;

export const ReportPaymentMethod = z.enum(['card', 'cash', 'comp', 'bank_transfer']);
export type ReportPaymentMethod = z.infer<typeof ReportPaymentMethod>;

export const FinancialPaymentMethodLine = z.object({
  method: ReportPaymentMethod.describe('card: checkout by card; cash and comp: box office; bank_transfer'),
  ...MoneyFigures,
});
export type FinancialPaymentMethodLine = z.infer<typeof FinancialPaymentMethodLine>;

export const FinancialCurrencyReport = z.object({
  currency: z.string(),
  totals: FinancialTotals,
  byDay: z.array(FinancialDay).describe('Days with sales or refunds, oldest first'),
  byTicketType: z.array(FinancialTicketTypeLine),
  byPaymentMethod: z.array(FinancialPaymentMethodLine),
});
export type FinancialCurrencyReport = z.infer<typeof FinancialCurrencyReport>;

export const FinancialReport = z
  .object({
    scope: z.enum(['event', 'organization']),
    organizationId: z.string(),
    eventId: z.string().nullable(),
    from: ReportDate.nullable().describe('null: since the first sale'),
    to: ReportDate,
    timezone: z.string(),
    currencies: z.array(FinancialCurrencyReport).describe('One report per currency, most paid first'),
  })
  .meta({ id: 'FinancialReport' });
export type FinancialReport = z.infer<typeof FinancialReport>;

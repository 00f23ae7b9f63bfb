import { z } from 'zod';
import { TimeZone, Timestamp } from './common';

const Name = z.string().trim().min(1).max(100);
const RateBasisPoints = z
  .number()
  .int()
  .min(0)
  .max(10_000)
  .describe('The rate in basis points: 1900 = 19%')
  .meta({ example: 1900 });

export const TaxRate = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    name: z.string(),
    rateBasisPoints: z.number().int(),
    inclusive: z.boolean().describe('Included in the price (VAT) or added on top (sales tax)'),
    retiredAt: Timestamp.nullable().describe(
      'A retired rate stays on the orders priced with it; no ticket type takes it',
    ),
    inUse: z.boolean().describe('Orders were priced with it: it can be retired, never changed'),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'TaxRate' });
export type TaxRate = z.infer<typeof TaxRate>;

export const TaxRateList = z.object({ items: z.array(TaxRate) }).meta({ id: 'TaxRateList' });
export type TaxRateList = z.infer<typeof TaxRateList>;

export const CreateTaxRateBody = z
  .object({
    name: Name.meta({ example: 'VAT 19%' }),
    rateBasisPoints: RateBasisPoints,
    inclusive: z.boolean().default(true).describe('Default: included in the price'),
  })
  .strict()
  .meta({ id: 'CreateTaxRateBody' });
export type CreateTaxRateBody = z.infer<typeof CreateTaxRateBody>;

export const UpdateTaxRateBody = z
  .object({
    name: Name.optional(),
    rateBasisPoints: RateBasisPoints.optional().describe(
      'Only while no order was priced with it (409 TAX_RATE_IN_USE)',
    ),
    inclusive: z
      .boolean()
      .optional()
      .describe('Only while no order was priced with it (409 TAX_RATE_IN_USE)'),
    retired: z.boolean().optional().describe('Retire the rate (or bring it back)'),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' })
  .meta({ id: 'UpdateTaxRateBody' });
export type UpdateTaxRateBody = z.infer<typeof UpdateTaxRateBody>;

export const BillingProfileBody = z
  .object({
    legalName: z.string().trim().min(1).max(200),
    address: z
      .string()
      .trim()
      .min(1)
      .max(1_000)
      .describe('Street, city, postcode, country: as many lines as needed'),
    taxId: z.string().trim().min(1).max(50).nullable().default(null).describe('VAT number or tax id'),
    invoicePrefix: z
      .string()
      .trim()
      .regex(/^[A-Z0-9]{1,12}$/, '1-12 capital letters or digits')
      .describe('Invoice numbers read PREFIX-2026-000123')
      .meta({ example: 'NF' }),
    footer: z
      .string()
      .trim()
      .max(1_000)
      .nullable()
      .default(null)
      .describe('Bank details, registration, a thank-you'),
    timezone: TimeZone.optional().describe(
      "Where the organization's business year is counted (an invoice's year is its payment's year " +
        'there). Default: the one saved, else UTC',
    ),
  })
  .strict()
  .meta({ id: 'BillingProfileBody' });
export type BillingProfileBody = z.infer<typeof BillingProfileBody>;

export const BillingProfile = z
  .object({
    organizationId: z.string(),
    configured: z.boolean().describe('false until an owner or admin saved it (the fields are then empty)'),
    legalName: z.string().nullable(),
    address: z.string().nullable(),
    taxId: z.string().nullable(),
    invoicePrefix: z.string().nullable(),
    footer: z.string().nullable(),
    timezone: z.string().describe('UTC until saved'),
    updatedAt: Timestamp.nullable(),
  })
  .meta({ id: 'BillingProfile' });
export type BillingProfile = z.infer<typeof BillingProfile>;

export const InvoiceKind = z.enum(['invoice', 'credit_note']).meta({ id: 'InvoiceKind' });
export type InvoiceKind = z.infer<typeof InvoiceKind>;

export const InvoiceSummary = z
  .object({
    id: z.string(),
    kind: InvoiceKind.describe('An invoice of the paid order, or a credit note of one of its refunds'),
    number: z.string().describe('PREFIX-YYYY-000123: invoices and credit notes share one series a year'),
    issuedAt: Timestamp,
    amountCents: z
      .number()
      .int()
      .describe("In minor units: the order's total (invoice) or the refund's amount (credit note)"),
    currency: z.string(),
    refersTo: z.string().nullable().describe("A credit note's invoice id (null for an invoice)"),
    pdfUrl: z.string().describe('Relative; add the order ?token= when opening it as the buyer'),
  })
  .meta({ id: 'InvoiceSummary' });
export type InvoiceSummary = z.infer<typeof InvoiceSummary>;

export const InvoiceList = z.object({ items: z.array(InvoiceSummary) }).meta({ id: 'InvoiceList' });
export type InvoiceList = z.infer<typeof InvoiceList>;

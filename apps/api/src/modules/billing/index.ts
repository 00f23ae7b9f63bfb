/**
 * Billing module: what an organization's money is made of: its tax rates, its billing profile (the
 * seller on its invoices), and the one rounding rule every order's lines follow (pricing.ts).
 * Owns tables: tax_rates, billing_profiles, invoices, invoice_counters. Reads ticket types to know
 * whether a rate is in use, paid orders to number their invoices and refunds for their credit notes;
 * renders invoices and credit notes as PDFs.
 */
export { type BillingService, createBillingService } from './billing.service';
export { registerBillingRoutes } from './billing.routes';
export { findTaxRateOfOrganization } from './billing.repository';
export type { InvoiceDocument } from './invoice-document';
export { renderInvoicePdf } from './invoice-pdf';
export { createIssueInvoicesJob, ISSUE_INVOICES, issueDueInvoices } from './invoices.jobs';
export { issueInvoices, listInvoicesOfOrder } from './invoices.repository';
export {
  createInvoiceDocuments,
  type InvoiceDocuments,
  isInvoiceable,
  type LoadedOrder,
  type RenderedInvoice,
} from './invoices.service';
export { priceCart, type StoredLine, type StoredMoney } from './cart-pricing';
export { allocate, type LineParts, partsOf, type PricedOrder, priceOrder, splitRefund } from './pricing';
export { createFinancialReportService, type FinancialReportService } from './financial-report.service';
export { registerFinancialReportRoutes } from './financial-report.routes';

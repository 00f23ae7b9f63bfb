import {
  BillingProfile,
  BillingProfileBody,
  CreateTaxRateBody,
  InvoiceList,
  OrderAccessQuery,
  TaxRate,
  TaxRateList,
  UpdateTaxRateBody,
  UuidParam,
} from '@zevents/contracts';
import type { Response } from 'express';
import { z } from 'zod';
import type { AuthContext } from '../../http/auth-context';
import { notFound } from '../../http/errors';
import type { ApiRouter } from '../../http/route';
import type { OrdersService } from '../orders';
import type { Permission } from '../organizations';
import type { BillingService } from './billing.service';
import type { RenderedInvoice } from './invoices.service';

const OrgParams = z.object({ orgId: UuidParam });
const RateParams = z.object({ taxRateId: UuidParam });
const OrderParams = z.object({ orderId: UuidParam });
const CreditNoteParams = z.object({ orderId: UuidParam, creditNoteId: UuidParam });

/** Who may read an order's invoices: its buyer (the order's token or session) or its organizers. */
type OrderReader = Pick<OrdersService, 'authorize'>;

async function requireOrderReader(
  orders: OrderReader,
  auth: AuthContext,
  orderId: string,
  token: string | undefined,
): Promise<void> {
  const { access } = await orders.authorize(auth, orderId, token);
  if (!access.isBuyer && !access.organizerRole) throw notFound('Order');
}

function sendPdf(res: Response, document: RenderedInvoice): void {
  res
    .status(200)
    .type('application/pdf')
    .setHeader('Content-Disposition', `inline; filename="${document.filename}"`)
    .setHeader('Cache-Control', 'private, no-store')
    .send(document.pdf);
}

/**
 * `orders` opens the invoice routes (they authorize like the order itself); app.ts passes it.
 */
export function registerBillingRoutes(
  api: ApiRouter<Permission>,
  deps: { billing: BillingService; orders: OrderReader },
): void {
  const { billing } = deps;
  const tags = ['Billing'];
  registerInvoiceRoutes(api, { billing, orders: deps.orders });

  api.add(
    {
      method: 'post',
      path: '/api/organizations/{orgId}/tax-rates',
      summary: 'Add a tax rate (VAT included in prices, or sales tax added on top)',
      tags,
      access: 'member',
      params: OrgParams,
      body: CreateTaxRateBody,
      status: 201,
      response: TaxRate,
      errors: [403, 404],
    },
    async ({ auth, params, body }) => billing.createTaxRate(auth, params.orgId, body),
  );

  api.add(
    {
      method: 'get',
      path: '/api/organizations/{orgId}/tax-rates',
      summary: "The organization's tax rates, retired ones last",
      tags,
      access: 'member',
      params: OrgParams,
      status: 200,
      response: TaxRateList,
      errors: [403, 404],
    },
    async ({ auth, params }) => billing.listTaxRates(auth, params.orgId),
  );

  api.add(
    {
      method: 'patch',
      path: '/api/tax-rates/{taxRateId}',
      summary: 'Rename, retire or bring back a rate; change its rate only while no order used it',
      description: '409 TAX_RATE_IN_USE for a new rate or inclusiveness once orders were priced with it.',
      tags,
      access: 'member',
      params: RateParams,
      body: UpdateTaxRateBody,
      status: 200,
      response: TaxRate,
      errors: [403, 404, 409],
    },
    async ({ auth, params, body }) => billing.updateTaxRate(auth, params.taxRateId, body),
  );

  api.add(
    {
      method: 'delete',
      path: '/api/tax-rates/{taxRateId}',
      summary: 'Delete a rate no order used (its ticket types become untaxed), or retire one in use',
      tags,
      access: 'member',
      params: RateParams,
      status: 204,
      errors: [403, 404],
    },
    async ({ auth, params }) => billing.deleteTaxRate(auth, params.taxRateId),
  );

  api.add(
    {
      method: 'get',
      path: '/api/organizations/{orgId}/billing',
      summary: 'The billing profile: the seller its invoices name (`configured: false` until saved)',
      tags,
      access: 'member',
      params: OrgParams,
      status: 200,
      response: BillingProfile,
      errors: [403, 404],
    },
    async ({ auth, params }) => billing.billingProfile(auth, params.orgId),
  );

  api.add(
    {
      method: 'put',
      path: '/api/organizations/{orgId}/billing',
      summary: 'Save the billing profile: legal name, address, tax id, invoice prefix, footer',
      tags,
      access: 'member',
      params: OrgParams,
      body: BillingProfileBody,
      status: 200,
      response: BillingProfile,
      errors: [403, 404],
    },
    async ({ auth, params, body }) => billing.saveBillingProfile(auth, params.orgId, body),
  );
}

function registerInvoiceRoutes(
  api: ApiRouter<Permission>,
  deps: { billing: BillingService; orders: OrderReader },
): void {
  const { billing, orders } = deps;
  const tags = ['Billing'];
  const readers = "its buyer (session or the order's ?token=) or the event's organizers";

  api.add(
    {
      method: 'get',
      path: '/api/orders/{orderId}/invoices',
      summary: "The order's invoice and credit notes, numbered first if they were pending",
      description: `For ${readers}. Empty for an unpaid or free order.`,
      tags,
      access: 'public',
      params: OrderParams,
      query: OrderAccessQuery,
      status: 200,
      response: InvoiceList,
    },
    async ({ auth, params, query }) => {
      await requireOrderReader(orders, auth, params.orderId, query.token);
      return billing.invoices.listInvoices(params.orderId);
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/orders/{orderId}/invoice.pdf',
      summary: "The order's invoice as a PDF (numbered on first request if the job had not yet)",
      description: `For ${readers}. 409 INVOICE_NOT_AVAILABLE for an order not paid, or with nothing to pay.`,
      tags,
      access: 'public',
      params: OrderParams,
      query: OrderAccessQuery,
      status: 200,
      responseContentType: 'application/pdf',
      errors: [409],
    },
    async ({ auth, params, query, res }) => {
      await requireOrderReader(orders, auth, params.orderId, query.token);
      sendPdf(res, await billing.invoices.invoicePdf(params.orderId));
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/orders/{orderId}/credit-notes/{creditNoteId}.pdf',
      summary: 'A credit note of the order (one per refund) as a PDF',
      description: `For ${readers}.`,
      tags,
      access: 'public',
      params: CreditNoteParams,
      query: OrderAccessQuery,
      status: 200,
      responseContentType: 'application/pdf',
    },
    async ({ auth, params, query, res }) => {
      await requireOrderReader(orders, auth, params.orderId, query.token);
      sendPdf(res, await billing.invoices.creditNotePdf(params.orderId, params.creditNoteId));
    },
  );
}

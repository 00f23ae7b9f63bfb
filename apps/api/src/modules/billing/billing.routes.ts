import {
  BillingProfile,
  BillingProfileBody,
  CreateTaxRateBody,
  TaxRate,
  TaxRateList,
  UpdateTaxRateBody,
  UuidParam,
} from '@zevents/contracts';
import { z } from 'zod';
import type { ApiRouter } from '../../http/route';
import type { Permission } from '../organizations';
import type { BillingService } from './billing.service';

const OrgParams = z.object({ orgId: UuidParam });
const RateParams = z.object({ taxRateId: UuidParam });

export function registerBillingRoutes(api: ApiRouter<Permission>, deps: { billing: BillingService }): void {
  const { billing } = deps;
  const tags = ['Billing'];

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

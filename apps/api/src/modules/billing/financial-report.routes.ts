import {
  EventFinancialReportQuery,
  FinancialReport,
  OrganizationFinancialReportQuery,
  UuidParam,
} from '@zevents/contracts';
import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import { z } from 'zod';
import type { ApiRouter } from '../../http/route';
import type { Permission } from '../organizations';
import { type FinancialReportService, financialCsv } from './financial-report.service';

const EventParams = z.object({ eventId: UuidParam });
const OrgParams = z.object({ orgId: UuidParam });

const DEFINITIONS =
  'Per currency, never added across currencies; amounts in minor units. Sales count on the day they ' +
  'were paid, refunds on the day they were made, in `timezone`. Net, what the organizer keeps: paid − ' +
  'refunds − (tax − refunded tax) − (passed-on fees − refunded fees) − absorbed fees. Every breakdown ' +
  'sums to the totals.';

const CSV_SHAPE =
  'One row per day and currency (`breakdown` = day), then per ticket type, payment method and tax ' +
  'rate, then the currency’s `total`. The rows of one breakdown and currency sum to its total row. ' +
  'Amounts are exact decimals in the currency’s minor units (12.34 EUR, 1200 JPY, 1.234 KWD).';

/** A small aggregated file: written at once, with the BOM and CRLF spreadsheets expect. */
function sendCsv(res: Response, csv: ReturnType<typeof financialCsv>): void {
  const body = stringify([csv.header, ...csv.rows], { bom: true, record_delimiter: 'windows' });
  res
    .status(200)
    .type('text/csv; charset=utf-8')
    .setHeader('Content-Disposition', `attachment; filename="${csv.filename}"`)
    .setHeader('Cache-Control', 'private, no-store')
    .send(body);
}

/** Reports: an event's money and an organization's, as JSON and as CSV (owners and admins). */
export function registerFinancialReportRoutes(
  api: ApiRouter<Permission>,
  deps: { reports: FinancialReportService },
): void {
  const { reports } = deps;
  const tags = ['Reports'];
  const eventRoute = {
    tags,
    access: 'member',
    permission: 'events.manage',
    params: EventParams,
    query: EventFinancialReportQuery,
    status: 200,
    errors: [403],
  } as const;
  const organizationRoute = {
    tags,
    access: 'member',
    permission: 'organization.manage',
    params: OrgParams,
    query: OrganizationFinancialReportQuery,
    status: 200,
    errors: [403],
  } as const;

  api.add(
    {
      method: 'get',
      path: '/api/events/{eventId}/reports/financial',
      summary: "An event's financial report: gross, discounts, fees, taxes per rate, refunds, net",
      description: `${DEFINITIONS} Without \`from\`, since the first sale; without \`to\`, until today.`,
      ...eventRoute,
      response: FinancialReport,
    },
    async ({ auth, params, query }) => {
      const { slug: _slug, ...report } = await reports.eventReport(auth, params.eventId, query);
      return report;
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/events/{eventId}/reports/financial.csv',
      summary: "An event's financial report as CSV",
      description: CSV_SHAPE,
      ...eventRoute,
      responseContentType: 'text/csv',
    },
    async ({ auth, params, query, res }) =>
      sendCsv(res, financialCsv(await reports.eventReport(auth, params.eventId, query))),
  );

  api.add(
    {
      method: 'get',
      path: '/api/organizations/{orgId}/reports/financial',
      summary: "The organization's financial report over a period, across its events",
      description: `${DEFINITIONS} Default period: the last 30 days.`,
      ...organizationRoute,
      response: FinancialReport,
    },
    async ({ params, query }) => {
      const { slug: _slug, ...report } = await reports.organizationReport(params.orgId, query);
      return report;
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/organizations/{orgId}/reports/financial.csv',
      summary: "The organization's financial report as CSV",
      description: CSV_SHAPE,
      ...organizationRoute,
      responseContentType: 'text/csv',
    },
    async ({ params, query, res }) =>
      sendCsv(res, financialCsv(await reports.organizationReport(params.orgId, query))),
  );
}

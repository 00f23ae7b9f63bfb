import {
  ApplePassIdentifierParam,
  UuidParam,
  WalletDeviceRegistrationBody,
  WalletLogBody,
  WalletUpdatedPasses,
  WalletUpdatedPassesQuery,
} from '@zevents/contracts';
import type { Request } from 'express';
import { z } from 'zod';
import type { ConsumeLimit } from '../../http/rate-limit';
import type { ApiRouter } from '../../http/route';
import { PKPASS_CONTENT_TYPE } from './apple-pass';
import type { WalletService } from './wallet.service';

const DeviceParams = z.object({
  deviceLibraryIdentifier: ApplePassIdentifierParam,
  passTypeIdentifier: ApplePassIdentifierParam,
});
const DevicePassParams = DeviceParams.extend({ serialNumber: UuidParam });
const PassParams = z.object({ passTypeIdentifier: ApplePassIdentifierParam, serialNumber: UuidParam });

const AUTH =
  'Authenticated by `Authorization: ApplePass <authenticationToken>` (the token inside the pass); a ' +
  'missing or wrong token answers 401.';

/** An HTTP date, as Apple sends If-Modified-Since; anything else is no condition at all. */
function ifModifiedSince(req: Request): Date | undefined {
  const header = req.headers['if-modified-since'];
  const time = header ? Date.parse(header) : Number.NaN;
  return Number.isNaN(time) ? undefined : new Date(time);
}

/**
 * Apple's pass web service (https://developer.apple.com/documentation/walletpasses/adding-a-web-service-to-update-passes),
 * at the pass's `webServiceURL` (/api/wallet) + /v1. iPhones call it, with no session and no CSRF
 * token: each call carries the pass's own token instead. 404 WALLET_NOT_CONFIGURED without APPLE_PASS_*.
 */
export function registerAppleWebServiceRoutes<Permission extends string>(
  api: ApiRouter<Permission>,
  deps: { wallet: WalletService; logLimit?: ConsumeLimit },
): void {
  const { wallet } = deps;
  const tags = ['Wallet (Apple web service)'];
  const registrationPath =
    '/api/wallet/v1/devices/{deviceLibraryIdentifier}/registrations/{passTypeIdentifier}/{serialNumber}';

  api.add(
    {
      method: 'post',
      path: registrationPath,
      summary: 'A device asks to be told when the pass changes (201 new, 200 already registered)',
      description: `${AUTH} A new push token replaces the one registered before.`,
      tags,
      access: 'public',
      params: DevicePassParams,
      body: WalletDeviceRegistrationBody,
      status: 201,
      errors: [401],
    },
    async ({ params, body, req, res }) => {
      const device = {
        deviceLibraryId: params.deviceLibraryIdentifier,
        passTypeId: params.passTypeIdentifier,
        serialNumber: params.serialNumber,
      };
      const isNew = await wallet.registerDevice(device, req.headers.authorization, body.pushToken);
      res.status(isNew ? 201 : 200).end();
    },
  );

  api.add(
    {
      method: 'delete',
      path: registrationPath,
      summary: 'A device no longer wants updates of the pass (it was removed from Wallet)',
      description: AUTH,
      tags,
      access: 'public',
      params: DevicePassParams,
      status: 200,
      errors: [401],
    },
    async ({ params, req, res }) => {
      const device = {
        deviceLibraryId: params.deviceLibraryIdentifier,
        passTypeId: params.passTypeIdentifier,
        serialNumber: params.serialNumber,
      };
      await wallet.unregisterDevice(device, req.headers.authorization);
      res.status(200).end();
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/wallet/v1/devices/{deviceLibraryIdentifier}/registrations/{passTypeIdentifier}',
      summary: "The device's passes that changed since its last call (204: none)",
      description:
        'Send back `lastUpdated` as `passesUpdatedSince` next time. A pass changes when anything it ' +
        'shows does: the event moved or renamed, the ticket refunded, transferred or renamed.',
      tags,
      access: 'public',
      params: DeviceParams,
      query: WalletUpdatedPassesQuery,
      status: 200,
      response: WalletUpdatedPasses,
      responseContentType: 'application/json',
    },
    async ({ params, query, res }) => {
      const updated = await wallet.updatedPasses(
        { deviceLibraryId: params.deviceLibraryIdentifier, passTypeId: params.passTypeIdentifier },
        query.passesUpdatedSince,
      );
      if (updated) res.status(200).json(updated);
      else res.status(204).end();
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/wallet/v1/passes/{passTypeIdentifier}/{serialNumber}',
      summary: 'The latest version of a pass (304 when unchanged since If-Modified-Since)',
      description: `${AUTH} Answers with Last-Modified.`,
      tags,
      access: 'public',
      params: PassParams,
      status: 200,
      responseContentType: PKPASS_CONTENT_TYPE,
      errors: [401],
    },
    async ({ params, req, res }) => {
      const latest = await wallet.latestPass(
        { passTypeId: params.passTypeIdentifier, serialNumber: params.serialNumber },
        req.headers.authorization,
        ifModifiedSince(req),
      );
      res.setHeader('Last-Modified', latest.lastModified.toUTCString());
      res.setHeader('Cache-Control', 'private, no-cache');
      if (!latest.file) {
        res.status(304).end();
        return;
      }
      res.status(200).type(PKPASS_CONTENT_TYPE).send(latest.file.file);
    },
  );

  api.add(
    {
      method: 'post',
      path: '/api/wallet/v1/log',
      summary: 'Devices report problems with our passes here; they go to the server log',
      tags,
      access: 'public',
      body: WalletLogBody,
      status: 200,
      before: deps.logLimit ? [async (req) => deps.logLimit?.(`ip:${req.ip}`)] : [],
    },
    async ({ body, res }) => {
      wallet.recordDeviceLogs(body.logs);
      res.status(200).end();
    },
  );
}

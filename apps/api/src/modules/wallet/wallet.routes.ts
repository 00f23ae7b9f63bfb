import { GoogleWalletSaveLink, TicketAccessQuery, UuidParam, WalletConfig } from '@zevents/contracts';
import { z } from 'zod';
import type { ApiRouter } from '../../http/route';
import { PKPASS_CONTENT_TYPE } from './apple-pass';
import type { WalletService } from './wallet.service';

const TicketParams = z.object({ ticketId: UuidParam });
const ACCESS =
  "Whoever may download the ticket's PDF: its holder (the ticket's ?token=, or the order's until a " +
  'transfer, or the buyer’s session) and members of the event’s organization; anyone else 404. ' +
  '404 WALLET_NOT_CONFIGURED when the operator has not set this wallet up (GET /api/public/wallet-config).';

/** The web app's wallet buttons: the .pkpass download and the Google Wallet link. */
export function registerWalletRoutes<Permission extends string>(
  api: ApiRouter<Permission>,
  deps: { wallet: WalletService },
): void {
  const { wallet } = deps;
  const tags = ['Wallet'];

  api.add(
    {
      method: 'get',
      path: '/api/public/wallet-config',
      summary: 'Which wallet buttons to show: Apple Wallet and Google Wallet, each when set up',
      tags,
      access: 'public',
      status: 200,
      response: WalletConfig,
    },
    async () => wallet.config(),
  );

  api.add(
    {
      method: 'get',
      path: '/api/tickets/{ticketId}/pass.pkpass',
      summary: 'The ticket as an Apple Wallet pass (.pkpass), kept up to date on the iPhone',
      description:
        `${ACCESS} A refunded or void ticket, or a cancelled event's, gives a voided pass. ` +
        "The pass's web service is /api/wallet/v1 (Apple's protocol).",
      tags,
      access: 'public',
      params: TicketParams,
      query: TicketAccessQuery,
      status: 200,
      responseContentType: PKPASS_CONTENT_TYPE,
    },
    async ({ auth, params, query, res }) => {
      const pass = await wallet.applePass(auth, params.ticketId, query.token);
      res
        .status(200)
        .type(PKPASS_CONTENT_TYPE)
        .setHeader('Content-Disposition', `attachment; filename="${pass.fileName}"`)
        .setHeader('Last-Modified', pass.lastModified.toUTCString())
        // It carries the ticket's QR: never kept by a shared cache.
        .setHeader('Cache-Control', 'private, no-store')
        .send(pass.file);
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/tickets/{ticketId}/google-wallet',
      summary: 'A "Save to Google Wallet" link for the ticket (a signed JWT; nothing is sent to Google)',
      description: `${ACCESS} A refunded or void ticket is saved as INACTIVE.`,
      tags,
      access: 'public',
      params: TicketParams,
      query: TicketAccessQuery,
      status: 200,
      response: GoogleWalletSaveLink,
    },
    async ({ auth, params, query, res }) => {
      res.setHeader('Cache-Control', 'private, no-store');
      return wallet.googleSaveLink(auth, params.ticketId, query.token);
    },
  );
}

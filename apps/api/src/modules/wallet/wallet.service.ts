import type { GoogleWalletSaveLink, WalletConfig, WalletUpdatedPasses } from '@zevents/contracts';
import type { Logger } from 'pino';
import type { WalletSettings } from '../../config';
import type { Db } from '../../db/client';
import type { AuthContext } from '../../http/auth-context';
import { AppError, notFound } from '../../http/errors';
import type { Clock } from '../../shared/clock';
import { type EventRow, eventOnDate, findEventById } from '../events';
import type { TicketTransferService } from '../order-desk';
import { findOrder, hasBeenPaid, type OrdersService } from '../orders';
import { findOrganization } from '../organizations';
import { findTicketById, type TicketRow } from '../tickets';
import { buildApplePass } from './apple-pass';
import { buildGoogleSaveUrl } from './google-wallet';
import { fingerprintOf, type PassContent, passContentOf } from './pass-content';
import { applePassTokenOf, createPassTokens } from './pass-tokens';
import * as repo from './wallet.repository';

export interface WalletDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  settings: WalletSettings;
  publicUrl: string;
  appSecret: string;
  orders: Pick<OrdersService, 'loadView'>;
  /** The ticket PDF's access rule (holder's token, buyer's order token or session, organizers). */
  transfers: Pick<TicketTransferService, 'ticketForPdf'>;
}

export interface ApplePassFile {
  file: Buffer;
  fileName: string;
  lastModified: Date;
}

/** A pass as the iPhone names it in Apple's web service paths. */
export type DevicePass = repo.DevicePass;

const walletNotConfigured = (wallet: string) =>
  new AppError('WALLET_NOT_CONFIGURED', `${wallet} passes are not set up on this server`);

const wrongPassToken = () =>
  new AppError('UNAUTHENTICATED', 'The ApplePass authorization is missing or does not match the pass');

/** Most log lines one device request may leave; the rest are counted, not written. */
const MAX_LOGGED_LINES = 20;

/**
 * Apple Wallet passes (signed .pkpass files, kept up to date through Apple's pass web service) and
 * "Save to Google Wallet" links, for the people who may download the ticket's PDF.
 */
/** About 10-20 KB each: a few MB at most. */
const SIGNED_PASSES_KEPT = 500;

export function createWalletService(deps: WalletDeps) {
  const { db, clock, settings } = deps;
  const passTokens = createPassTokens(deps.appSecret);
  const webServiceUrl = `${deps.publicUrl}/api/wallet`;

  function requireApple() {
    if (!settings.apple) throw walletNotConfigured('Apple Wallet');
    return settings.apple;
  }

  async function contentOf(source: {
    ticket: Parameters<typeof passContentOf>[0]['ticket'] & { dateId?: string | null };
    event: EventRow;
    orderId: string;
  }): Promise<PassContent> {
    // A ticket for one date of the event shows that date's start and end.
    const [organization, event] = await Promise.all([
      findOrganization(db, source.event.organizationId),
      eventOnDate(db, source.event, source.ticket.dateId),
    ]);
    return passContentOf({ ...source, event, organizationName: organization?.name ?? '' });
  }

  /** For the caller of a ticket route: the same 404s as the ticket's PDF. */
  async function contentForCaller(auth: AuthContext, ticketId: string, token: string | undefined) {
    const { ticket, event, order } = await deps.transfers.ticketForPdf(auth, ticketId, token);
    return contentOf({ ticket, event, orderId: order.id });
  }

  /**
   * For an iPhone: the pass its `ApplePass` token opens (the token is the ticket's id and current
   * code, signed), else 401, whether the ticket is unknown or the token wrong.
   */
  async function contentForDevice(
    passTypeId: string,
    serialNumber: string,
    authorization: string | undefined,
  ): Promise<PassContent> {
    const apple = requireApple();
    if (passTypeId !== apple.passTypeId) throw notFound('Pass type');
    const ticket = await findTicketById(db, serialNumber);
    if (!ticket || !passTokens.isValid(ticket, applePassTokenOf(authorization))) throw wrongPassToken();
    const content = await currentContent(ticket);
    if (!content) throw wrongPassToken();
    return content;
  }

  /** A ticket's pass as it is now, with nobody's access checked (the caller did); undefined: gone. */
  async function currentContent(row: TicketRow): Promise<PassContent | undefined> {
    const order = await findOrder(db, row.orderId);
    if (!order || !hasBeenPaid(order)) return undefined;
    const [view, event] = await Promise.all([deps.orders.loadView(order.id), findEventById(db, row.eventId)]);
    const ticket = view.tickets?.find((candidate) => candidate.id === row.id);
    if (!ticket || !event) return undefined;
    return contentOf({ ticket, event, orderId: order.id });
  }

  const recordVersion = (content: PassContent) =>
    repo.recordPassVersion(db, {
      ticketId: content.ticketId,
      eventId: content.eventId,
      contentHash: fingerprintOf(content),
      now: clock.now(),
    });

  /**
   * Signed files by content: signing takes ~40 ms of CPU on the thread that answers HTTP, and a
   * buyer (or a device polling for updates) asks again for the same pass; a changed ticket or event
   * changes the fingerprint. The oldest entries go first past SIGNED_PASSES_KEPT.
   */
  const signedPasses = new Map<string, Buffer>();

  function passFile(content: PassContent, lastModified: Date): ApplePassFile {
    const key = fingerprintOf(content);
    let file = signedPasses.get(key);
    if (!file) {
      file = buildApplePass(requireApple(), content, {
        url: webServiceUrl,
        authenticationToken: passTokens.tokenFor({ id: content.ticketId, code: content.code }),
      });
      signedPasses.set(key, file);
      const oldest = signedPasses.keys().next();
      if (signedPasses.size > SIGNED_PASSES_KEPT && !oldest.done) signedPasses.delete(oldest.value);
    }
    return { file, fileName: `ticket-${content.code}.pkpass`, lastModified };
  }

  return {
    config(): WalletConfig {
      return { apple: settings.apple !== undefined, google: settings.google !== undefined };
    },

    async applePass(auth: AuthContext, ticketId: string, token: string | undefined): Promise<ApplePassFile> {
      requireApple();
      const content = await contentForCaller(auth, ticketId, token);
      return passFile(content, await recordVersion(content));
    },

    async googleSaveLink(
      auth: AuthContext,
      ticketId: string,
      token: string | undefined,
    ): Promise<GoogleWalletSaveLink> {
      const google = settings.google;
      if (!google) throw walletNotConfigured('Google Wallet');
      const content = await contentForCaller(auth, ticketId, token);
      const url = await buildGoogleSaveUrl(google, content, { origin: deps.publicUrl, now: clock.now() });
      return { url };
    },

    /** Apple's "register a pass for update notifications"; true when this device had not yet. */
    async registerDevice(pass: DevicePass, authorization: string | undefined, pushToken: string) {
      const content = await contentForDevice(pass.passTypeId, pass.serialNumber, authorization);
      await recordVersion(content);
      return repo.upsertRegistration(db, { ...pass, eventId: content.eventId, pushToken });
    },

    async unregisterDevice(pass: DevicePass, authorization: string | undefined): Promise<void> {
      await contentForDevice(pass.passTypeId, pass.serialNumber, authorization);
      await repo.deleteRegistration(db, pass);
    },

    /**
     * Apple's "serial numbers of updated passes": the device's passes whose content changed after
     * `since` (the `lastUpdated` tag of its previous call, epoch milliseconds); undefined when none.
     * A tag this server did not write counts as no tag: the device then fetches its passes again.
     */
    async updatedPasses(
      device: { deviceLibraryId: string; passTypeId: string },
      since: string | undefined,
    ): Promise<WalletUpdatedPasses | undefined> {
      const apple = requireApple();
      if (device.passTypeId !== apple.passTypeId) throw notFound('Pass type');
      const sinceMs = since !== undefined && /^\d{1,16}$/.test(since) ? Number(since) : undefined;
      const updated: string[] = [];
      let lastUpdated = 0;
      for (const serialNumber of await repo.listSerialsOfDevice(db, device)) {
        const row = await findTicketById(db, serialNumber);
        const content = row && (await currentContent(row));
        if (!content) continue;
        const modified = (await recordVersion(content)).getTime();
        lastUpdated = Math.max(lastUpdated, modified);
        if (sinceMs === undefined || modified > sinceMs) updated.push(serialNumber);
      }
      return updated.length === 0 ? undefined : { serialNumbers: updated, lastUpdated: String(lastUpdated) };
    },

    /**
     * Apple's "latest version of a pass". Not modified (the device's If-Modified-Since is at or after
     * the pass's last change, in whole seconds as HTTP dates are): no file, and no signing spent.
     */
    async latestPass(
      pass: { passTypeId: string; serialNumber: string },
      authorization: string | undefined,
      ifModifiedSince: Date | undefined,
    ): Promise<{ lastModified: Date; file?: ApplePassFile }> {
      const content = await contentForDevice(pass.passTypeId, pass.serialNumber, authorization);
      const lastModified = await recordVersion(content);
      if (ifModifiedSince && lastModified.getTime() <= ifModifiedSince.getTime()) return { lastModified };
      return { lastModified, file: passFile(content, lastModified) };
    },

    /** Apple's "log a message": what devices report about our passes, for the operator to read. */
    recordDeviceLogs(logs: readonly string[]): void {
      for (const line of logs.slice(0, MAX_LOGGED_LINES))
        deps.logger.warn({ walletDevice: line }, 'wallet log');
      if (logs.length > MAX_LOGGED_LINES)
        deps.logger.warn({ dropped: logs.length - MAX_LOGGED_LINES }, 'wallet log lines dropped');
    },
  };
}

export type WalletService = ReturnType<typeof createWalletService>;

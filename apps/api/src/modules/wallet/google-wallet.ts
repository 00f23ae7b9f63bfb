import { SignJWT } from 'jose';
import type { GoogleWalletSettings } from '../../config';
import { isoInEventZone, type PassContent } from './pass-content';

const SAVE_URL = 'https://pay.google.com/gp/v/save/';

const localized = (value: string) => ({ defaultValue: { language: 'en', value } });

/**
 * The "Save to Google Wallet" link: a JWT signed by the issuer's service account that carries the
 * event's ticket class and this ticket's object in full, so Google creates both when the link is
 * opened and nothing is sent to Google from here. Class and object ids are the issuer id dotted
 * with our own ids, which Google allows (letters, digits, `.`, `_`, `-`).
 */
export async function buildGoogleSaveUrl(
  settings: GoogleWalletSettings,
  content: PassContent,
  options: { origin: string; now: Date },
): Promise<string> {
  const classId = `${settings.issuerId}.${content.eventId}`;
  const venue = content.venue ?? '';
  const payload = {
    eventTicketClasses: [
      {
        id: classId,
        issuerName: content.organizationName || 'Z-Events',
        eventName: localized(content.eventTitle),
        ...(venue ? { venue: { name: localized(venue), address: localized(venue) } } : {}),
        dateTime: {
          start: isoInEventZone(content.startsAt, content.timezone),
          end: isoInEventZone(content.endsAt, content.timezone),
        },
        reviewStatus: 'UNDER_REVIEW',
      },
    ],
    eventTicketObjects: [
      {
        id: `${settings.issuerId}.${content.ticketId}`,
        classId,
        state: content.isVoid ? 'INACTIVE' : 'ACTIVE',
        barcode: { type: 'QR_CODE', value: content.qr, alternateText: content.code },
        ticketHolderName: content.attendeeName,
        ticketNumber: content.code,
        ticketType: localized(content.ticketTypeName),
        reservationInfo: { confirmationCode: content.orderId },
      },
    ],
  };
  const jwt = await new SignJWT({ origins: [options.origin], typ: 'savetowallet', payload })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuer(settings.serviceAccountEmail)
    .setAudience('google')
    .setIssuedAt(Math.floor(options.now.getTime() / 1000))
    .sign(settings.privateKey);
  return `${SAVE_URL}${jwt}`;
}

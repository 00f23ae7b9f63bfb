import { PassType, PKPass } from 'passkit-generator';
import type { ApplePassSettings } from '../../config';
import { isoInEventZone, type PassContent } from './pass-content';
import { passImages } from './pass-images';

export const PKPASS_CONTENT_TYPE = 'application/vnd.apple.pkpass';

/** Where the iPhone keeps the pass up to date: Apple appends `/v1/devices/...` and `/v1/passes/...`. */
export interface PassWebService {
  url: string;
  authenticationToken: string;
}

/** Colours of the ticket PDF's band, so the pass and the printout look like the same ticket. */
const COLORS = {
  backgroundColor: 'rgb(30, 27, 75)',
  foregroundColor: 'rgb(255, 255, 255)',
  labelColor: 'rgb(199, 210, 254)',
};

/**
 * A signed .pkpass (a zip of pass.json, the images, manifest.json and its PKCS#7 signature) of the
 * eventTicket style. Dates are written with the event's own offset and `ignoresTimeZone`, so an
 * attendee travelling to the event reads the local time of the venue, as on the PDF.
 */
export function buildApplePass(
  settings: ApplePassSettings,
  content: PassContent,
  webService: PassWebService,
): Buffer {
  // passkit-generator signs with node-forge, which takes the key as PEM text.
  const signerKey = settings.signerKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const pass = new PKPass(
    { ...passImages() },
    { wwdr: settings.wwdr, signerCert: settings.signerCert, signerKey },
    {
      formatVersion: 1,
      passTypeIdentifier: settings.passTypeId,
      teamIdentifier: settings.teamId,
      organizationName: settings.organizationName ?? (content.organizationName || 'Z-Events'),
      description: `Ticket for ${content.eventTitle}`,
      serialNumber: content.ticketId,
      webServiceURL: webService.url,
      authenticationToken: webService.authenticationToken,
      logoText: content.organizationName || 'Z-Events',
      voided: content.isVoid,
      ...COLORS,
    },
  );
  pass.types.push(eventTicketFields(content));
  pass.setBarcodes({
    format: 'PKBarcodeFormatQR',
    message: content.qr,
    // The QR string is ASCII; Apple's examples and scanners expect this encoding named.
    messageEncoding: 'iso-8859-1',
    altText: content.code,
  });
  pass.setRelevantDate(content.startsAt);
  return pass.getAsBuffer();
}

function eventTicketFields(content: PassContent): PassType<'eventTicket'> {
  const ticket = new PassType('eventTicket');
  // A date field: Wallet formats it in the reader's language, at the venue's local time.
  const when = (key: string, label: string, instant: Date) => ({
    key,
    label,
    value: isoInEventZone(instant, content.timezone),
    dateStyle: 'PKDateStyleMedium' as const,
    timeStyle: 'PKDateStyleShort' as const,
    ignoresTimeZone: true,
  });
  ticket.primaryFields.push({ key: 'event', label: 'EVENT', value: content.eventTitle });
  ticket.secondaryFields.push(when('starts', 'STARTS', content.startsAt));
  if (content.venue) ticket.secondaryFields.push({ key: 'venue', label: 'VENUE', value: content.venue });
  ticket.auxiliaryFields.push(
    { key: 'ticketType', label: 'TICKET', value: content.ticketTypeName },
    { key: 'attendee', label: 'ATTENDEE', value: content.attendeeName },
  );
  ticket.backFields.push(
    when('ends', 'Ends', content.endsAt),
    { key: 'timezone', label: 'Time zone', value: content.timezone },
    { key: 'code', label: 'Ticket code', value: content.code },
    { key: 'order', label: 'Order', value: content.orderId },
  );
  if (content.organizationName)
    ticket.backFields.push({ key: 'organizer', label: 'Organizer', value: content.organizationName });
  return ticket;
}
